/**
 * Image checks: size, channel count and pixel range for image tensors (`[C,H,W]`/`[N,C,H,W]` or
 * `[H,W,C]`/`[N,H,W,C]`, or `[H,W]`) and for browser `ImageData`-like objects (`{ width, height, data }`).
 */
import { aoneOf, ModelSecRangeError, type Rule, ValidationError } from '@modelsec/core';
import { finding } from '../finding';
import { readTensor, rebuildTensor, type TensorInput, type TensorLimits, type TensorView } from '../tensor';

/** Memory order of an image: channels first (ONNX, PyTorch) or last (TensorFlow, ImageData). */
export type ImageLayout = 'chw' | 'hwc';

/** An exact size, or bounds. */
export type SizeSpec =
  | number
  | {
      /** Smallest allowed size (default 0). */
      readonly min?: number;
      /** Largest allowed size (default unbounded). */
      readonly max?: number;
    };

/** What `ImageData` (canvas) looks like: RGBA bytes, row-major. */
export interface ImageDataLike {
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
  /** `width × height × 4` RGBA bytes. */
  readonly data: Uint8ClampedArray;
}

/** Options of `imageRule`. */
export interface ImageRuleOptions extends TensorLimits {
  /** Layout of tensor inputs (default `chw`). */
  layout?: ImageLayout;
  /** Allowed width. */
  width?: SizeSpec;
  /** Allowed height. */
  height?: SizeSpec;
  /** Allowed channel counts (e.g. `[1, 3]`). */
  channels?: number | readonly number[];
  /** Allowed pixel range, e.g. `[0, 1]` or `[0, 255]`. */
  range?: readonly [number, number];
  /** Pixels must be whole numbers (8-bit pipelines). */
  integer?: boolean;
  /** For pixels out of `range`: `block` (default) or `clip`. */
  action?: 'block' | 'clip';
}

/** Geometry read from an image input. */
export interface ImageGeometry {
  /** Images in the batch. */
  count: number;
  /** Channels per pixel. */
  channels: number;
  /** Rows. */
  height: number;
  /** Columns. */
  width: number;
  /** Memory order. */
  layout: ImageLayout;
}

/**
 * Check image size, channels and pixel range.
 *
 * @returns a rule that blocks with `invalid_shape` (size, channels) or `out_of_range` (pixels), or clips pixels.
 * @example
 * ```ts
 * const rule = imageRule({ layout: 'chw', width: 28, height: 28, channels: 1, range: [0, 1] });
 * ```
 */
export function imageRule(options: ImageRuleOptions = {}): Rule<TensorInput | ImageDataLike> {
  const layout = options.layout ?? 'chw';
  aoneOf(layout, 'options.layout', ['chw', 'hwc'] as const);
  const action = options.action ?? 'block';
  aoneOf(action, 'options.action', ['block', 'clip'] as const);
  const channels = options.channels === undefined ? undefined : [options.channels].flat();
  const range = options.range;
  if (range !== undefined && !(Array.isArray(range) && range.length === 2 && range[0] <= range[1])) {
    throw new ModelSecRangeError('"options.range" expected [min, max] with min <= max');
  }
  const name = 'imageRule';
  return {
    name,
    check(value) {
      const { view, geometry, imageData } = readImage(value, layout, options);
      const problems: string[] = [];
      if (!fits(geometry.width, options.width)) problems.push(`width ${geometry.width}`);
      if (!fits(geometry.height, options.height)) problems.push(`height ${geometry.height}`);
      if (channels && !channels.includes(geometry.channels)) problems.push(`${geometry.channels} channels`);
      const details = { ...geometry };
      if (problems.length > 0) {
        return {
          findings: [
            finding(name, 'invalid_shape', `image not accepted: ${problems.join(', ')}`, { action: 'block', details }),
          ],
        };
      }
      const { data, size } = view;
      let outside = 0;
      let fractional = 0;
      let nan = 0;
      const [lo, hi] = range ?? [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
      for (let i = 0; i < size; i++) {
        const x = data[i] as number;
        if (Number.isNaN(x)) nan++;
        else if (x < lo || x > hi) outside++;
        else if (options.integer && !Number.isInteger(x)) fractional++;
      }
      if (nan > 0) {
        return { findings: [finding(name, 'non_finite', `image has ${nan} NaN pixels`, { action: 'block', details })] };
      }
      if (fractional > 0) {
        return {
          findings: [
            finding(name, 'invalid_value', `${fractional} pixel values are not integers`, { action: 'block', details }),
          ],
        };
      }
      if (outside === 0) return undefined;
      const message = `${outside} pixel values outside [${lo}, ${hi}]`;
      if (action === 'block' || imageData) {
        return {
          findings: [finding(name, 'out_of_range', message, { action: 'block', details: { ...details, outside } })],
        };
      }
      const out = Float64Array.from({ length: size }, (_, i) => Math.min(hi, Math.max(lo, data[i] as number)));
      return {
        value: rebuildTensor(value, view, out) as TensorInput,
        findings: [
          finding(name, 'out_of_range', `${message} (clipped)`, { action: 'modify', details: { ...details, outside } }),
        ],
      };
    },
  };
}

/**
 * Read the geometry of an image input.
 *
 * @throws ValidationError `invalid_shape` when the tensor is not rank 2-4 (a bare typed array has no geometry).
 * @example
 * ```ts
 * imageGeometry(new ort.Tensor('float32', new Float32Array(784), [1, 1, 28, 28]), 'chw');
 * // { count: 1, channels: 1, height: 28, width: 28, layout: 'chw' }
 * ```
 */
export function imageGeometry(value: unknown, layout: ImageLayout = 'chw', limits: TensorLimits = {}): ImageGeometry {
  return readImage(value, layout, limits).geometry;
}

function readImage(
  value: unknown,
  layout: ImageLayout,
  limits: TensorLimits,
): { view: TensorView; geometry: ImageGeometry; imageData: boolean } {
  if (isImageDataLike(value)) {
    const view = readTensor(value.data, limits);
    if (view.size !== value.width * value.height * 4) {
      throw new ValidationError(
        'invalid_shape',
        `ImageData has ${view.size} bytes for ${value.width}×${value.height} RGBA`,
      );
    }
    const geometry: ImageGeometry = { count: 1, channels: 4, height: value.height, width: value.width, layout: 'hwc' };
    return { view, geometry, imageData: true };
  }
  const view = readTensor(value, limits);
  const s = view.shape;
  if (view.kind === 'typed' || s.length < 2 || s.length > 4) {
    throw new ValidationError('invalid_shape', `image tensor must have rank 2 to 4, got shape [${s.join(', ')}]`, {
      details: { shape: s },
    });
  }
  let geometry: ImageGeometry;
  if (s.length === 2) geometry = { count: 1, channels: 1, height: s[0] as number, width: s[1] as number, layout };
  else {
    const count = s.length === 4 ? (s[0] as number) : 1;
    const [a, b, c] = s.slice(-3) as [number, number, number];
    geometry =
      layout === 'chw'
        ? { count, channels: a, height: b, width: c, layout }
        : { count, channels: c, height: a, width: b, layout };
  }
  return { view, geometry, imageData: false };
}

function isImageDataLike(value: unknown): value is ImageDataLike {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.width === 'number' &&
    typeof v.height === 'number' &&
    Number.isSafeInteger(v.width) &&
    Number.isSafeInteger(v.height) &&
    v.data instanceof Uint8ClampedArray
  );
}

function fits(x: number, spec: SizeSpec | undefined): boolean {
  if (spec === undefined) return true;
  if (typeof spec === 'number') return x === spec;
  return x >= (spec.min ?? 0) && x <= (spec.max ?? Number.POSITIVE_INFINITY);
}
