/**
 * `unigramTokenizer` and `unigramTokenizerFromJson` (src/text/pii/ner-unigram*.ts, ner-spm-normalize.ts),
 * in Node and Chromium: the Viterbi segmentation and its tie-break, unknown text (fused, or bytes), the
 * charsmap normalization and the ranges it keeps (with the reference's quirks, and without its lost
 * ranges at the start of a text), Metaspace, offset trimming, special tokens, typed errors, properties
 * (spans inside the text and in order, the pieces spell the normalized text), megabyte inputs, and a
 * tiny ONNX NER model over a Unigram vocabulary. ner-unigram.node.test.ts compares it with Hugging
 * Face's tokenizers.
 */
import { isModelSecError } from '@modelsec/core';
import { detectPIIAsync, tokenClassifierNer, unigramTokenizer, unigramTokenizerFromJson } from '@modelsec/validators';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import SPM_VECTORS from '../vectors/spm-charsmap.json';
import { NER_LABELS, nerClassifier } from './ner-model-support';
import {
  base64,
  buildCharsmap,
  nfkcEntries,
  UNIGRAM_NER_ROWS,
  UNIGRAM_NER_VOCAB,
  unigramJson,
} from './ner-unigram-support';

type Vocab = [string, number][];

/** The pieces of `text` (by id) and its offsets. */
function run(vocab: Vocab, text: string, options = {}) {
  const out = unigramTokenizer(vocab, { unknownId: 0, ...options })(text);
  return {
    pieces: Array.from(out.ids as number[], (id) => vocab[id]?.[0]),
    offsets: out.offsets,
    words: Array.from(out.words as number[]),
  };
}

const SMALL: Vocab = [
  ['<unk>', 0],
  ['▁', -1],
  ['▁a', -2],
  ['b', -3],
  ['▁ab', -4.5],
  ['c', -1],
  ['▁abc', -7],
  ['bc', -2],
];

describe('segmentation', () => {
  test('the path with the highest total score', () => {
    // "▁ab": ▁a + b = -5 < ▁ab = -4.5. "▁abc": ▁a + bc = -4 beats ▁ab + c = -5.5 and ▁abc = -7.
    expect(run(SMALL, 'ab').pieces).toEqual(['▁ab']);
    expect(run(SMALL, 'abc').pieces).toEqual(['▁a', 'bc']);
    expect(run(SMALL, 'a b').pieces).toEqual(['▁a', '▁', 'b']);
  });

  test('ties: the first best path found (shorter piece ending there first, earlier start first)', () => {
    const tie: Vocab = [
      ['<unk>', 0],
      ['▁x', -2],
      ['y', -2],
      ['▁xy', -4],
      ['▁', -2],
      ['x', -2],
    ];
    // ▁xy (from position 0) and ▁x + y (y from position 2) both score -4 at the end: ▁xy is found first,
    // and a later equal score does not replace it.
    expect(run(tie, 'xy').pieces).toEqual(['▁xy']);
  });

  test('unknown code points in a row make one unknown token; with byteFallback, byte tokens', () => {
    expect(run(SMALL, 'a€€b')).toEqual({
      pieces: ['▁a', '<unk>', 'b'],
      offsets: [
        [0, 1],
        [1, 3],
        [3, 4],
      ],
      // "€€" is symbols only: a word of its own (splitPunctuation).
      words: [0, 1, 2],
    });
    const bytes: Vocab = [...SMALL, ['<0xE2>', -10], ['<0x82>', -10], ['<0xAC>', -10]];
    expect(run(bytes, 'a€b', { byteFallback: true }).pieces).toEqual(['▁a', '<0xE2>', '<0x82>', '<0xAC>', 'b']);
    // A byte the vocabulary lacks: the whole unknown text is the unknown token.
    expect(run(bytes, 'a€ÿb', { byteFallback: true }).pieces).toEqual(['▁a', '<unk>', 'b']);
    expect(() => unigramTokenizer(SMALL.slice(1))('a€')).toThrow(RangeError);
  });
});

describe('normalization and offsets', () => {
  const charsmap = buildCharsmap(nfkcEntries());
  const vocab: Vocab = [
    ['<unk>', 0],
    ['▁', -1],
    ...[...'abcdefghijklmnopqrstuvwxyzé'].map((c): [string, number] => [c, -2]),
  ];

  test('compatibility characters, composed accents, removed controls keep the ranges they come from', () => {
    // ﬁ → f i (both from ﬁ), ｘ → x, e + U+0301 → é (from the e only, as the reference).
    expect(run(vocab, 'ﬁｘ', { charsmap, trimOffsets: false })).toEqual({
      pieces: ['▁', 'f', 'i', 'x'],
      offsets: [
        [0, 1],
        [0, 1],
        [0, 1],
        [1, 2],
      ],
      words: [0, 0, 0, 0],
    });
    expect(run(vocab, 'e\u0301t', { charsmap, trimOffsets: false }).offsets).toEqual([
      [0, 1],
      [0, 1],
      [2, 3],
    ]);
    // A removed zero-width space inside a word.
    expect(run(vocab, 'ab\u200bc', { charsmap, trimOffsets: false }).offsets.slice(1)).toEqual([
      [0, 1],
      [1, 2],
      [3, 4],
    ]);
  });

  test('characters removed at the start keep later ranges right (the reference shifts them)', () => {
    expect(run(vocab, '\u200b\u200bab', { charsmap, trimOffsets: false }).offsets).toEqual([
      [2, 3],
      [2, 3],
      [3, 4],
    ]);
  });

  test('runs of spaces collapse to one (the last), a ▁ is put in front, spaces are trimmed from offsets', () => {
    expect(run(vocab, '  a   b ', { trimOffsets: false })).toEqual({
      pieces: ['▁', 'a', '▁', 'b', '▁'],
      offsets: [
        [1, 2],
        [2, 3],
        [5, 6],
        [6, 7],
        [7, 8],
      ],
      words: [0, 0, 1, 1, 2],
    });
    const trimmed = run(SMALL, 'ab  ab');
    expect(trimmed.pieces).toEqual(['▁ab', '▁ab']);
    expect(trimmed.offsets).toEqual([
      [0, 2],
      [4, 6],
    ]);
    expect(run(SMALL, 'ab ab', { prependScheme: 'never' }).pieces).toEqual(['<unk>', 'b', '▁ab']);
    expect(run(SMALL, 'a  b', { collapseSpaces: false }).pieces).toEqual(['▁a', '▁', '▁', 'b']);
  });

  test("punctuation tokens get words of their own (splitPunctuation), or the reference's words", () => {
    const v: Vocab = [
      ['<unk>', 0],
      ['▁York', -1],
      [',', -1],
      ['▁U', -1],
      ['.', -1],
      ['S', -1],
      ['▁', -1],
      ['!?', -1],
    ];
    expect(run(v, 'York, U.S.!?').words).toEqual([0, 1, 2, 3, 4, 5, 5]);
    expect(run(v, 'York, U.S.!?').pieces).toEqual(['▁York', ',', '▁U', '.', 'S', '.', '!?']);
    expect(run(v, 'York, U.S.!?', { splitPunctuation: false }).words).toEqual([0, 0, 1, 1, 1, 1, 1]);
  });

  test('special tokens written in the text are split like text', () => {
    const v: Vocab = [
      ['<unk>', 0],
      ['<s>', 0],
      ['▁', -1],
      ['<', -2],
      ['s', -2],
      ['>', -2],
    ];
    expect(run(v, '<s>', { specialTokens: ['<s>'], prependScheme: 'never' }).pieces).toEqual(['<', 's', '>']);
    const json = JSON.parse(unigramJson(v, { unkId: 0 }));
    json.added_tokens = [{ id: 1, content: '<s>', special: true }];
    const fromJson = unigramTokenizerFromJson(json)('<s>');
    expect(Array.from(fromJson.ids as number[])).toEqual([2, 3, 4, 5]);
  });

  test("Lowercase and Strip (DeBERTa-v3, uncased models) keep each code point's range", () => {
    // "İ" lower-cases to two code points, both from the İ.
    expect(run(vocab, ' Ab İ ', { lowercase: true, strip: 'both', trimOffsets: false })).toEqual({
      pieces: ['▁', 'a', 'b', '▁', 'i', '<unk>'],
      offsets: [
        [1, 2],
        [1, 2],
        [2, 3],
        [3, 4],
        [4, 5],
        [4, 5],
      ],
      // The unknown combining dot is no punctuation: the same word.
      words: [0, 0, 0, 1, 1, 1],
    });
    expect(run(vocab, '  ab  ', { strip: 'left', collapseSpaces: false, trimOffsets: false }).pieces).toEqual([
      '▁',
      'a',
      'b',
      '▁',
      '▁',
    ]);
    const json = JSON.parse(unigramJson(vocab, { unkId: 0, strip: true, lowercase: true }));
    expect(unigramTokenizerFromJson(json)(' AB ')).toEqual(
      unigramTokenizer(vocab, { unknownId: 0, lowercase: true, strip: 'both' })(' AB '),
    );
  });

  test("SentencePiece's own nmt_nfkc charsmap gives SentencePiece's normalization", () => {
    // test/vectors/spm-charsmap.json: the table and the library's own output (sentencepiece 0.1.97).
    const charsmap = SPM_VECTORS.charsmap;
    for (const [input, expected] of SPM_VECTORS.normalized as [string, string][]) {
      // A vocabulary of the normalized text's code points, one piece each: the pieces spell it.
      const pieces = [...new Set([...expected])];
      const v: Vocab = [['<unk>', 0], ...pieces.map((p): [string, number] => [p, -1])];
      expect(run(v, input, { charsmap }).pieces.join('')).toBe(expected);
    }
  });

  test('from tokenizer.json: the same as the options it names', () => {
    const json = unigramJson(vocab, { unkId: 0, charsmap });
    const a = unigramTokenizerFromJson(json);
    const b = unigramTokenizer(vocab, { unknownId: 0, charsmap: base64(charsmap) });
    for (const t of ['ﬁne  ｆｕｌｌ', 'e\u0301t\u200b', '', '   ']) expect(a(t)).toEqual(b(t));
  });
});

describe('arguments', () => {
  test('bad vocabularies, charsmaps, options and files are typed errors, at construction', () => {
    const bad: [() => unknown, ErrorConstructor][] = [
      [() => unigramTokenizer('x' as never), TypeError],
      [() => unigramTokenizer([['a']] as never), TypeError],
      [() => unigramTokenizer([['a', Number.NaN]]), RangeError],
      [() => unigramTokenizer(SMALL, { unknownId: 99 }), RangeError],
      [() => unigramTokenizer(SMALL, { byteFallback: 1 as never }), TypeError],
      [() => unigramTokenizer(SMALL, { prependScheme: 'sometimes' as never }), RangeError],
      [() => unigramTokenizer(SMALL, { charsmap: 5 as never }), TypeError],
      [() => unigramTokenizer(SMALL, { charsmap: 'not base64!' }), RangeError],
      [() => unigramTokenizer(SMALL, { charsmap: new Uint8Array([255, 255, 0, 0, 1]) }), RangeError],
      [() => unigramTokenizer(SMALL, { specialTokens: [1] as never }), TypeError],
      [() => unigramTokenizerFromJson('{'), RangeError],
      [() => unigramTokenizerFromJson('[]'), TypeError],
      [() => unigramTokenizerFromJson({ model: { type: 'BPE' } }), RangeError],
    ];
    for (const [make, type] of bad) {
      let error: unknown;
      try {
        make();
      } catch (e) {
        error = e;
      }
      expect(isModelSecError(error)).toBe(true);
      expect(error).toBeInstanceOf(type);
    }
    // A part it does not implement is named, never skipped.
    const json = JSON.parse(unigramJson(SMALL, { unkId: 0 }));
    json.normalizer = { type: 'BertNormalizer' };
    expect(() => unigramTokenizerFromJson(json)).toThrow(/BertNormalizer/);
    // Supported parts in another order than the tokenizer applies them: refused too.
    json.normalizer = {
      type: 'Sequence',
      normalizers: [{ type: 'Precompiled', precompiled_charsmap: '' }, { type: 'Strip' }],
    };
    expect(() => unigramTokenizerFromJson(json)).toThrow(/order/);
    json.normalizer = null;
    json.pre_tokenizer = { type: 'WhitespaceSplit' };
    expect(() => unigramTokenizerFromJson(json)).toThrow(/Metaspace/);
  });

  test('a non-string text or one over maxLength is a typed error; messages never hold the text', () => {
    const tokenize = unigramTokenizer(SMALL, { unknownId: 0, maxLength: 8 });
    expect(() => tokenize(5 as never)).toThrow(TypeError);
    const secret = 'ab ab ab ab';
    try {
      tokenize(secret);
      expect.unreachable();
    } catch (e) {
      expect(isModelSecError(e) && (e as { code?: string }).code).toBe('too_large');
      expect(String((e as Error).message)).not.toContain(secret);
    }
  });

  test('arbitrary charsmap bytes: a tokenizer whose output indexes the text, or a typed error', () => {
    const vocab: Vocab = [
      ['<unk>', 0],
      ['▁', -1],
      ['a', -2],
    ];
    // A header that fits (trie sizes 4-64 bytes) in front of random units and replacements.
    const charsmap = fc
      .tuple(fc.integer({ min: 1, max: 16 }), fc.uint8Array({ minLength: 0, maxLength: 200 }))
      .map(([units, rest]) => {
        const bytes = new Uint8Array(4 + rest.length);
        new DataView(bytes.buffer).setUint32(0, units * 4, true);
        bytes.set(rest, 4);
        return bytes;
      });
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    fc.assert(
      fc.property(charsmap, text, (bytes, t) => {
        try {
          const out = unigramTokenizer(vocab, { unknownId: 0, charsmap: bytes })(t);
          for (const [s, e] of out.offsets) expect(0 <= s && s <= e && e <= t.length).toBe(true);
        } catch (e) {
          expect(isModelSecError(e)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
    // A replacement of 33 code points is refused (a model file must not blow up the text).
    const long = buildCharsmap([['x', 'y'.repeat(33)]]);
    expect(() => unigramTokenizer(vocab, { unknownId: 0, charsmap: long })('x')).toThrow(RangeError);
    expect(
      unigramTokenizer(vocab, { unknownId: 0, charsmap: buildCharsmap([['x', 'a'.repeat(32)]]) })('x').ids.length,
    ).toBe(33);
  });

  test('arbitrary arguments: a tokenizer or a typed error', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (vocab, options) => {
        try {
          unigramTokenizer(vocab as never, options as never);
        } catch (e) {
          expect(isModelSecError(e)).toBe(true);
        }
        try {
          unigramTokenizerFromJson(vocab as never);
        } catch (e) {
          expect(isModelSecError(e)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('properties', () => {
  const charsmap = buildCharsmap(nfkcEntries());
  const vocab: Vocab = [
    ['<unk>', 0],
    ['▁', -1],
    ['▁ab', -2],
    ['ab', -2.5],
    ['a', -3],
    ['b', -3],
    ['▁a', -2.2],
  ];
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc
      .array(fc.constantFrom('ab', ' ab', ' ', '  ', '\t', 'ﬁ', 'e\u0301', '\u200b', '😀', '\ud800', '▁', 'a'), {
        maxLength: 20,
      })
      .map((a) => a.join('')),
  );

  test('spans are inside the text and in order; words count up; the pieces spell the normalized text', () => {
    fc.assert(
      fc.property(text, fc.boolean(), fc.boolean(), (t, withMap, trimOffsets) => {
        const out = unigramTokenizer(vocab, { unknownId: 0, trimOffsets, ...(withMap ? { charsmap } : {}) })(t);
        expect(out.offsets.length).toBe(out.ids.length);
        expect((out.words as number[]).length).toBe(out.ids.length);
        let lastStart = 0;
        let lastWord = 0;
        out.offsets.forEach(([s, e], k) => {
          expect(0 <= s && s <= e && e <= t.length).toBe(true);
          expect(s).toBeGreaterThanOrEqual(lastStart);
          lastStart = s;
          const w = (out.words as number[])[k] as number;
          expect(w === lastWord || w === lastWord + 1).toBe(true);
          lastWord = w;
        });
        // Without a charsmap and with only known pieces, the pieces spell the text (▁ for spaces).
        if (!withMap && /^[ab ]*$/.test(t)) {
          const spelled = Array.from(out.ids as number[], (id) => vocab[id]?.[0]).join('');
          const expected = t.replace(/ {2,}/g, ' ').replace(/ /g, '▁');
          expect(spelled).toBe(expected === '' || expected.startsWith('▁') ? expected : `▁${expected}`);
        }
      }),
      { numRuns: 1500 },
    );
  });

  test('megabyte inputs: one long word, spaces, removed characters, every BMP unit', () => {
    const tokenize = unigramTokenizer(vocab, { unknownId: 0, charsmap });
    const long = tokenize('ab'.repeat(1 << 19));
    expect(long.ids.length).toBe(1 << 19);
    expect(long.offsets.at(-1)).toEqual([(1 << 20) - 2, 1 << 20]);
    expect(tokenize(' '.repeat(1 << 20)).ids.length).toBe(1);
    expect(tokenize('\u200b'.repeat(1 << 20)).ids.length).toBe(0);
    let all = '';
    for (let c = 0; c < 0x10000; c++) all += String.fromCharCode(c);
    const every = tokenize(all.repeat(16));
    expect(every.offsets.length).toBe(every.ids.length);
    expect(every.ids.length).toBeGreaterThan(1000);
    expect(every.offsets.every(([s, e]) => 0 <= s && s <= e && e <= 1 << 20)).toBe(true);
    // One unknown token of a megabyte (punctuation is looked at code point by code point).
    expect(tokenize('€'.repeat(1 << 20)).ids.length).toBe(2);
  });
});

describe('an XLM-R-style NER model over it (ONNX, onnxruntime-web)', () => {
  let model: Awaited<ReturnType<typeof nerClassifier>>;
  beforeAll(async () => {
    model = await nerClassifier({ rows: UNIGRAM_NER_ROWS, cls: 0, sep: 2 });
  });

  test('entities from the model through tokenClassifierNer and detectPIIAsync', async () => {
    const text = 'Ada Lovelace met Grace Hopper in New York, and works at Acme.';
    const json = unigramJson(UNIGRAM_NER_VOCAB, { unkId: 3, charsmap: buildCharsmap(nfkcEntries()) });
    const ner = tokenClassifierNer({
      labels: NER_LABELS,
      tokenize: unigramTokenizerFromJson(json),
      classify: model.classify,
    });
    const found = (await ner(text)).map((e) => [e.entity, text.slice(e.start, e.end)]);
    expect(found).toEqual([
      ['PER', 'Ada Lovelace'],
      ['PER', 'Grace Hopper'],
      ['LOC', 'New York'],
      ['ORG', 'Acme'],
    ]);
    const all = await detectPIIAsync(text, { ner });
    expect(all.map((f) => [f.entity, text.slice(f.start, f.end), f.recognizer])).toContainEqual([
      'ORGANIZATION',
      'Acme',
      'ner',
    ]);
  });
});
