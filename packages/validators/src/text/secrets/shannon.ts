/**
 * Shannon entropy, shared by the entropy check and the assignment check of `detectSecrets`.
 */

/**
 * Shannon entropy of a string in bits per character.
 *
 * @example
 * ```ts
 * shannon('aaaa'); // 0
 * ```
 */
export function shannon(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}
