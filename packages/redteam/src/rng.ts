/**
 * Seeded pseudo-random numbers for reproducible attacks: every random choice in this package (random
 * starts, Square-attack squares, HopSkipJump directions, surrogate initialisation, shuffles, canaries)
 * comes from one `Rng`, never from `Math.random`. The generator is sfc32 seeded through splitmix32; it
 * is fast and statistically fine for experiments, and NOT cryptographic.
 */
import { ainteger } from '@modelsec/core';

/** A seeded pseudo-random generator (not for cryptography). */
export interface Rng {
  /** The seed it was created with. */
  readonly seed: number;
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal sample (Box-Muller). */
  normal(): number;
  /** Shuffle `items` in place (Fisher-Yates) and return it. */
  shuffle<T>(items: T[]): T[];
  /** A new, independent generator derived from this one's stream. */
  fork(): Rng;
}

/**
 * Create a seeded generator. The same seed gives the same stream in every runtime.
 *
 * @param seed - a 32-bit unsigned integer
 * @example
 * ```ts
 * const rng = createRng(42);
 * rng.next(); // same value on every run
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
  let spare: number | undefined;
  const rng: Rng = {
    seed,
    next: () => u32() / 4294967296,
    int(n) {
      return Math.floor((u32() / 4294967296) * n);
    },
    normal() {
      if (spare !== undefined) {
        const v = spare;
        spare = undefined;
        return v;
      }
      let u = 0;
      while (u === 0) u = u32() / 4294967296;
      const v = u32() / 4294967296;
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor((u32() / 4294967296) * (i + 1));
        const t = items[i] as (typeof items)[number];
        items[i] = items[j] as (typeof items)[number];
        items[j] = t;
      }
      return items;
    },
    fork: () => createRng(u32()),
  };
  return rng;
}
