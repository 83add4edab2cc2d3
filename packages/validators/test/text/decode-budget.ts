// What a decoder spends of a small decoding budget, for the megabyte tests of the injection decoders
// (injection-bytes.test.ts, injection-spread.test.ts).

/** A decoder of decode.ts's kind: it asks `budget` before reading each run. */
type Decoder = (text: string, budget: (units: number) => boolean, take: () => void) => void;

/**
 * Run `decoders` over `text` with a budget of `cap` units (shared, as decodePayloads shares its own):
 * the units they were granted, the longest run granted and how many runs were.
 *
 * @example
 * ```ts
 * const { units, longest } = spend([scanAscii85], big); // units <= 4096 + longest
 * ```
 */
export function spend(
  decoders: readonly Decoder[],
  text: string,
  cap = 4096,
): { units: number; longest: number; calls: number } {
  let units = 0;
  let longest = 0;
  let calls = 0;
  const budget = (n: number) => {
    if (units >= cap) return false;
    calls++;
    units += n;
    longest = Math.max(longest, n);
    return true;
  };
  for (const d of decoders) d(text, budget, () => {});
  return { units, longest, calls };
}
