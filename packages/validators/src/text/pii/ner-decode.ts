/**
 * `decodeTokenClassification`: the output of a token-classification model (a BERT/RoBERTa NER head run
 * by onnxruntime-web, for instance) turned into entity spans for `detectPIIAsync`. Per token: softmax
 * over the labels (unless the scores are probabilities already), best label and its probability. Then
 * subword tokens are joined into words (`aggregation`, as in Hugging Face's token-classification
 * pipeline), and consecutive words are joined into entities by their label prefixes (IOB2, IOBES or
 * BILOU; a label without a prefix continues an entity of its type). An entity's score is the mean of its
 * words' scores; its span runs from its first word's start to its last word's end, without surrounding
 * white space.
 *
 * Everything the model and the tokenizer return is checked: shapes, offsets inside the text, finite
 * scores. A mismatch is a `ValidationError` (its message gives sizes and positions, never text).
 */
import {
  aboolean,
  aobject,
  aoneOf,
  describeValue,
  ModelSecRangeError,
  ModelSecTypeError,
  ValidationError,
} from '@modelsec/core';
import { astringList } from '../shared/args';
import { checkText } from '../shared/limits';
import type { NerEntity } from './detect';

/** How subword tokens become words before entities are formed (Hugging Face's `aggregation_strategy`). */
export type NerAggregation = 'simple' | 'first' | 'average' | 'max';

/** The aggregations `decodeTokenClassification` knows. */
export const NER_AGGREGATIONS: readonly NerAggregation[] = /* @__PURE__ */ Object.freeze([
  'simple',
  'first',
  'average',
  'max',
]);

/** A token-classification model's answer for one text. */
export interface TokenClassification {
  /**
   * Each token's `[start, end)` in the text (UTF-16 offsets, in text order). A token with
   * `start === end` has no text (`[CLS]`, `[SEP]`, padding) and is skipped.
   */
  offsets: readonly (readonly [number, number])[];
  /** The model's scores, `offsets.length × labels.length` numbers, row-major: logits unless `probabilities`. */
  scores: ArrayLike<number>;
  /**
   * Optional word number of each token, as tokenizers' `word_ids()` gives it: the tokens of one word
   * share it. Without it, a token continues the word of the token before when it starts inside that
   * token, or right where it ends between two letters or digits ("Love" + "lace").
   */
  words?: ArrayLike<number>;
}

/** Options of `decodeTokenClassification`. */
export interface DecodeTokensOptions {
  /** The label of each score column (the model's `id2label`), e.g. `['O', 'B-PER', 'I-PER', ...]`. */
  labels: readonly string[];
  /**
   * `simple`: every token on its own; `first` (default): a word takes its first token's label;
   * `max`: the label of its most confident token; `average`: the best label of its tokens' mean
   * probabilities.
   */
  aggregation?: NerAggregation;
  /** The scores are probabilities already (each row sums to 1); default false: logits. */
  probabilities?: boolean;
  /** Labels outside any entity; default `['O']`. */
  outside?: readonly string[];
}

/** A word (or token, for `simple`): its span, best label and that label's probability. */
interface Unit {
  start: number;
  end: number;
  label: number;
  score: number;
}

/** Letters, marks and digits: a token starting right after one of these, with one, continues a word. @internal */
export const WORD_UNIT: RegExp = /[\p{L}\p{M}\p{N}]/u;
/** A label's IOB2/IOBES/BILOU prefix and its entity type ("B-PER"). @internal */
export const LABEL_PREFIX: RegExp = /^([BIESLU])[-_](.+)$/;

/**
 * Entities from a token-classification model's output.
 *
 * @param text - the text the tokens come from (offsets index it).
 * @returns entities in text order: `entity` is the label without its prefix (`PER`), score in [0, 1].
 * @throws ModelSecTypeError / ModelSecRangeError for bad options; ValidationError `invalid_shape`,
 *   `out_of_range`, `invalid_value` or `non_finite` for a model or tokenizer output that does not fit.
 * @example
 * ```ts
 * const text = 'Ada Lovelace';
 * const offsets = [[0, 0], [0, 3], [4, 8], [8, 12], [0, 0]] as const; // [CLS] ada love ##lace [SEP]
 * const labels = ['O', 'B-PER', 'I-PER'];
 * const scores = [5, 0, 0, 0, 6, 1, 0, 1, 6, 1, 2, 0, 5, 0, 0]; // logits, 5 tokens × 3 labels
 * decodeTokenClassification(text, { offsets, scores }, { labels });
 * // [{ entity: 'PER', start: 0, end: 12, score: 0.99... }] (a word takes its first piece's label)
 * ```
 */
export function decodeTokenClassification(
  text: string,
  output: TokenClassification,
  options: DecodeTokensOptions,
): NerEntity[] {
  checkText(text, 'text');
  aobject(output, 'output');
  const { labels, aggregation, probabilities, outside } = decodeOptions(options);
  const { offsets, scores, words } = output;
  if (!Array.isArray(offsets))
    throw new ModelSecTypeError(`"output.offsets" expected an array of [start, end], got ${describeValue(offsets)}`);
  const n = offsets.length;
  const width = labels.length;
  if (!isArrayLike(scores))
    throw new ModelSecTypeError(`"output.scores" expected an array of numbers, got ${describeValue(scores)}`);
  if (scores.length !== n * width) {
    throw new ValidationError(
      'invalid_shape',
      `"output.scores" has ${scores.length} numbers, expected ${n} tokens × ${width} labels = ${n * width}`,
    );
  }
  if (words !== undefined) {
    if (!isArrayLike(words))
      throw new ModelSecTypeError(`"output.words" expected an array of numbers, got ${describeValue(words)}`);
    if (words.length !== n)
      throw new ValidationError('invalid_shape', `"output.words" has ${words.length} items for ${n} tokens`);
  }
  const tokens = readOffsets(offsets, text.length);
  const kinds = labelKinds(labels, outside);
  const units = aggregate(text, tokens, scores, words, width, aggregation, probabilities);
  return entitiesOf(text, units, kinds);
}

/**
 * `options` checked, defaults applied.
 * @internal
 *
 * @example
 * ```ts
 * decodeOptions({ labels: ['O', 'B-PER'] }).aggregation; // 'first'
 * ```
 */
export function decodeOptions(options: DecodeTokensOptions): Required<DecodeTokensOptions> {
  aobject(options, 'options');
  const { labels, aggregation = 'first', probabilities = false, outside = ['O'] } = options;
  astringList(labels, 'options.labels');
  if (labels.length === 0) throw new ModelSecRangeError('"options.labels" expected at least one label, got 0');
  aoneOf(aggregation, 'options.aggregation', NER_AGGREGATIONS);
  aboolean(probabilities, 'options.probabilities');
  astringList(outside, 'options.outside');
  return { labels, aggregation, probabilities, outside };
}

/**
 * An array or a typed array (not a DataView): what a model or a tokenizer returns as a list.
 * @internal
 *
 * @example
 * ```ts
 * isArrayLike(new Float32Array(3)); // true
 * ```
 */
export function isArrayLike(v: unknown): v is ArrayLike<number> {
  return (
    Array.isArray(v) ||
    (ArrayBuffer.isView(v) && !(v instanceof DataView) && typeof (v as { length?: unknown }).length === 'number')
  );
}

/** Offsets as a flat Int32Array (start, end per token), checked: integers, inside the text, in order. */
function readOffsets(offsets: readonly (readonly [number, number])[], length: number): Int32Array {
  const out = new Int32Array(2 * offsets.length);
  let lastStart = 0;
  for (let k = 0; k < offsets.length; k++) {
    const pair: unknown = offsets[k];
    if (!isArrayLike(pair))
      throw new ModelSecTypeError(`"output.offsets[${k}]" expected [start, end], got ${describeValue(pair)}`);
    const s: unknown = pair[0];
    const e: unknown = pair[1];
    if (typeof s !== 'number' || typeof e !== 'number' || !Number.isInteger(s) || !Number.isInteger(e)) {
      throw new ValidationError('invalid_value', `"output.offsets[${k}]" expected two integers`);
    }
    if (s < 0 || e < s || e > length) {
      throw new ValidationError(
        'out_of_range',
        `"output.offsets[${k}]" = [${s}, ${e}] is not a span of the ${length}-unit text`,
      );
    }
    if (s !== e) {
      if (s < lastStart)
        throw new ValidationError('invalid_value', `"output.offsets[${k}]" starts before the token before it`);
      lastStart = s;
    }
    out[2 * k] = s;
    out[2 * k + 1] = e;
  }
  return out;
}

/** Per label: 0 outside, else `type id << 3 | prefix` (prefix: 1 B, 2 I or none, 3 E/L, 4 S/U). */
function labelKinds(labels: readonly string[], outside: readonly string[]): { kind: Int32Array; types: string[] } {
  const kind = new Int32Array(labels.length);
  const types: string[] = [];
  const ids = new Map<string, number>();
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as string;
    if (outside.includes(label) || label === '') continue;
    const m = LABEL_PREFIX.exec(label);
    const type = m ? (m[2] as string) : label;
    const prefix = m ? ({ B: 1, I: 2, E: 3, L: 3, S: 4, U: 4 } as const)[m[1] as 'B'] : 2;
    let id = ids.get(type);
    if (id === undefined) {
      id = types.length;
      ids.set(type, id);
      types.push(type);
    }
    kind[i] = ((id + 1) << 3) | prefix;
  }
  return { kind, types };
}

/** The units (tokens for `simple`, words otherwise) with their best label and its probability. */
function aggregate(
  text: string,
  tokens: Int32Array,
  scores: ArrayLike<number>,
  words: ArrayLike<number> | undefined,
  width: number,
  aggregation: NerAggregation,
  probabilities: boolean,
): Unit[] {
  const n = tokens.length / 2;
  const probs = new Float64Array(width);
  const mean = new Float64Array(width);
  const units: Unit[] = [];
  let current: Unit | undefined;
  let members = 0; // tokens in `current`
  let prevEnd = -1;
  let prevWord = Number.NaN;
  const close = () => {
    if (current === undefined) return;
    if (aggregation === 'average') {
      let best = 0;
      for (let j = 1; j < width; j++) if ((mean[j] as number) > (mean[best] as number)) best = j;
      current.label = best;
      current.score = (mean[best] as number) / members;
    }
    units.push(current);
    current = undefined;
  };
  for (let k = 0; k < n; k++) {
    const start = tokens[2 * k] as number;
    const end = tokens[2 * k + 1] as number;
    if (start === end) continue;
    rowProbabilities(scores, k, width, probabilities, probs);
    let label = 0;
    for (let j = 1; j < width; j++) if ((probs[j] as number) > (probs[label] as number)) label = j;
    const score = probs[label] as number;
    const word = words === undefined ? Number.NaN : readWord(words, k);
    const joins =
      current !== undefined &&
      aggregation !== 'simple' &&
      (words !== undefined ? word >= 0 && word === prevWord : continuesWord(text, start, prevEnd));
    prevEnd = Math.max(prevEnd, end);
    prevWord = word;
    if (joins && current !== undefined) {
      current.end = Math.max(current.end, end);
      members++;
      if (aggregation === 'max' && score > current.score) {
        current.label = label;
        current.score = score;
      } else if (aggregation === 'average')
        for (let j = 0; j < width; j++) mean[j] = (mean[j] as number) + (probs[j] as number);
      continue;
    }
    close();
    current = { start, end, label, score };
    members = 1;
    if (aggregation === 'average') mean.set(probs);
  }
  close();
  return units;
}

/** Row `k` of `scores` as probabilities in `out` (softmax of logits, or checked probabilities). */
function rowProbabilities(
  scores: ArrayLike<number>,
  k: number,
  width: number,
  probabilities: boolean,
  out: Float64Array,
): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < width; j++) {
    const v = scores[k * width + j];
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new ValidationError('non_finite', `"output.scores" has a non-finite value for token ${k}`);
    if (probabilities && (v < 0 || v > 1))
      throw new ValidationError('out_of_range', `"output.scores" has a probability outside [0, 1] for token ${k}`);
    out[j] = v;
    if (v > max) max = v;
  }
  if (probabilities) return;
  let sum = 0;
  for (let j = 0; j < width; j++) {
    const e = Math.exp((out[j] as number) - max);
    out[j] = e;
    sum += e;
  }
  for (let j = 0; j < width; j++) out[j] = (out[j] as number) / sum;
}

function readWord(words: ArrayLike<number>, k: number): number {
  const w = words[k];
  if (typeof w !== 'number' || Number.isNaN(w))
    throw new ValidationError('invalid_value', `"output.words[${k}]" expected a number`);
  return w;
}

/** A token at `start` continues the word of the token before (which ended at `prevEnd`). */
function continuesWord(text: string, start: number, prevEnd: number): boolean {
  if (prevEnd < 0) return false;
  if (start < prevEnd) return true; // inside the token before: byte-level pieces of one character
  if (start !== prevEnd || start === 0) return false;
  return (
    WORD_UNIT.test(codePointBefore(text, start)) && WORD_UNIT.test(String.fromCodePoint(text.codePointAt(start) ?? 0))
  );
}

function codePointBefore(text: string, i: number): string {
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(i - 2, i);
  }
  return text[i - 1] as string;
}

/** Join consecutive units into entities by their label prefixes. */
function entitiesOf(text: string, units: readonly Unit[], kinds: { kind: Int32Array; types: string[] }): NerEntity[] {
  const out: NerEntity[] = [];
  let type = -1; // the open entity's type id, -1 when none is open
  let start = 0;
  let end = 0;
  let sum = 0;
  let count = 0;
  const close = () => {
    if (type < 0) return;
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s] as string)) s++;
    while (e > s && /\s/.test(text[e - 1] as string)) e--;
    if (s < e) out.push({ entity: kinds.types[type] as string, start: s, end: e, score: sum / count });
    type = -1;
  };
  for (const u of units) {
    const k = kinds.kind[u.label] as number;
    if (k === 0) {
      close();
      continue;
    }
    const t = (k >>> 3) - 1;
    const prefix = k & 7;
    // I, E/L or no prefix continue an open entity of the same type; B and S/U always start one.
    if (type === t && (prefix === 2 || prefix === 3)) {
      end = Math.max(end, u.end);
      sum += u.score;
      count++;
    } else {
      close();
      type = t;
      start = u.start;
      end = u.end;
      sum = u.score;
      count = 1;
    }
    if (prefix >= 3) close();
  }
  close();
  return out;
}
