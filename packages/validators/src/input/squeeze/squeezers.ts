/**
 * Feature squeezers (Xu, Evans & Qi, "Feature Squeezing", NDSS 2018): transforms that remove the fine
 * detail adversarial perturbations live in while keeping what a legitimate input is recognised by.
 * Bit-depth reduction (numpy `rint` semantics, round half to even), median smoothing (scipy.ndimage
 * `median_filter` semantics: `reflect` borders, rank ⌊size²/2⌋, so 2×2 takes the upper median), and
 * non-local means in `non-local-means.ts`.
 */
import { ainteger, anumber, ModelSecRangeError } from '@modelsec/core';
import type { ImageLayout } from '../rules/image';

/** Geometry of one image sample. */
export interface SampleGeometry {
  /** Channels. */
  readonly channels: number;
  /** Rows. */
  readonly height: number;
  /** Columns. */
  readonly width: number;
  /** Memory order. */
  readonly layout: ImageLayout;
}

/** A squeezer: a named transform of one sample into `out` (same size). */
export interface Squeezer {
  /** Name used in findings and reports (`bitDepth(1)`, `median(2)`...). */
  readonly name: string;
  /** Write the squeezed `sample` into `out`. */
  squeeze(sample: Float32Array, geometry: SampleGeometry, out: Float32Array): void;
}

/**
 * Round half to even, like numpy's `rint`.
 *
 * @example
 * ```ts
 * rint(0.5); // 0
 * rint(1.5); // 2
 * ```
 */
export function rint(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Snap `x` to one of `levels` evenly spaced values in `[lo, hi]` (values outside are clamped first).
 *
 * @example
 * ```ts
 * quantizeValue(0.3, 2, 0, 1); // 0
 * ```
 */
export function quantizeValue(x: number, levels: number, lo: number, hi: number): number {
  const steps = levels - 1;
  const t = Math.min(1, Math.max(0, (x - lo) / (hi - lo)));
  return lo + (rint(t * steps) / steps) * (hi - lo);
}

/**
 * Bit-depth reduction to `bits` bits (2^bits levels) over the pixel range `[lo, hi]` (default [0, 1]).
 *
 * @example
 * ```ts
 * const squeezer = bitDepth(1); // MNIST: Xu et al.'s best single squeezer
 * ```
 */
export function bitDepth(bits: number, range: readonly [number, number] = [0, 1]): Squeezer {
  ainteger(bits, 'bits', { min: 1, max: 16 });
  const [lo, hi] = range;
  anumber(lo, 'range[0]');
  anumber(hi, 'range[1]');
  if (!(hi > lo)) throw new ModelSecRangeError('"range" expected [lo, hi] with lo < hi');
  const levels = 2 ** bits;
  return {
    name: `bitDepth(${bits})`,
    squeeze(sample, _geometry, out) {
      for (let i = 0; i < sample.length; i++) out[i] = quantizeValue(sample[i] as number, levels, lo, hi);
    },
  };
}

/**
 * Median smoothing over a `size × size` window in each channel.
 *
 * @example
 * ```ts
 * const squeezer = medianSmoothing(2); // MNIST: 2×2, as in Xu et al.
 * ```
 */
export function medianSmoothing(size = 2): Squeezer {
  ainteger(size, 'size', { min: 1, max: 15 });
  const before = Math.floor(size / 2);
  const rank = Math.floor((size * size) / 2);
  const window = new Float64Array(size * size);
  return {
    name: `median(${size})`,
    squeeze(sample, g, out) {
      const { channels: C, height: H, width: W } = g;
      const at = indexer(g);
      for (let c = 0; c < C; c++) {
        for (let y = 0; y < H; y++) {
          for (let x = 0; x < W; x++) {
            let m = 0;
            for (let dy = 0; dy < size; dy++) {
              const yy = reflect(y + dy - before, H);
              for (let dx = 0; dx < size; dx++) window[m++] = sample[at(c, yy, reflect(x + dx - before, W))] as number;
            }
            out[at(c, y, x)] = select(window, m, rank);
          }
        }
      }
    },
  };
}

/**
 * Index of channel `c`, row `y`, column `x` in a sample of the given geometry.
 *
 * @example
 * ```ts
 * indexer({ channels: 3, height: 2, width: 2, layout: 'hwc' })(1, 0, 1); // 4
 * ```
 */
export function indexer(g: SampleGeometry): (c: number, y: number, x: number) => number {
  const { channels: C, height: H, width: W } = g;
  return g.layout === 'chw' ? (c, y, x) => (c * H + y) * W + x : (c, y, x) => (y * W + x) * C + c;
}

/**
 * scipy.ndimage `reflect` border: `d c b a | a b c d | d c b a`.
 *
 * @example
 * ```ts
 * reflect(-1, 4); // 0
 * ```
 */
export function reflect(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * n;
  let j = ((i % period) + period) % period;
  if (j >= n) j = period - 1 - j;
  return j;
}

/** The element of rank `k` (0-based) among the first `m` values (insertion sort: windows are tiny). */
function select(a: Float64Array, m: number, k: number): number {
  for (let i = 1; i < m; i++) {
    const v = a[i] as number;
    let j = i - 1;
    while (j >= 0 && (a[j] as number) > v) {
      a[j + 1] = a[j] as number;
      j--;
    }
    a[j + 1] = v;
  }
  return a[k] as number;
}
