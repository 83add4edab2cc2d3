/**
 * Non-local means denoising (Buades, Coll & Morel 2005) as a feature squeezer for colour images, the
 * third squeezer of Xu et al. (they use OpenCV's `fastNlMeansDenoisingColored` with search window 11,
 * patch 3, strength 4/255). This is the classic pixelwise algorithm with the conventions of
 * scikit-image's `denoise_nl_means(..., fast_mode=False)`: Gaussian-weighted patch distance summed over
 * channels, numpy `reflect` padding of the patches, a search window clipped to the image, and weights cut
 * to 0 once the partial distance passes 5 (exp(-5) < 0.7 %).
 */
import { ainteger, anumber } from '@modelsec/core';
import { indexer, type Squeezer } from './squeezers';

/** Options of `nonLocalMeans`. */
export interface NonLocalMeansOptions {
  /** Patch size (odd, ≥ 3; default 3). */
  patchSize?: number;
  /** Search distance: candidates within this many pixels in each direction (default 5, an 11 × 11 window). */
  searchDistance?: number;
  /** Filter strength in pixel units (default 4/255 for pixels in [0, 1]). */
  h?: number;
}

/**
 * Non-local means smoothing.
 *
 * @example
 * ```ts
 * const squeezers = [bitDepth(5), medianSmoothing(2), nonLocalMeans({ searchDistance: 5, patchSize: 3, h: 4 / 255 })];
 * ```
 */
export function nonLocalMeans(options: NonLocalMeansOptions = {}): Squeezer {
  let s = options.patchSize ?? 3;
  ainteger(s, 'options.patchSize', { min: 3, max: 15 });
  if (s % 2 === 0) s += 1;
  const dist = options.searchDistance ?? 5;
  ainteger(dist, 'options.searchDistance', { min: 1, max: 32 });
  const h = options.h ?? 4 / 255;
  anumber(h, 'options.h', { min: 1e-12 });
  const offset = (s - 1) / 2;
  const a = (s - 1) / 4;
  const kernel = new Float64Array(s * s);
  let ksum = 0;
  for (let i = 0; i < s; i++) {
    for (let j = 0; j < s; j++) {
      const r = i - offset;
      const c = j - offset;
      const w = Math.exp(-(r * r + c * c) / (2 * a * a));
      kernel[i * s + j] = w;
      ksum += w;
    }
  }
  const name = `nonLocalMeans(${2 * dist + 1}-${s}-${+(h * 255).toPrecision(3)}/255)`;
  return {
    name,
    squeeze(sample, g, out) {
      const { channels: C, height: H, width: W } = g;
      const at = indexer(g);
      // Padded copy, channels last: (H + 2·offset) × (W + 2·offset) × C, numpy 'reflect' (edge not repeated).
      const PH = H + 2 * offset;
      const PW = W + 2 * offset;
      const pad = new Float64Array(PH * PW * C);
      for (let y = 0; y < PH; y++) {
        const sy = reflectNoEdge(y - offset, H);
        for (let x = 0; x < PW; x++) {
          const sx = reflectNoEdge(x - offset, W);
          for (let c = 0; c < C; c++) pad[(y * PW + x) * C + c] = sample[at(c, sy, sx)] as number;
        }
      }
      const norm = 1 / (C * ksum * h * h);
      const acc = new Float64Array(C);
      for (let row = 0; row < H; row++) {
        const i0 = Math.max(0, row - dist);
        const i1 = Math.min(H - 1, row + dist);
        for (let col = 0; col < W; col++) {
          const j0 = Math.max(0, col - dist);
          const j1 = Math.min(W - 1, col + dist);
          acc.fill(0);
          let wsum = 0;
          for (let i = i0; i <= i1; i++) {
            for (let j = j0; j <= j1; j++) {
              const w = patchWeight(pad, PW, C, s, row, col, i, j, kernel, norm);
              if (w === 0) continue;
              wsum += w;
              const base = ((i + offset) * PW + (j + offset)) * C;
              for (let c = 0; c < C; c++) acc[c] = (acc[c] as number) + w * (pad[base + c] as number);
            }
          }
          for (let c = 0; c < C; c++) out[at(c, row, col)] = (acc[c] as number) / wsum;
        }
      }
    },
  };
}

/** exp(-distance) between the patches whose top-left corners in `pad` are (r1, c1) and (r2, c2). */
function patchWeight(
  pad: Float64Array,
  PW: number,
  C: number,
  s: number,
  r1: number,
  c1: number,
  r2: number,
  c2: number,
  kernel: Float64Array,
  norm: number,
): number {
  let distance = 0;
  for (let i = 0; i < s; i++) {
    if (distance > 5) return 0;
    const a = ((r1 + i) * PW + c1) * C;
    const b = ((r2 + i) * PW + c2) * C;
    for (let j = 0; j < s; j++) {
      const w = (kernel[i * s + j] as number) * norm;
      for (let c = 0; c < C; c++) {
        const diff = (pad[a + j * C + c] as number) - (pad[b + j * C + c] as number);
        distance += w * diff * diff;
      }
    }
  }
  return Math.exp(-Math.max(0, distance));
}

/** numpy `reflect` padding index: `c b | a b c d | c b` (the edge is not repeated). */
function reflectNoEdge(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  let j = ((i % period) + period) % period;
  if (j >= n) j = period - j;
  return j;
}
