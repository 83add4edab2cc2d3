/**
 * A small seeded generator for the dataset screens (isolation-forest sampling, fold assignment,
 * k-means++ seeding, MinHash coefficients): sfc32 seeded through splitmix32, identical in every
 * runtime, fast, and NOT cryptographic. Every random choice of this module comes from one of these,
 * so a screening run is reproducible from its seed.
 */
import { ainteger } from '@modelsec/core';

/** A seeded pseudo-random generator (not for cryptography). */
export interface DatasetRng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform unsigned 32-bit integer. */
  u32(): number;
  /** Standard normal sample (Box-Muller). */
  normal(): number;
}

/**
 * Create a seeded generator.
 *
 * @param seed - an unsigned 32-bit integer.
 * @example
 * ```ts
 * const rng = createDatasetRng(7);
 * rng.int(10); // the same value on every run
 * ```
 */
export function createDatasetRng(seed: number): DatasetRng {
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
  return {
    u32,
    next: () => u32() / 4294967296,
    int: (n) => Math.floor((u32() / 4294967296) * n),
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
  };
}

/**
 * Shuffle `items` in place (Fisher-Yates) with `rng`.
 *
 * @example
 * ```ts
 * shuffleInPlace(Int32Array.from([0, 1, 2, 3]), createDatasetRng(1));
 * ```
 */
export function shuffleInPlace<T extends { length: number; [i: number]: unknown }>(items: T, rng: DatasetRng): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
  return items;
}
