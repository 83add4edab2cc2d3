import { isModelSecError } from '@modelsec/core';
import {
  BUILTIN_RECOGNIZERS,
  decodeTokenClassification,
  detectPIIAsync,
  NER_AGGREGATIONS,
  type NerAggregation,
  redactPII,
  tokenClassifierNer,
} from '@modelsec/validators';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { NER_LABELS, nerClassifier, tokenizeNer } from './ner-model-support';

const spans = (text: string, found: { entity: string; start: number; end: number }[]) =>
  found.map((f) => [f.entity, text.slice(f.start, f.end)]);

describe('decodeTokenClassification (known answers)', () => {
  const labels = ['O', 'B-PER', 'I-PER'];

  test('the TSDoc example: special tokens skipped, word pieces joined, softmax score', () => {
    const text = 'Ada Lovelace';
    const offsets = [
      [0, 0],
      [0, 3],
      [4, 8],
      [8, 12],
      [0, 0],
    ] as const;
    const scores = [5, 0, 0, 0, 6, 1, 0, 1, 6, 1, 2, 0, 5, 0, 0];
    const [e, ...rest] = decodeTokenClassification(text, { offsets, scores }, { labels });
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ entity: 'PER', start: 0, end: 12 });
    // 'first': the words' scores are those of their first pieces; the entity's is their mean.
    const p = (x: number[], i: number) => Math.exp(x[i] as number) / x.reduce((s, v) => s + Math.exp(v), 0);
    expect(e?.score).toBeCloseTo((p([0, 6, 1], 1) + p([0, 1, 6], 2)) / 2, 12);
    // Token by token, "##lace" (B-PER) starts an entity of its own.
    const simple = decodeTokenClassification(text, { offsets, scores }, { labels, aggregation: 'simple' });
    expect(spans(text, simple)).toEqual([
      ['PER', 'Ada Love'],
      ['PER', 'lace'],
    ]);
  });

  test('aggregations: first, max, average and simple differ on a word whose pieces disagree', () => {
    const text = 'Ada Lovelace';
    const offsets = [
      [0, 3],
      [4, 8],
      [8, 12],
    ] as const;
    // love: I-PER 0.7; ##lace: O 0.8 (probabilities).
    const scores = [0.1, 0.8, 0.1, 0.2, 0.1, 0.7, 0.8, 0.1, 0.1];
    const run = (aggregation: NerAggregation) =>
      spans(text, decodeTokenClassification(text, { offsets, scores }, { labels, aggregation, probabilities: true }));
    expect(run('first')).toEqual([['PER', 'Ada Lovelace']]);
    expect(run('simple')).toEqual([['PER', 'Ada Love']]);
    expect(run('max')).toEqual([['PER', 'Ada']]); // ##lace's O (0.8) beats love's I-PER (0.7)
    expect(run('average')).toEqual([['PER', 'Ada']]); // mean O 0.5 > mean I-PER 0.4
    const first = decodeTokenClassification(text, { offsets, scores }, { labels, probabilities: true });
    expect(first[0]?.score).toBeCloseTo((0.8 + 0.7) / 2, 12);
  });

  test('word numbers from the tokenizer override the offset rule', () => {
    const text = 'AdaLove';
    const offsets = [
      [0, 3],
      [3, 7],
    ] as const;
    const scores = [0, 1, 0, 0, 0, 1]; // B-PER, I-PER
    const opts = { labels, probabilities: true, aggregation: 'first' as const };
    expect(spans(text, decodeTokenClassification(text, { offsets, scores }, opts))).toEqual([['PER', 'AdaLove']]);
    // Two words (0 and 1): the second keeps its own label; one word: the first piece's label wins.
    expect(spans(text, decodeTokenClassification(text, { offsets, scores, words: [0, 1] }, opts))).toEqual([
      ['PER', 'AdaLove'],
    ]);
    const bo = [0, 1, 0, 1, 0, 0]; // B-PER, O
    expect(spans(text, decodeTokenClassification(text, { offsets, scores: bo, words: [0, 1] }, opts))).toEqual([
      ['PER', 'Ada'],
    ]);
    expect(spans(text, decodeTokenClassification(text, { offsets, scores: bo, words: [7, 7] }, opts))).toEqual([
      ['PER', 'AdaLove'],
    ]);
  });

  test('pieces of one character (byte-level BPE) form one word', () => {
    // "é" as two byte tokens with the same offsets: with 'first', the word takes the first piece's O.
    const output = {
      offsets: [
        [0, 1],
        [0, 1],
      ] as const,
      scores: [1, 0, 0, 1],
    };
    const opts = { labels: ['O', 'B-X'], probabilities: true };
    expect(decodeTokenClassification('é', output, opts)).toEqual([]);
    expect(spans('é', decodeTokenClassification('é', output, { ...opts, aggregation: 'simple' }))).toEqual([
      ['X', 'é'],
    ]);
  });

  test('IOB2, IOBES and BILOU prefixes; plain labels continue; outside labels; white space trimmed', () => {
    const text = 'a b c d e';
    const offsets = [0, 2, 4, 6, 8].map((s) => [s, s + 1] as const);
    const one = (ls: string[], seq: string[], outside?: string[]) => {
      const scores = seq.flatMap((l) => ls.map((x) => (x === l ? 1 : 0)));
      return spans(
        text,
        decodeTokenClassification(text, { offsets, scores }, { labels: ls, probabilities: true, outside }),
      );
    };
    expect(one(['O', 'B-X', 'I-X'], ['B-X', 'I-X', 'B-X', 'O', 'I-X'])).toEqual([
      ['X', 'a b'],
      ['X', 'c'],
      ['X', 'e'],
    ]);
    expect(one(['O', 'B-X', 'I-X', 'E-X', 'S-X'], ['S-X', 'S-X', 'B-X', 'I-X', 'E-X'])).toEqual([
      ['X', 'a'],
      ['X', 'b'],
      ['X', 'c d e'],
    ]);
    // An entity closed by E or S is not continued by the I after it.
    expect(one(['O', 'B-X', 'I-X', 'E-X', 'S-X'], ['B-X', 'E-X', 'I-X', 'S-X', 'I-X'])).toEqual([
      ['X', 'a b'],
      ['X', 'c'],
      ['X', 'd'],
      ['X', 'e'],
    ]);
    expect(one(['O', 'B-X', 'L-X', 'U-Y'], ['B-X', 'L-X', 'B-X', 'U-Y', 'O'])).toEqual([
      ['X', 'a b'],
      ['X', 'c'],
      ['Y', 'd'],
    ]);
    expect(one(['NONE', 'X', 'Y'], ['X', 'X', 'Y', 'NONE', 'X'], ['NONE'])).toEqual([
      ['X', 'a b'],
      ['Y', 'c'],
      ['X', 'e'],
    ]);
    // A tokenizer that keeps the space before a word in its offsets ("Ġb" of byte-level BPE).
    const padded = decodeTokenClassification(
      'a b',
      { offsets: [[1, 3]], scores: [0, 1] },
      { labels: ['O', 'B-X'], probabilities: true },
    );
    expect(padded).toEqual([{ entity: 'X', start: 2, end: 3, score: 1 }]);
  });

  test('outputs that do not fit are typed errors naming sizes, never the text', () => {
    const text = 'secret-name@example.com';
    const labels2 = ['O', 'B-X'];
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        expect(isModelSecError(e)).toBe(true);
        expect(String((e as Error).message)).not.toContain('secret');
        return (e as { code: string }).code;
      }
      return 'no error';
    };
    const dec = (output: unknown, options: unknown = { labels: labels2 }) =>
      codeOf(() => decodeTokenClassification(text, output as never, options as never));
    expect(dec({ offsets: [[0, 6]], scores: [1] })).toBe('invalid_shape');
    expect(dec({ offsets: [[0, 99]], scores: [1, 0] })).toBe('out_of_range');
    expect(dec({ offsets: [[3, 2]], scores: [1, 0] })).toBe('out_of_range');
    expect(dec({ offsets: [[0.5, 2]], scores: [1, 0] })).toBe('invalid_value');
    expect(
      dec({
        offsets: [
          [5, 6],
          [0, 2],
        ],
        scores: [1, 0, 1, 0],
      }),
    ).toBe('invalid_value');
    expect(dec({ offsets: [[0, 6]], scores: [Number.NaN, 0] })).toBe('non_finite');
    expect(dec({ offsets: [[0, 6]], scores: [2, 0] }, { labels: labels2, probabilities: true })).toBe('out_of_range');
    expect(dec({ offsets: [[0, 6]], scores: [1, 0], words: [0, 1] })).toBe('invalid_shape');
    expect(dec({ offsets: [[0, 6]], scores: ['1', 0] })).toBe('non_finite');
    expect(() => decodeTokenClassification(text, { offsets: 'x' } as never, { labels: labels2 })).toThrow(TypeError);
    expect(() => decodeTokenClassification(text, { offsets: [], scores: [] }, { labels: [] })).toThrow(RangeError);
    expect(() =>
      decodeTokenClassification(text, { offsets: [], scores: [] }, { labels: labels2, aggregation: 'mean' as never }),
    ).toThrow(RangeError);
    expect(() => decodeTokenClassification(text, { offsets: [], scores: [] }, { labels: [1] as never })).toThrow(
      TypeError,
    );
  });

  test('property: any output gives entities inside the text with scores in [0, 1], or a typed error', () => {
    const labelSets = fc.constantFrom(['O', 'B-X', 'I-X'], ['O', 'B-A', 'I-A', 'E-A', 'S-A', 'B-B'], ['X', 'Y'], ['O']);
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 40 }),
        labelSets,
        fc.array(fc.tuple(fc.nat(45), fc.nat(45)), { maxLength: 12 }),
        fc.array(fc.oneof(fc.double(), fc.double({ min: -20, max: 20, noNaN: true })), { maxLength: 80 }),
        fc.option(fc.array(fc.integer({ min: -2, max: 5 }), { maxLength: 12 }), { nil: undefined }),
        fc.constantFrom(...NER_AGGREGATIONS),
        fc.boolean(),
        (text, labels, pairs, raw, words, aggregation, sorted) => {
          // Half the runs with offsets made valid, so that decoding (not only the checks) is exercised.
          const offsets = sorted
            ? pairs
                .map(([a, b]) => [Math.min(a, b) % (text.length + 1), Math.max(a, b) % (text.length + 1)] as const)
                .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const)
                .sort((x, y) => x[0] - y[0])
            : pairs;
          const scores = sorted
            ? Array.from({ length: offsets.length * labels.length }, (_, i) => raw[i % Math.max(1, raw.length)] ?? 0)
            : raw;
          let found: ReturnType<typeof decodeTokenClassification>;
          try {
            found = decodeTokenClassification(text, { offsets, scores, words }, { labels, aggregation });
          } catch (e) {
            expect(isModelSecError(e)).toBe(true);
            return;
          }
          let last = -1;
          for (const f of found) {
            expect(Number.isInteger(f.start) && Number.isInteger(f.end)).toBe(true);
            expect(0 <= f.start && f.start < f.end && f.end <= text.length).toBe(true);
            expect(f.score >= 0 && f.score <= 1).toBe(true);
            expect(f.start).toBeGreaterThanOrEqual(last);
            last = f.start;
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  test('property: arbitrary values in place of every argument give typed errors', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (text, output, options) => {
        try {
          decodeTokenClassification(text as never, output as never, options as never);
        } catch (e) {
          expect(isModelSecError(e)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('tokenClassifierNer over an ONNX token classifier (onnxruntime-web)', () => {
  let model: Awaited<ReturnType<typeof nerClassifier>>;
  beforeAll(async () => {
    model = await nerClassifier();
  });
  const text = 'Ada Lovelace met Grace Hopper in New York, and works at Acme Corp.';

  test('entities from the model, by aggregation', async () => {
    const run = async (aggregation: NerAggregation) => {
      const ner = tokenClassifierNer({
        labels: NER_LABELS,
        tokenize: tokenizeNer,
        classify: model.classify,
        aggregation,
      });
      return spans(text, await ner(text));
    };
    const expected = [
      ['PER', 'Ada Lovelace'],
      ['PER', 'Grace Hopper'],
      ['LOC', 'New York'],
      ['ORG', 'Acme Corp'],
    ];
    expect(await run('first')).toEqual(expected);
    expect(await run('max')).toEqual(expected);
    expect(await run('average')).toEqual(expected);
    expect(await run('simple')).toEqual([['PER', 'Ada Love'], ...expected.slice(1)]);
  });

  test('joins detectPIIAsync and redactPII: PERSON, LOCATION, ORGANIZATION from the model', async () => {
    const ner = tokenClassifierNer({ labels: NER_LABELS, tokenize: tokenizeNer, classify: model.classify });
    const found = await detectPIIAsync(text, { ner });
    const all = spans(text, found);
    for (const e of [
      ['PERSON', 'Ada Lovelace'],
      ['PERSON', 'Grace Hopper'],
      ['LOCATION', 'New York'],
    ])
      expect(all).toContainEqual(e);
    // The shipped recognizers find "Acme Corp." from its designator (and score it higher than the model).
    expect(all).toContainEqual(['ORGANIZATION', 'Acme Corp.']);
    // Without the names recognizer, the organization comes from the model alone.
    const recognizers = BUILTIN_RECOGNIZERS.filter((r) => r.name !== 'names');
    const fromModel = await detectPIIAsync(text, { ner, recognizers });
    expect(spans(text, fromModel)).toContainEqual(['ORGANIZATION', 'Acme Corp']);
    expect(fromModel.find((f) => f.entity === 'ORGANIZATION')?.recognizer).toBe('ner');
    expect((await detectPIIAsync(text, { recognizers })).some((f) => f.entity === 'ORGANIZATION')).toBe(false);
    const masked = redactPII(text, { findings: found }).text;
    expect(masked).not.toContain('Lovelace');
    expect(masked).not.toContain('Acme');
  });

  test('long texts: overlapping windows give what one window gives; no call exceeds maxTokens', async () => {
    const long = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? text : 'Paris and New York.')).join(' ');
    const whole = await tokenClassifierNer({ labels: NER_LABELS, tokenize: tokenizeNer, classify: model.classify })(
      long,
    );
    expect(whole.length).toBe(10 * 4 + 20 * 2);
    for (const [maxTokens, overlap] of [
      [7, 3],
      [8, 0],
      [1, 0],
      [16, 15],
      [33, 10],
    ] as const) {
      model.windows.length = 0;
      const ner = tokenClassifierNer({
        labels: NER_LABELS,
        tokenize: tokenizeNer,
        classify: model.classify,
        maxTokens,
        overlap,
      });
      const found = await ner(long);
      expect(found).toEqual(whole);
      const n = tokenizeNer(long).ids.length;
      expect(Math.max(...model.windows)).toBeLessThanOrEqual(maxTokens);
      expect(model.windows.length).toBe(Math.max(1, Math.ceil((n - overlap) / (maxTokens - overlap))));
    }
  });

  test('each token keeps the scores of the window where it lies farthest from an edge', async () => {
    // This model judges every token alone, so any window would do; to see which window a token's scores
    // come from, the rows that must not be kept (within half the overlap of an inner window edge) are
    // replaced by a confident O. The result must not change.
    const long = Array.from({ length: 12 }, () => text).join(' ');
    const n = tokenizeNer(long).ids.length;
    const whole = await tokenClassifierNer({ labels: NER_LABELS, tokenize: tokenizeNer, classify: model.classify })(
      long,
    );
    for (const [maxTokens, overlap] of [
      [7, 3],
      [16, 15],
      [33, 10],
      [20, 1],
    ] as const) {
      const step = maxTokens - overlap;
      const half = Math.floor(overlap / 2);
      let call = 0;
      const L = NER_LABELS.length;
      const edgy = async (ids: number[]) => {
        const scores = await model.classify(ids);
        const from = call++ * step;
        const to = from + ids.length;
        for (let k = from; k < to; k++) {
          const inner = (from > 0 && k < from + half) || (to < n && k >= to - (overlap - half));
          if (inner) for (let j = 0; j < L; j++) scores[(k - from) * L + j] = j === 0 ? 50 : -50;
        }
        return scores;
      };
      const ner = tokenClassifierNer({ labels: NER_LABELS, tokenize: tokenizeNer, classify: edgy, maxTokens, overlap });
      expect(await ner(long)).toEqual(whole);
    }
  });

  test('a tokenizer or model answer of the wrong shape rejects with a typed error', async () => {
    const base = { labels: NER_LABELS, tokenize: tokenizeNer, classify: model.classify };
    const code = async (p: Promise<unknown>) =>
      p.then(
        () => 'no error',
        (e) => (isModelSecError(e) ? e.code : `untyped ${e}`),
      );
    expect(await code(tokenClassifierNer({ ...base, classify: async () => new Float32Array(3) })(text))).toBe(
      'invalid_shape',
    );
    expect(
      await code(
        tokenClassifierNer({
          ...base,
          classify: async (ids) => new Float32Array(ids.length * 7).fill(Number.NaN),
        })(text),
      ),
    ).toBe('non_finite');
    expect(await code(tokenClassifierNer({ ...base, tokenize: () => ({ ids: [4], offsets: [[0, 999]] }) })(text))).toBe(
      'out_of_range',
    );
    expect(
      await code(tokenClassifierNer({ ...base, tokenize: () => ({ ids: [4, 5], offsets: [[0, 3]] }) })(text)),
    ).toBe('invalid_shape');
    expect(await code(tokenClassifierNer({ ...base, tokenize: () => ({ ids: [-1], offsets: [[0, 3]] }) })(text))).toBe(
      'invalid_value',
    );
    expect(await code(tokenClassifierNer({ ...base, tokenize: () => null as never })(text))).toBe('invalid_argument');
    expect(await code(tokenClassifierNer(base)(42 as never))).toBe('invalid_argument');
    // BigInt64Array ids (as tensor-building tokenizers give them) are read as numbers.
    const big = tokenClassifierNer({
      ...base,
      tokenize: (t) => {
        const { ids, offsets } = tokenizeNer(t);
        return { ids: BigInt64Array.from(Array.from(ids as ArrayLike<number>), (x) => BigInt(x)), offsets };
      },
    });
    expect(spans(text, await big(text))).toContainEqual(['ORG', 'Acme Corp']);
    expect(
      await code(
        tokenClassifierNer({ ...base, tokenize: () => ({ ids: BigInt64Array.of(-1n), offsets: [[0, 3]] }) })(text),
      ),
    ).toBe('invalid_value');
    expect(() => tokenClassifierNer({ ...base, maxTokens: 0 })).toThrow(RangeError);
    expect(() => tokenClassifierNer({ ...base, maxTokens: 4, overlap: 4 })).toThrow(RangeError);
    expect(() => tokenClassifierNer({ ...base, classify: 'x' as never })).toThrow(TypeError);
    expect(() => tokenClassifierNer({ ...base, aggregation: 'x' as never })).toThrow(RangeError);
  });
});
