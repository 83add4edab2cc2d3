/**
 * A small word-level bigram language model for the text-watermark tests: lower-cased words and
 * punctuation, the most frequent `vocabSize − 1` types plus <unk>, and next-token probabilities
 * λ·P_bigram + (1 − λ)·P_unigram. `generate` samples with a seeded generator (redteam's `createRng`)
 * and an optional logits processor, which is where the watermark goes.
 */
import { createRng } from '@modelsec/redteam';

/** A trained bigram model. */
export interface BigramLm {
  vocabSize: number;
  words: string[];
  encode(text: string): number[];
  /** Log-probabilities of the next token after `prev`. */
  logits(prev: number): Float32Array;
  /** Sample `length` tokens after `start`, passing each step's logits through `processor`. */
  generate(
    length: number,
    seed: number,
    processor?: (logits: Float32Array, context: number[]) => Float32Array,
    start?: number,
  ): number[];
}

const TOKEN = /[a-z]+(?:'[a-z]+)?|[.,;:!?]/g;

export function trainBigramLm(texts: readonly string[], vocabSize = 5000, lambda = 0.7): BigramLm {
  const streams = texts.map((t) => t.toLowerCase().match(TOKEN) ?? []);
  const freq = new Map<string, number>();
  for (const s of streams) for (const w of s) freq.set(w, (freq.get(w) ?? 0) + 1);
  const words = [
    '<unk>',
    ...[...freq.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, vocabSize - 1)
      .map((e) => e[0]),
  ];
  const index = new Map(words.map((w, i) => [w, i]));
  const encode = (text: string) => (text.toLowerCase().match(TOKEN) ?? []).map((w) => index.get(w) ?? 0);
  const uni = new Float64Array(vocabSize);
  const bigrams = new Map<number, Map<number, number>>();
  let total = 0;
  for (const s of streams) {
    const ids = s.map((w) => index.get(w) ?? 0);
    for (let i = 0; i < ids.length; i++) {
      uni[ids[i] as number] = (uni[ids[i] as number] as number) + 1;
      total++;
      if (i > 0) {
        const row = bigrams.get(ids[i - 1] as number) ?? new Map<number, number>();
        row.set(ids[i] as number, (row.get(ids[i] as number) ?? 0) + 1);
        bigrams.set(ids[i - 1] as number, row);
      }
    }
  }
  for (let v = 0; v < vocabSize; v++) uni[v] = ((uni[v] as number) + 0.5) / (total + 0.5 * vocabSize);
  const cache = new Map<number, Float32Array>();
  const logits = (prev: number): Float32Array => {
    const hit = cache.get(prev);
    if (hit) return hit;
    const p = new Float64Array(vocabSize);
    const row = bigrams.get(prev);
    let rowTotal = 0;
    if (row) for (const c of row.values()) rowTotal += c;
    const l = rowTotal > 0 ? lambda : 0;
    for (let v = 0; v < vocabSize; v++) p[v] = (1 - l) * (uni[v] as number);
    if (row) for (const [w, c] of row) p[w] = (p[w] as number) + (l * c) / rowTotal;
    const out = new Float32Array(vocabSize);
    for (let v = 0; v < vocabSize; v++) out[v] = Math.log(p[v] as number);
    cache.set(prev, out);
    return out;
  };
  return {
    vocabSize,
    words,
    encode,
    logits,
    generate(length, seed, processor, start = index.get('.') ?? 0) {
      const rng = createRng(seed);
      const context = [start];
      const probs = new Float64Array(vocabSize);
      for (let step = 0; step < length; step++) {
        let z = logits(context[context.length - 1] as number);
        if (processor) z = processor(z, context);
        let max = Number.NEGATIVE_INFINITY;
        for (let v = 0; v < vocabSize; v++) max = Math.max(max, z[v] as number);
        let sum = 0;
        for (let v = 0; v < vocabSize; v++) {
          probs[v] = Math.exp((z[v] as number) - max);
          sum += probs[v] as number;
        }
        let u = rng.next() * sum;
        let next = vocabSize - 1;
        for (let v = 0; v < vocabSize; v++) {
          u -= probs[v] as number;
          if (u <= 0) {
            next = v;
            break;
          }
        }
        context.push(next);
      }
      return context.slice(1);
    },
  };
}

/** Replace a `fraction` of the tokens with uniformly random ones (seeded). */
export function substituteTokens(
  tokens: readonly number[],
  fraction: number,
  vocabSize: number,
  seed: number,
): number[] {
  const rng = createRng(seed);
  const out = [...tokens];
  const order = rng.shuffle(out.map((_, i) => i));
  for (let i = 0; i < Math.round(fraction * out.length); i++) out[order[i] as number] = rng.int(vocabSize);
  return out;
}
