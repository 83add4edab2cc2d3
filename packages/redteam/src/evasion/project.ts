/**
 * Steps and projections of the norm-bounded attacks: the signed (L∞) or normalised (L2) step, and the
 * projection back onto the ε-ball around the clean input intersected with the valid input range.
 */
import type { InputBounds } from '../data';
import type { Norm } from './result';

/** x ← x + size · direction(g) per sample: sign(g) for L∞, g/‖g‖₂ for L2. */
export function stepInPlace(x: Float32Array, g: Float32Array, size: number, norm: Norm, d: number): void {
  const count = x.length / d;
  for (let s = 0; s < count; s++) {
    const o = s * d;
    if (norm === 'linf') {
      for (let i = o; i < o + d; i++) x[i] = (x[i] as number) + size * Math.sign(g[i] as number);
    } else {
      let sq = 0;
      for (let i = o; i < o + d; i++) sq += (g[i] as number) ** 2;
      const n = Math.sqrt(sq);
      if (n === 0) continue;
      for (let i = o; i < o + d; i++) x[i] = (x[i] as number) + (size * (g[i] as number)) / n;
    }
  }
}

/** Project each sample of `x` onto { ‖x − x0‖ ≤ eps } ∩ [min, max]^d (in place). */
export function projectInPlace(
  x: Float32Array,
  x0: Float32Array,
  eps: number,
  norm: Norm,
  bounds: InputBounds,
  d: number,
): void {
  const [lo, hi] = bounds;
  const count = x.length / d;
  for (let s = 0; s < count; s++) {
    const o = s * d;
    if (norm === 'linf') {
      for (let i = o; i < o + d; i++) {
        const c = x0[i] as number;
        x[i] = Math.min(hi, Math.max(lo, Math.min(c + eps, Math.max(c - eps, x[i] as number))));
      }
    } else {
      let sq = 0;
      for (let i = o; i < o + d; i++) sq += ((x[i] as number) - (x0[i] as number)) ** 2;
      const n = Math.sqrt(sq);
      const scale = n > eps ? eps / n : 1;
      // Clipping to the box afterwards only moves coordinates towards x0, so the norm stays ≤ eps.
      for (let i = o; i < o + d; i++) {
        const c = x0[i] as number;
        x[i] = Math.min(hi, Math.max(lo, c + ((x[i] as number) - c) * scale));
      }
    }
  }
}
