/**
 * Seeded pseudo-random numbers for reproducible experiments and screens: attack starts and
 * directions, surrogate initialisation, isolation-forest sampling, fold assignment, MinHash
 * coefficients, permutation tests. sfc32 seeded through splitmix32: the same seed gives the same
 * stream in every runtime. Fast and statistically fine for experiments, and NOT cryptographic: keys,
 * nonces and noise that defends against an attacker come from `randomBytes` (a CSPRNG) instead.
 */

import { ainteger } from '../errors/asserts';
import { boxMuller } from './box-muller';

/** A seeded pseudo-random generator (not for cryptography). */
export interface Rng {
  /** The seed it was created with. */
  readonly seed: number;
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform unsigned 32-bit integer. */
  u32(): number;
  /** Standard normal sample (Box-Muller). */
  normal(): number;
  /** Shuffle `items` (an array or typed array) in place (Fisher-Yates) and return it. */
  shuffle<A extends { length: number; [i: number]: unknown }>(items: A): A;
  /** A new, independent generator derived from this one's stream. */
  fork(): Rng;
}

const TWO_32 = 4294967296;

/**
 * Create a seeded generator. The same seed gives the same stream in every runtime.
 *
 * @param seed - a 32-bit unsigned integer
 * @throws RangeError when `seed` is not an integer in [0, 2^32).
 * @example
 * ```ts
 * const rng = createRng(42);
 * rng.next(); // same value on every run
 * rng.shuffle([1, 2, 3, 4]);
 * ```
 */
export function createRng(seed: number): Rng {
  ainteger(seed, 'seed', { min: 0, max: 0xffffffff });
  let s = seed >>> 0;
  const split = (): number => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const u32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) u32();
  return {
    seed,
    u32,
    next: () => u32() / TWO_32,
    int: (n) => Math.floor((u32() / TWO_32) * n),
    normal: boxMuller(() => u32() / TWO_32),
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor((u32() / TWO_32) * (i + 1));
        const t = items[i];
        items[i] = items[j];
        items[j] = t;
      }
      return items;
    },
    fork: () => createRng(u32()),
  };
}
