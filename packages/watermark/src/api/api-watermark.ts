/**
 * API output watermarks (DAWN, Szyller et al. 2019), against models stolen by extraction: a keyed
 * HMAC-SHA-256 of each query's exact input bytes selects a small fraction `rate` of queries, and for
 * those the API answers a keyed alternative label (the scores of the top class and the alternative are
 * swapped, so soft outputs stay plausible). The selection is a function of the input, so repeating a
 * query gives the same answer. The (input, returned label) pairs are recorded; a surrogate trained on
 * the API's answers learns them, an independent model agrees with them only by chance.
 */
import {
  afunction,
  ainteger,
  anumber,
  aobject,
  argmax,
  type Classifier,
  ModelSecRangeError,
  ValidationError,
} from '@modelsec/core';
import {
  type AgreementOptions,
  type AgreementResult,
  agreementTest,
  type SuspectModel,
  suspectLabels,
} from '../shared/agreement';
import { deriveKey, keyBytes, prf, type WatermarkKey } from '../shared/key';

/** Options of `createApiWatermark`. */
export interface ApiWatermarkOptions {
  /** The owner's secret key. */
  key: WatermarkKey;
  /** Fraction of queries answered with the watermark label (0 < rate ≤ 0.5; DAWN uses 0.5% to 5%). */
  rate: number;
  /** Most records kept in `records` (default 100,000); later ones still reach `onRecord`. */
  maxRecords?: number;
  /** Called for each watermarked answer (persist records per client here). */
  onRecord?: (record: ApiWatermarkRecord) => void;
}

/** One watermarked answer. */
export interface ApiWatermarkRecord {
  /** The query's input (a copy). */
  input: Float32Array;
  /** The label the API returned (the watermark label). */
  label: number;
  /** The label the model predicted. */
  original: number;
}

/** The keyed decision for one input. */
export interface ApiWatermarkDecision {
  /** Whether this input is watermarked. */
  selected: boolean;
  /** The alternative label for this input, given the model's label (different from it). */
  label: number;
}

/** A watermarking layer for a classification API. */
export interface ApiWatermark {
  /** The selection rate. */
  readonly rate: number;
  /** Records of the watermarked answers so far (up to `maxRecords`). */
  readonly records: readonly ApiWatermarkRecord[];
  /** The keyed decision for an input the model labelled `label` among `numClasses`. */
  decide(input: Float32Array, label: number, numClasses: number): ApiWatermarkDecision;
  /** A `Classifier` that answers like `model` except on selected inputs, which get the watermark label. */
  wrap(model: Classifier): Classifier;
}

/**
 * Create an API watermark.
 *
 * @example
 * ```ts
 * const wm = createApiWatermark({ key: secret, rate: 0.01 });
 * const api = wm.wrap(model); // serve api.predict
 * // later: await verifyApiWatermark(suspect, wm.records)
 * ```
 */
export function createApiWatermark(options: ApiWatermarkOptions): ApiWatermark {
  aobject(options as unknown, 'options');
  const key = deriveKey(keyBytes(options.key, 'options.key'), 'api/selection');
  anumber(options.rate, 'options.rate', { min: 0, max: 0.5 });
  if (options.rate === 0) throw new ModelSecRangeError('"options.rate" expected a number in (0, 0.5], got 0');
  const rate = options.rate;
  const maxRecords = options.maxRecords ?? 100_000;
  ainteger(maxRecords, 'options.maxRecords', { min: 0 });
  if (options.onRecord !== undefined) afunction(options.onRecord, 'options.onRecord');
  const onRecord = options.onRecord;
  const records: ApiWatermarkRecord[] = [];
  const threshold = rate * 2 ** 32;

  const decide = (input: Float32Array, label: number, numClasses: number): ApiWatermarkDecision => {
    // Canonical bytes: -0 → 0, so equal inputs always hash alike.
    const canonical = new Float32Array(input.length);
    for (let i = 0; i < input.length; i++) {
      const v = input[i] as number;
      if (Number.isNaN(v)) throw new ValidationError('non_finite', 'the input holds NaN');
      canonical[i] = v === 0 ? 0 : v;
    }
    const tag = prf(key, new Uint8Array(canonical.buffer));
    const view = new DataView(tag.buffer, tag.byteOffset, tag.byteLength);
    const selected = view.getUint32(0, true) < threshold;
    const offset = 1 + (view.getUint32(4, true) % (numClasses - 1));
    return { selected, label: (label + offset) % numClasses };
  };

  return {
    rate,
    records,
    decide(input, label, numClasses) {
      if (!(input instanceof Float32Array))
        throw new ValidationError('invalid_value', 'the input must be a Float32Array');
      ainteger(numClasses, 'numClasses', { min: 2, max: 65_536 });
      ainteger(label, 'label', { min: 0, max: numClasses - 1 });
      return decide(input, label, numClasses);
    },
    wrap(model) {
      aobject(model as unknown, 'model');
      afunction(model.predict, 'model.predict');
      const k = model.numClasses;
      const d = model.sampleSize;
      ainteger(k, 'model.numClasses', { min: 2, max: 65_536 });
      return {
        sampleShape: model.sampleShape,
        sampleSize: d,
        numClasses: k,
        scores: model.scores,
        maxBatch: model.maxBatch,
        async predict(batch, count) {
          const scores = await model.predict(batch, count);
          const out = new Float32Array(scores);
          const top = argmax(out, k);
          for (let s = 0; s < count; s++) {
            const input = batch.subarray(s * d, (s + 1) * d);
            const original = top[s] as number;
            const decision = decide(input, original, k);
            if (!decision.selected) continue;
            const a = s * k + original;
            const b = s * k + decision.label;
            const t = out[a] as number;
            out[a] = out[b] as number;
            out[b] = t;
            const record = { input: input.slice(), label: decision.label, original };
            if (records.length < maxRecords) records.push(record);
            onRecord?.(record);
          }
          return out;
        },
      };
    },
  };
}

/** Options of `verifyApiWatermark`. */
export interface ApiVerifyOptions extends AgreementOptions {
  /** Number of classes of the task (default: the suspect's `numClasses`, else 1 + the largest label). */
  numClasses?: number;
}

/**
 * Query a suspect model on the watermarked inputs and test how often it answers the watermark labels.
 *
 * @throws ValidationError when the records are malformed or the suspect answers in the wrong shape.
 * @example
 * ```ts
 * const r = await verifyApiWatermark(suspect, wm.records);
 * r.pValue; // < 1e-4 for a surrogate extracted from the API
 * ```
 */
export async function verifyApiWatermark(
  suspect: SuspectModel,
  records: readonly ApiWatermarkRecord[],
  options: ApiVerifyOptions = {},
): Promise<AgreementResult> {
  aobject(options as unknown, 'options');
  if (!Array.isArray(records)) throw new ValidationError('invalid_value', 'records must be an array');
  let numClasses =
    options.numClasses ?? (typeof suspect === 'object' && suspect !== null ? suspect.numClasses : undefined);
  if (numClasses === undefined) {
    numClasses = 2;
    for (const r of records) if (typeof r?.label === 'number') numClasses = Math.max(numClasses, r.label + 1);
  }
  ainteger(numClasses, 'numClasses', { min: 2, max: 65_536 });
  if (records.length === 0) return agreementTest(0, 0, numClasses, options);
  const first = records[0] as ApiWatermarkRecord;
  const d = first?.input instanceof Float32Array ? first.input.length : 0;
  if (d === 0 || d * records.length > 2 ** 28)
    throw new ValidationError('invalid_shape', 'records must hold equal-size Float32Array inputs');
  const inputs = new Float32Array(d * records.length);
  records.forEach((r, i) => {
    if (
      !(r?.input instanceof Float32Array) ||
      r.input.length !== d ||
      !Number.isInteger(r.label) ||
      r.label < 0 ||
      r.label >= (numClasses as number)
    ) {
      throw new ValidationError('invalid_shape', `record ${i} is malformed`);
    }
    inputs.set(r.input, i * d);
  });
  const predicted = await suspectLabels(suspect, inputs, records.length, numClasses);
  let matches = 0;
  records.forEach((r, i) => {
    if (predicted[i] === r.label) matches++;
  });
  return agreementTest(matches, records.length, numClasses, options);
}
