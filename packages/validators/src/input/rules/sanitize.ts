/**
 * Sanitizing rules that always change the value: quantization onto a fixed grid (which also removes
 * low-amplitude perturbations, as the bit-depth squeezer does). Clipping to ranges is the `clip`
 * action of `featureRanges`, `profileRange` and `imageRule`.
 */
import { ainteger, anumber, ModelSecRangeError, type Rule } from '@modelsec/core';
import { quantizeValue } from '../squeeze/squeezers';
import { readTensor, rebuildTensor, type TensorInput, type TensorLimits } from '../tensor';

/** Options of `quantize`. */
export interface QuantizeOptions extends TensorLimits {
  /** Number of levels (e.g. 256 for 8-bit); give this or `bits`. */
  levels?: number;
  /** Bits per value (levels = 2^bits). */
  bits?: number;
  /** Value range the levels span (default [0, 1]); values outside are clamped. */
  range?: readonly [number, number];
}

/**
 * Snap every value to the nearest of `levels` evenly spaced values in `range` (ties to even). NaN is
 * left for `finiteValues` to reject: put that rule first.
 *
 * @example
 * ```ts
 * const rule = quantize({ bits: 8 }); // pixels in [0, 1] onto the 256 values of an 8-bit image
 * ```
 */
export function quantize(options: QuantizeOptions): Rule<TensorInput> {
  const levels = options.levels ?? (options.bits !== undefined ? 2 ** options.bits : undefined);
  if (options.bits !== undefined) ainteger(options.bits, 'options.bits', { min: 1, max: 24 });
  if (levels === undefined) throw new ModelSecRangeError('"options" needs levels or bits');
  ainteger(levels, 'options.levels', { min: 2, max: 2 ** 24 });
  const [lo, hi] = options.range ?? [0, 1];
  anumber(lo, 'options.range[0]');
  anumber(hi, 'options.range[1]');
  if (!(hi > lo)) throw new ModelSecRangeError('"options.range" expected [lo, hi] with lo < hi');
  return {
    name: 'quantize',
    check(value) {
      const view = readTensor(value, options);
      const out = new Float64Array(view.size);
      let changed = 0;
      for (let i = 0; i < view.size; i++) {
        const x = view.data[i] as number;
        const q = Number.isNaN(x) ? x : quantizeValue(x, levels, lo, hi);
        if (q !== x) changed++;
        out[i] = q;
      }
      // Routine sanitization, not a suspicion: the new value without a finding.
      return changed === 0 ? undefined : { value: rebuildTensor(value, view, out) as TensorInput };
    },
  };
}
