/**
 * LLM text watermarks (Kirchenbauer et al. 2023, "KGW"). At each generation step the context's keyed
 * seed splits the vocabulary into a green fraction γ and a red rest; the logits processor adds δ to the
 * green logits, so watermarked text over-uses green tokens. The detector recounts green tokens and
 * reports the one-proportion z-score z = (G − γT) / √(Tγ(1 − γ)) with its normal p-value.
 *
 * Seeding schemes (named after the reference implementation): `lefthash`, h = 1, the seed is the
 * previous token; `selfhash`, h = 4, anchored min-hash over the three previous tokens and the token
 * itself (self-salted), more robust to edits of the context. The PRF is keyed HMAC-SHA-256 (see
 * token-hash.ts). Detection can count each repeated n-gram once (default) and scan windows for
 * watermarked passages inside human text.
 */
import {
  aboolean,
  anumber,
  aobject,
  aoneOf,
  describeValue,
  ModelSecTypeError,
  normSf as normalSf,
  ValidationError,
} from '@modelsec/core';
import { deriveKey, keyBytes, type WatermarkKey } from '../shared/key';
import { pairSet } from './ngram-set';
import { mix, tokenHashes } from './token-hash';

/** The seeding schemes. */
export const TEXT_SCHEMES = ['lefthash', 'selfhash'] as const;
/** A seeding scheme: `lefthash` (h = 1) or `selfhash` (h = 4, self-salted anchored min-hash). */
export type TextScheme = (typeof TEXT_SCHEMES)[number];

/** Largest vocabulary (2^24 tokens). */
export const MAX_VOCAB_SIZE = 2 ** 24;
/** Longest token sequence one call scores (2^26 tokens). */
export const MAX_TOKENS = 2 ** 26;

/** Options of `createTextWatermark`. */
export interface TextWatermarkOptions {
  /** The owner's secret key. */
  key: WatermarkKey;
  /** Vocabulary size of the tokenizer (logits length). */
  vocabSize: number;
  /** Green-list fraction γ (default 0.25). */
  gamma?: number;
  /** Logit bias δ added to green tokens (default 2). */
  delta?: number;
  /** Seeding scheme (default `lefthash`). */
  scheme?: TextScheme;
  /** z-score above which `detected` is true (default 4). */
  zThreshold?: number;
}

/** A detection result. */
export interface TextDetection {
  /** One-proportion z-score of the green count. */
  z: number;
  /** P(Z ≥ z) for a standard normal Z (one-sided). */
  pValue: number;
  /** Green tokens / scored tokens. */
  greenFraction: number;
  /** Tokens scored (unique n-grams when repeats are ignored). */
  scored: number;
  /** Green tokens among them. */
  green: number;
  /** `z > zThreshold`. */
  detected: boolean;
}

/** Options of detection. */
export interface DetectOptions {
  /**
   * Score each (context seed, token) pair once (default true): the reference detector's
   * `ignore_repeated_ngrams`, applied to the PRF input, which keeps the z-test exact on repetitive text.
   */
  ignoreRepeatedNgrams?: boolean;
}

/** Options of windowed detection. */
export interface WindowDetectOptions extends DetectOptions {
  /** Window sizes, in scored tokens (default 25, 50, 100, 200, 400). */
  windows?: readonly number[];
}

/** A windowed detection: the best window, with its p-value corrected for the windows tried. */
export interface WindowDetection extends TextDetection {
  /** The best window: index of its first scored token in the input and its size in scored tokens. */
  window: { start: number; size: number };
  /** Windows tried (the Bonferroni factor of `pValue`). */
  tested: number;
  /** The uncorrected p-value of the best window. */
  rawPValue: number;
}

/** A keyed KGW text watermark. */
export interface TextWatermark {
  /** The seeding scheme. */
  readonly scheme: TextScheme;
  /** Green fraction γ. */
  readonly gamma: number;
  /** Logit bias δ. */
  readonly delta: number;
  /** Vocabulary size. */
  readonly vocabSize: number;
  /** Previous tokens a green list needs (1 for lefthash, 3 for selfhash). */
  readonly contextWidth: number;
  /** The logits processor: a copy of `logits` with δ added to the green tokens of `contextIds`. */
  processor(logits: ArrayLike<number>, contextIds: ArrayLike<number>): Float32Array;
  /** 1 for each green candidate next token after `contextIds` (all 0 when the context is too short). */
  greenMask(contextIds: ArrayLike<number>): Uint8Array;
  /** Score a token sequence. */
  detect(tokenIds: ArrayLike<number>, options?: DetectOptions): TextDetection;
  /** Score the best window of a token sequence (watermarked text inside human text). */
  detectWindowed(tokenIds: ArrayLike<number>, options?: WindowDetectOptions): WindowDetection;
}

/**
 * Create a KGW text watermark.
 *
 * @example
 * ```ts
 * const wm = createTextWatermark({ key: secret, vocabSize: 50_257, gamma: 0.25, delta: 2, scheme: 'lefthash' });
 * const biased = wm.processor(logits, generatedSoFar); // sample the next token from `biased`
 * wm.detect(tokenIds); // { z, pValue, greenFraction, scored, green, detected }
 * ```
 */
export function createTextWatermark(options: TextWatermarkOptions): TextWatermark {
  aobject(options as unknown, 'options');
  const scheme = options.scheme ?? 'lefthash';
  aoneOf(scheme, 'options.scheme', TEXT_SCHEMES);
  const key = keyBytes(options.key, 'options.key');
  anumber(options.vocabSize, 'options.vocabSize', { min: 2, max: MAX_VOCAB_SIZE, integer: true });
  const vocabSize = options.vocabSize;
  const gamma = options.gamma ?? 0.25;
  anumber(gamma, 'options.gamma', { min: 1e-6, max: 1 - 1e-6 });
  const delta = options.delta ?? 2;
  anumber(delta, 'options.delta', { min: 0, max: 1000 });
  const zThreshold = options.zThreshold ?? 4;
  anumber(zThreshold, 'options.zThreshold');
  const hashes = tokenHashes(deriveKey(key, `text/${scheme}`), vocabSize);
  const salt = hashes.salt;
  const threshold = Math.floor(gamma * 2 ** 31);
  const self = scheme === 'selfhash';
  const contextWidth = self ? 3 : 1;

  const greenMask = (contextIds: ArrayLike<number>): Uint8Array => {
    const context = checkTokens(contextIds, vocabSize, 'contextIds');
    const mask = new Uint8Array(vocabSize);
    const n = context.length;
    if (n < contextWidth) return mask;
    const tau = hashes.all();
    if (!self) {
      const seed = tau[context[n - 1] as number] as number;
      for (let v = 0; v < vocabSize; v++) mask[v] = mix(salt, seed, tau[v] as number) < threshold ? 1 : 0;
    } else {
      let m = 0x7fffffff;
      for (let k = n - 3; k < n; k++) m = Math.min(m, tau[context[k] as number] as number);
      for (let v = 0; v < vocabSize; v++) {
        const tv = tau[v] as number;
        mask[v] = mix(salt, Math.min(m, tv), tv) < threshold ? 1 : 0;
      }
    }
    return mask;
  };

  /**
   * Green (1) or red (0) for each scored position i ≥ contextWidth. With `ignoreRepeated`, a position
   * whose PRF input (context seed, token) was already scored is skipped: its colour is the same function
   * of the same input, so counting it again would only add correlated evidence.
   */
  const score = (tokens: ArrayLike<number>, ignoreRepeated: boolean): { hits: Uint8Array; positions: Int32Array } => {
    const n = tokens.length;
    const total = Math.max(0, n - contextWidth);
    const hits = new Uint8Array(total);
    const positions = new Int32Array(total);
    const seen = ignoreRepeated ? pairSet(total) : undefined;
    let kept = 0;
    for (let i = contextWidth; i < n; i++) {
      const token = tokens[i] as number;
      const t = hashes.get(token);
      const seed = self
        ? Math.min(
            hashes.get(tokens[i - 3] as number),
            hashes.get(tokens[i - 2] as number),
            hashes.get(tokens[i - 1] as number),
            t,
          )
        : hashes.get(tokens[i - 1] as number);
      if (seen && !seen.add(seed, token)) continue;
      hits[kept] = mix(salt, seed, t) < threshold ? 1 : 0;
      positions[kept] = i;
      kept++;
    }
    return { hits: hits.subarray(0, kept), positions: positions.subarray(0, kept) };
  };

  const result = (green: number, scored: number): TextDetection => {
    if (scored === 0) return { z: 0, pValue: 1, greenFraction: 0, scored: 0, green: 0, detected: false };
    const z = (green - gamma * scored) / Math.sqrt(scored * gamma * (1 - gamma));
    return { z, pValue: normalSf(z), greenFraction: green / scored, scored, green, detected: z > zThreshold };
  };

  const readIgnore = (o: DetectOptions): boolean => {
    aobject(o as unknown, 'options');
    const ignore = o.ignoreRepeatedNgrams ?? true;
    aboolean(ignore, 'options.ignoreRepeatedNgrams');
    return ignore;
  };

  return {
    scheme,
    gamma,
    delta,
    vocabSize,
    contextWidth,
    greenMask,
    processor(logits, contextIds) {
      if (logits === null || typeof logits !== 'object' || typeof logits.length !== 'number') {
        throw new ModelSecTypeError(`"logits" expected an array of numbers, got ${describeValue(logits)}`);
      }
      if (logits.length !== vocabSize) {
        throw new ValidationError('invalid_shape', `expected ${vocabSize} logits, got ${logits.length}`);
      }
      const out = new Float32Array(vocabSize);
      for (let v = 0; v < vocabSize; v++) out[v] = logits[v] as number;
      const mask = greenMask(contextIds);
      for (let v = 0; v < vocabSize; v++) if (mask[v] === 1) out[v] = (out[v] as number) + delta;
      return out;
    },
    detect(tokenIds, opts = {}) {
      const ignore = readIgnore(opts);
      const tokens = checkTokens(tokenIds, vocabSize, 'tokenIds');
      const { hits } = score(tokens, ignore);
      let green = 0;
      for (let i = 0; i < hits.length; i++) green += hits[i] as number;
      return result(green, hits.length);
    },
    detectWindowed(tokenIds, opts = {}) {
      const ignore = readIgnore(opts);
      const sizes = opts.windows ?? [25, 50, 100, 200, 400];
      if (!Array.isArray(sizes) || sizes.length === 0 || sizes.length > 1000) {
        throw new ModelSecTypeError(`"options.windows" expected 1 to 1000 sizes, got ${describeValue(sizes)}`);
      }
      sizes.forEach((s, i) => {
        anumber(s, `options.windows[${i}]`, { min: 1, max: MAX_TOKENS, integer: true });
      });
      const tokens = checkTokens(tokenIds, vocabSize, 'tokenIds');
      const { hits, positions } = score(tokens, ignore);
      const T = hits.length;
      const prefix = new Int32Array(T + 1);
      for (let i = 0; i < T; i++) prefix[i + 1] = (prefix[i] as number) + (hits[i] as number);
      let best: { green: number; size: number; start: number; z: number } | undefined;
      let tested = 0;
      for (const size of new Set(sizes.map((s) => Math.min(s, T)))) {
        if (size === 0) continue;
        const denom = Math.sqrt(size * gamma * (1 - gamma));
        for (let s = 0; s + size <= T; s++) {
          tested++;
          const green = (prefix[s + size] as number) - (prefix[s] as number);
          const z = (green - gamma * size) / denom;
          if (!best || z > best.z) best = { green, size, start: s, z };
        }
      }
      if (!best) {
        return { ...result(0, 0), window: { start: 0, size: 0 }, tested: 0, rawPValue: 1 };
      }
      const base = result(best.green, best.size);
      return {
        ...base,
        pValue: Math.min(1, base.pValue * tested),
        rawPValue: base.pValue,
        detected: Math.min(1, base.pValue * tested) < normalSf(zThreshold),
        window: { start: positions[best.start] as number, size: best.size },
        tested,
      };
    },
  };
}

/** Check token ids: an array or typed array of integers in [0, vocabSize). */
function checkTokens(tokens: unknown, vocabSize: number, label: string): ArrayLike<number> {
  if (!Array.isArray(tokens) && !(ArrayBuffer.isView(tokens) && !(tokens instanceof DataView))) {
    throw new ModelSecTypeError(`"${label}" expected an array of token ids, got ${describeValue(tokens)}`);
  }
  const list = tokens as ArrayLike<unknown>;
  if (list.length > MAX_TOKENS) throw new ValidationError('too_large', `"${label}" holds more than 2^26 tokens`);
  for (let i = 0; i < list.length; i++) {
    const t = list[i];
    if (typeof t !== 'number' || !Number.isInteger(t) || t < 0 || t >= vocabSize) {
      throw new ValidationError('out_of_range', `"${label}" holds a value that is not a token id below ${vocabSize}`, {
        details: { index: i },
      });
    }
  }
  return list as ArrayLike<number>;
}
