/**
 * Strings of Latin-1 units held one byte per unit. V8 (Node, Chromium) stores a string in two bytes per
 * unit when it was cut or lower-cased from one that had a unit over U+00FF, even when none of its own
 * units is: a word read out of a pattern's source that holds "règles" or "αγνο", a read-back view built
 * from such words, an accented text without its accents. Its regexes then run their two-byte code, which
 * for the phrase families' `\p{L}` classes costs about 5 times the one-byte code on the same text, and 10
 * times more where the engine has stopped optimizing newly compiled regexes (it does once a process has
 * compiled a megabyte of regex code and holds 16 MB of executable code: a long-running service, or a
 * benchmark with its peers in the process). Other engines lose nothing but a copy.
 */

/** A unit over U+00FF. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the Latin-1 range is the point.
const WIDE = /[^\u0000-\u00ff]/;
let encoder: TextEncoder | undefined;
let decoder: TextDecoder | undefined;

/**
 * `s` itself when one of its units is over U+00FF, else a copy of it read back from its UTF-8 bytes (V8's
 * UTF-8 decoder makes a one-byte string of Latin-1 text). Equal to `s` either way; linear: 1 MB in a few
 * milliseconds, a few times less than what it saves a single family regex on a megabyte.
 * @internal
 *
 * @example
 * ```ts
 * compactLatin1('règles αγνο ignore'.slice(12)); // 'ignore' (one byte per unit)
 * ```
 */
export function compactLatin1(s: string): string {
  if (s.length === 0 || WIDE.test(s)) return s;
  encoder ??= new TextEncoder();
  decoder ??= new TextDecoder();
  return decoder.decode(encoder.encode(s));
}
