/**
 * Standard normal deviates from any uniform source (Box-Muller): shared by the seeded generator and
 * by keyed streams, so every normal draw in modelsec consumes its uniforms the same way.
 */

/**
 * A generator of standard normal deviates from `uniform` (values in [0, 1)). Each pair of uniforms
 * gives two deviates; the second is returned by the next call. A zero first uniform is redrawn.
 *
 * @example
 * ```ts
 * const normal = boxMuller(() => rng.next());
 * normal(); // N(0, 1)
 * ```
 */
export function boxMuller(uniform: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const v = spare;
      spare = undefined;
      return v;
    }
    let u = 0;
    while (u === 0) u = uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}
