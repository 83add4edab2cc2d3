/**
 * `tokenClassifierNer`: a `NerModel` for `detectPIIAsync` from the two things an app has for a
 * token-classification model: its tokenizer (text → token ids and character offsets) and a function
 * that runs the model on token ids (an onnxruntime-web session, a server call). Texts longer than the
 * model's window are classified in overlapping windows; each token keeps the scores of the window in
 * which it is farthest from an edge, so no token is judged without context on one side when another
 * window has it. The scores are decoded by `decodeTokenClassification`.
 */
import { afunction, ainteger, aobject, describeValue, ModelSecTypeError, ValidationError } from '@modelsec/core';
import { checkText } from '../shared/limits';
import type { NerEntity } from './detect';
import { type DecodeTokensOptions, decodeOptions, decodeTokenClassification, isArrayLike } from './ner-decode';

/** A tokenizer's output for one text, without special tokens. */
export interface TokenizedText {
  /** Token ids, in text order (numbers, or bigints as in a `BigInt64Array`). */
  ids: ArrayLike<number> | ArrayLike<bigint>;
  /** Each token's `[start, end)` in the text (UTF-16 offsets). */
  offsets: readonly (readonly [number, number])[];
  /** Optional word number of each token (`word_ids()`); see `TokenClassification.words`. */
  words?: ArrayLike<number>;
}

/** Options of `tokenClassifierNer`. */
export interface TokenClassifierNerOptions extends DecodeTokensOptions {
  /** The model's tokenizer, without special tokens (`classify` adds those it needs). */
  tokenize: (text: string) => TokenizedText | Promise<TokenizedText>;
  /**
   * Run the model on one window of token ids: add the special tokens (`[CLS]`, `[SEP]`), run, drop their
   * rows, return `ids.length × labels.length` scores, row-major.
   */
  classify: (ids: number[]) => ArrayLike<number> | Promise<ArrayLike<number>>;
  /** Most tokens per `classify` call; default 510 (a 512-token model, less `[CLS]` and `[SEP]`). */
  maxTokens?: number;
  /** Tokens shared by consecutive windows, less than `maxTokens`; default 128 (or `maxTokens / 4`, if less). */
  overlap?: number;
}

/**
 * A `NerModel` over a token-classification model (an async function from text to entities).
 *
 * @throws ModelSecTypeError / ModelSecRangeError for bad options (now); the model it returns rejects
 *   with a ValidationError when the tokenizer or the model returns output of the wrong shape.
 * @example
 * ```ts
 * import * as ort from 'onnxruntime-web';
 * const session = await ort.InferenceSession.create(modelBytes); // a BERT NER model you ship
 * const ner = tokenClassifierNer({
 *   labels: ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'],
 *   tokenize: (text) => myTokenizer.encode(text), // { ids, offsets }
 *   classify: async (ids) => {
 *     const input = BigInt64Array.from([101, ...ids, 102], BigInt);
 *     const mask = new BigInt64Array(input.length).fill(1n);
 *     const out = await session.run({
 *       input_ids: new ort.Tensor('int64', input, [1, input.length]),
 *       attention_mask: new ort.Tensor('int64', mask, [1, input.length]),
 *     });
 *     const logits = out.logits.data as Float32Array;
 *     return logits.subarray(9, 9 * (ids.length + 1)); // drop the [CLS] and [SEP] rows
 *   },
 * });
 * const found = await detectPIIAsync(text, { ner });
 * ```
 */
export function tokenClassifierNer(options: TokenClassifierNerOptions): (text: string) => Promise<NerEntity[]> {
  aobject(options, 'options');
  const { tokenize, classify, labels } = options;
  afunction(tokenize, 'options.tokenize');
  afunction(classify, 'options.classify');
  const maxTokens = options.maxTokens ?? 510;
  ainteger(maxTokens, 'options.maxTokens', { min: 1 });
  const overlap = options.overlap ?? Math.min(128, Math.floor(maxTokens / 4));
  ainteger(overlap, 'options.overlap', { min: 0, max: maxTokens - 1 });
  // Check the decoding options now, not at the first text.
  decodeOptions(options);
  const decode: DecodeTokensOptions = {
    labels: [...labels],
    aggregation: options.aggregation,
    probabilities: options.probabilities,
    outside: options.outside,
  };
  return async (text: string): Promise<NerEntity[]> => {
    checkText(text, 'text');
    const tokens = await tokenize(text);
    if (typeof tokens !== 'object' || tokens === null)
      throw new ModelSecTypeError(`"options.tokenize" must return { ids, offsets }, got ${describeValue(tokens)}`);
    const ids = readIds(tokens.ids);
    if (!Array.isArray(tokens.offsets) || tokens.offsets.length !== ids.length) {
      throw new ValidationError(
        'invalid_shape',
        `"options.tokenize" returned ${ids.length} ids and ${describeValue(tokens.offsets)} for offsets`,
      );
    }
    const scores = await classifyWindows(ids, classify, decode.labels.length, maxTokens, overlap);
    return decodeTokenClassification(text, { offsets: tokens.offsets, scores, words: tokens.words }, decode);
  };
}

/** Token ids as a plain array of integers (what `classify` receives, in slices). */
function readIds(ids: unknown): number[] {
  if (!isArrayLike(ids))
    throw new ModelSecTypeError(`"options.tokenize" must return ids as an array, got ${describeValue(ids)}`);
  const list = ids as ArrayLike<unknown>;
  const out = new Array<number>(list.length);
  for (let k = 0; k < list.length; k++) {
    // Tokenizers that build tensors give ids as BigInt64Array.
    const id = typeof list[k] === 'bigint' ? Number(list[k]) : list[k];
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0)
      throw new ValidationError(
        'invalid_value',
        `"options.tokenize" returned a token id at ${k} that is not an integer >= 0`,
      );
    out[k] = id;
  }
  return out;
}

/**
 * Scores of every token, from windows of at most `maxTokens` that overlap by `overlap`: window `j`
 * covers `[j·step, j·step + maxTokens)` with `step = maxTokens − overlap`, and a token in two windows
 * takes the scores of the one where it lies farther from the edge (the overlap is split in the middle).
 */
async function classifyWindows(
  ids: number[],
  classify: TokenClassifierNerOptions['classify'],
  width: number,
  maxTokens: number,
  overlap: number,
): Promise<Float32Array> {
  const n = ids.length;
  const out = new Float32Array(n * width);
  const step = maxTokens - overlap;
  const half = Math.floor(overlap / 2);
  for (let from = 0; from < n; from += step) {
    const to = Math.min(n, from + maxTokens);
    const scores = await classify(ids.slice(from, to));
    if (!isArrayLike(scores))
      throw new ModelSecTypeError(`"options.classify" must return an array of numbers, got ${describeValue(scores)}`);
    const rows = scores.length;
    if (rows !== (to - from) * width) {
      throw new ValidationError(
        'invalid_shape',
        `"options.classify" returned ${rows} numbers for ${to - from} tokens × ${width} labels`,
      );
    }
    // The tokens this window keeps: from the middle of the overlap with the window before to the middle
    // of the overlap with the next (the first and last windows keep their outer edges).
    const keepFrom = from === 0 ? 0 : from + half;
    const keepTo = to === n ? n : to - (overlap - half);
    for (let k = keepFrom; k < keepTo; k++) {
      for (let j = 0; j < width; j++) {
        const v: unknown = (scores as ArrayLike<unknown>)[(k - from) * width + j];
        if (typeof v !== 'number' || !Number.isFinite(v))
          throw new ValidationError('non_finite', `"options.classify" returned a non-finite score for token ${k}`);
        out[k * width + j] = v;
      }
    }
    if (to === n) break;
  }
  return out;
}
