/**
 * `byteLevelBpeTokenizer` (src/text/pii/ner-bpe.ts): GPT-2's pre-tokenization (the reference's own
 * examples), merges by rank then position, offsets and their trimming, the added prefix space, bytes the
 * vocabulary lacks, argument checks; properties (the tokens are the text's UTF-8 bytes, in order, with
 * spans inside the text); megabyte inputs; and a NER model over it (a tiny ONNX model run by
 * onnxruntime-web). ner-bpe.node.test.ts compares it with Hugging Face's tokenizers on GPT-2's vocabulary.
 */
import { isModelSecError } from '@modelsec/core';
import { byteLevelBpeTokenizer, detectPIIAsync, tokenClassifierNer } from '@modelsec/validators';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { BYTE_CHARS } from '../../src/text/pii/ner-bpe';
import { BPE_CLS, BPE_MERGES, BPE_ROWS, BPE_SEP, BPE_VOCAB } from './ner-bpe-support';
import { NER_LABELS, nerClassifier } from './ner-model-support';

/** A vocabulary of the 256 byte stand-ins only (ids 0-255 by byte), and `extra` tokens after them. */
function byteVocab(extra: string[] = []): Record<string, number> {
  const vocab: Record<string, number> = {};
  BYTE_CHARS.forEach((c, b) => {
    vocab[c] = b;
  });
  for (const t of extra) vocab[t] ??= Object.keys(vocab).length;
  return vocab;
}

/** Each word's text span (`words` numbers the pieces), from untrimmed offsets. */
function pieces(text: string, options = {}): [string, number, number][] {
  const { offsets, words } = byteLevelBpeTokenizer(byteVocab(), [], { trimOffsets: false, ...options })(text);
  const out: [string, number, number][] = [];
  offsets.forEach(([s, e], k) => {
    const w = (words as number[])[k] as number;
    const last = out[w];
    if (last) last[2] = Math.max(last[2], e);
    else out[w] = ['', s, e];
  });
  return out.map(([, s, e]) => [text.slice(s, e), s, e]);
}

/** The tokens' strings (vocabulary entries) of `text`. */
function tokens(vocab: Record<string, number>, merges: string[], text: string, options = {}): string[] {
  const byId = new Map(Object.entries(vocab).map(([t, id]) => [id, t]));
  return Array.from(byteLevelBpeTokenizer(vocab, merges, options)(text).ids as number[], (id) => byId.get(id) ?? '?');
}

describe('pre-tokenization (GPT-2 pattern), as the reference splits', () => {
  test("the reference's examples", () => {
    expect(pieces('Hello my friend, how is your day going?')).toEqual([
      ['Hello', 0, 5],
      [' my', 5, 8],
      [' friend', 8, 15],
      [',', 15, 16],
      [' how', 16, 20],
      [' is', 20, 23],
      [' your', 23, 28],
      [' day', 28, 32],
      [' going', 32, 38],
      ['?', 38, 39],
    ]);
    expect(pieces('Hello there\nHello there').map(([t]) => t)).toEqual(['Hello', ' there', '\n', 'Hello', ' there']);
    // White space before a word: all but the last space, which starts the word.
    expect(pieces('Hello there       dear').map(([t]) => t)).toEqual(['Hello', ' there', '      ', ' dear']);
  });

  test('contractions (lower case only), numbers, symbols, white space at the end', () => {
    expect(pieces("I'm here, isn't it? We'll see; they've, we're, he'd").map(([t]) => t)).toEqual([
      'I',
      "'m",
      ' here',
      ',',
      ' isn',
      "'t",
      ' it',
      '?',
      ' We',
      "'ll",
      ' see',
      ';',
      ' they',
      "'ve",
      ',',
      ' we',
      "'re",
      ',',
      ' he',
      "'d",
    ]);
    expect(pieces("IT'S").map(([t]) => t)).toEqual(['IT', "'", 'S']);
    expect(pieces('pay 42.50€ now!!  \n\t').map(([t]) => t)).toEqual([
      'pay',
      ' 42',
      '.',
      '50',
      '€',
      ' now',
      '!!',
      '  \n\t',
    ]);
    // One white space character before a word that is not a space stands alone.
    expect(pieces('a\nb').map(([t]) => t)).toEqual(['a', '\n', 'b']);
    // Non-ASCII: letters, digits of other scripts, white space (no-break space, NEL, ideographic space).
    expect(pieces('naïve ٣ Привет\u00a0x\u0085y\u3000z').map(([t]) => t)).toEqual([
      'naïve',
      ' ٣',
      ' Привет',
      '\u00a0',
      'x',
      '\u0085',
      'y',
      '\u3000',
      'z',
    ]);
    // Special-token strings are ordinary text.
    expect(pieces('<s>hi</s>').map(([t]) => t)).toEqual(['<', 's', '>', 'hi', '</', 's', '>']);
  });

  test('an added prefix space joins the first word and stands where its first character is', () => {
    expect(pieces('Hello world', { addPrefixSpace: true })).toEqual([
      ['Hello', 0, 5],
      [' world', 5, 11],
    ]);
    const tokenize = byteLevelBpeTokenizer(byteVocab(), [], { addPrefixSpace: true, trimOffsets: false });
    expect(tokenize('Hi').offsets).toEqual([
      [0, 1],
      [0, 1],
      [1, 2],
    ]);
    // Not added before a space, nor to an empty text.
    // byteVocab gives each byte's stand-in the byte's own value as id.
    expect(tokenize(' Hi').ids).toEqual([32, 72, 105]);
    expect(tokenize('').ids).toEqual([]);
  });
});

describe('merges and offsets', () => {
  test('lowest rank first, then leftmost', () => {
    const vocab = byteVocab(['bc', 'ab', 'aa', 'aaaa']);
    expect(tokens(vocab, ['b c', 'a b'], 'abc')).toEqual(['a', 'bc']);
    expect(tokens(vocab, ['a b', 'b c'], 'abc')).toEqual(['ab', 'c']);
    expect(tokens(vocab, ['a a'], 'aaa')).toEqual(['aa', 'a']);
    expect(tokens(vocab, ['a a', 'aa aa'], 'aaaaa')).toEqual(['aaaa', 'a']);
    // merges.txt text with its version line; a repeated merge keeps its last rank.
    expect(tokens(vocab, '#version: 0.2\na b\nb c\n' as unknown as string[], 'abc')).toEqual(['ab', 'c']);
    expect(tokens(vocab, ['a b', 'b c', 'a b'], 'abc')).toEqual(['a', 'bc']);
    // tokenizer.json's pair form.
    expect(tokens(vocab, [['b', 'c']] as unknown as string[], 'abc')).toEqual(['a', 'bc']);
  });

  test('offsets index the text (UTF-16), a split character gives each part its span; spaces are trimmed', () => {
    const tokenize = byteLevelBpeTokenizer(BPE_VOCAB, BPE_MERGES);
    const text = 'Ada Lovelace met Grace Hopper in New York, and works at Acme. 😀';
    const out = tokenize(text);
    const spans = out.offsets.map(([s, e]) => text.slice(s, e));
    expect(spans).toEqual([
      'Ada',
      'Lovelace',
      'met',
      'Grace',
      'Hopper',
      'in',
      'New',
      'York',
      ',',
      'and',
      'works',
      'at',
      'Acme',
      '.',
      '', // "Ġ": the space before the emoji, trimmed away
      '😀',
      '😀',
      '😀',
      '😀', // four bytes, no merges
    ]);
    expect(out.words).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 14, 14, 14, 14]);
    const untrimmed = byteLevelBpeTokenizer(BPE_VOCAB, BPE_MERGES, { trimOffsets: false })(text);
    expect(untrimmed.offsets[1]).toEqual([3, 12]); // " Lovelace"
  });

  test('bytes the vocabulary lacks are dropped, or are the unknown token', () => {
    const vocab = byteVocab();
    for (const b of new TextEncoder().encode('é')) delete vocab[BYTE_CHARS[b] as string];
    vocab['<unk>'] = 999;
    expect(tokens(vocab, [], 'aéb')).toEqual(['a', 'b']);
    expect(tokens(vocab, [], 'aéb', { unknownToken: '<unk>' })).toEqual(['a', '<unk>', '<unk>', 'b']);
  });

  test('a lone surrogate is read as U+FFFD', () => {
    const tokenize = byteLevelBpeTokenizer(byteVocab(), []);
    const bytes = (s: string) => Array.from(tokenize(s).ids as number[], (id) => id);
    expect(bytes('a\ud800b')).toEqual(bytes('a\ufffdb'));
    expect(tokenize('a\ud800').offsets).toEqual([
      [0, 1],
      [1, 2],
      [1, 2],
      [1, 2],
    ]);
  });
});

describe('arguments', () => {
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return isModelSecError(e) ? `${(e as Error).name}:${(e as { code: string }).code}` : String(e);
    }
    return 'ok';
  };

  test('bad vocabularies, merges and options are typed errors, at construction', () => {
    const vocab = byteVocab(['ab']);
    expect(code(() => byteLevelBpeTokenizer('{not json', []))).toMatch(/RangeError/);
    expect(code(() => byteLevelBpeTokenizer([] as never, []))).toMatch(/TypeError/);
    expect(code(() => byteLevelBpeTokenizer({ a: -1 }, []))).toMatch(/RangeError/);
    expect(code(() => byteLevelBpeTokenizer({ a: 1.5 }, []))).toMatch(/RangeError/);
    expect(code(() => byteLevelBpeTokenizer({ a: 2 ** 26 }, []))).toMatch(/RangeError/);
    expect(code(() => byteLevelBpeTokenizer({ a: 2 ** 26 - 1 }, []))).toBe('ok');
    expect(code(() => byteLevelBpeTokenizer(vocab, ['a b c']))).toMatch(/RangeError/);
    expect(code(() => byteLevelBpeTokenizer(vocab, ['a x']))).toMatch(/RangeError/);
    expect(code(() => byteLevelBpeTokenizer(vocab, ['b a']))).toMatch(/RangeError/); // "ba" not in it
    expect(code(() => byteLevelBpeTokenizer(vocab, [3 as never]))).toMatch(/TypeError/);
    expect(code(() => byteLevelBpeTokenizer(vocab, 5 as never))).toMatch(/TypeError/);
    expect(code(() => byteLevelBpeTokenizer(vocab, [], { unknownToken: '<unk>' }))).toMatch(/RangeError/);
    expect(code(() => byteLevelBpeTokenizer(vocab, [], { addPrefixSpace: 'yes' as never }))).toMatch(/TypeError/);
    expect(code(() => byteLevelBpeTokenizer(vocab, [], { maxLength: -1 }))).toMatch(/RangeError/);
    expect(code(() => byteLevelBpeTokenizer(vocab, ['a b']))).toBe('ok');
  });

  test('a non-string text or one over maxLength is a typed error; messages never hold the text', () => {
    const tokenize = byteLevelBpeTokenizer(byteVocab(), [], { maxLength: 8 });
    expect(code(() => tokenize(42 as never))).toMatch(/TypeError/);
    let message = '';
    try {
      tokenize('secret-token-123');
    } catch (e) {
      message = (e as Error).message;
      expect((e as { code: string }).code).toBe('too_large');
    }
    expect(message).not.toContain('secret');
  });

  test('arbitrary arguments: a tokenizer or a typed error', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (vocab, merges, options) => {
        try {
          byteLevelBpeTokenizer(vocab as never, merges as never, options as never)('Hello world');
        } catch (e) {
          expect(isModelSecError(e)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('properties', () => {
  const tokenize = byteLevelBpeTokenizer(BPE_VOCAB, BPE_MERGES);
  const byId = new Map(Object.entries(BPE_VOCAB).map(([t, id]) => [id, t]));
  const charByte = new Map(BYTE_CHARS.map((c, b) => [c, b]));
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc
      .array(fc.constantFrom('Ada', ' Lovelace', ' New', ' York', "'s", ' ', '  ', '\n', '😀', 'é', '\ud800', ','), {
        maxLength: 20,
      })
      .map((a) => a.join('')),
  );

  test('the tokens are the text as UTF-8, in order; spans are inside the text, in order', () => {
    fc.assert(
      fc.property(text, fc.boolean(), fc.boolean(), (t, addPrefixSpace, trimOffsets) => {
        const out = byteLevelBpeTokenizer(BPE_VOCAB, BPE_MERGES, { addPrefixSpace, trimOffsets })(t);
        const bytes = (out.ids as number[]).flatMap((id) => [...(byId.get(id) as string)].map((c) => charByte.get(c)));
        const prefix = addPrefixSpace && t.length > 0 && !t.startsWith(' ') ? [32] : [];
        expect(bytes).toEqual([...prefix, ...new TextEncoder().encode(t)]);
        expect(out.offsets.length).toBe(out.ids.length);
        let lastStart = 0;
        let lastWord = 0;
        out.offsets.forEach(([s, e], k) => {
          expect(0 <= s && s <= e && e <= t.length).toBe(true);
          expect(s).toBeGreaterThanOrEqual(lastStart);
          lastStart = s;
          const w = (out.words as number[])[k] as number;
          expect(w === lastWord || w === lastWord + 1 || (k === 0 && w === 0)).toBe(true);
          lastWord = w;
        });
      }),
      { numRuns: 1500 },
    );
    expect(tokenize('').ids).toEqual([]);
  });

  test('megabyte inputs: one long word, white space, contractions, all bytes', () => {
    // One piece of a million letters: the merges take a heap, not a quadratic scan.
    const merges = ['a a', 'aa aa', 'aaaa aaaa'];
    const vocab = byteVocab(['aa', 'aaaa', 'aaaaaaaa']);
    const long = byteLevelBpeTokenizer(vocab, merges)('a'.repeat(1 << 20));
    expect(long.ids.length).toBe((1 << 20) / 8);
    expect(long.offsets.at(-1)).toEqual([(1 << 20) - 8, 1 << 20]);
    expect(tokenize(' '.repeat(1 << 20)).ids.length).toBe(1 << 20);
    expect(tokenize("'s".repeat(1 << 19)).ids.length).toBe(1 << 20);
    let all = '';
    for (let c = 0; c < 0x800; c++) all += String.fromCharCode(c);
    expect(tokenize(all.repeat(512)).ids.length).toBeGreaterThan(1 << 20);
  });
});

describe('a RoBERTa-style NER model over it (ONNX, onnxruntime-web)', () => {
  let model: Awaited<ReturnType<typeof nerClassifier>>;
  beforeAll(async () => {
    model = await nerClassifier({ rows: BPE_ROWS, cls: BPE_CLS, sep: BPE_SEP });
  });

  test('entities from the model through tokenClassifierNer and detectPIIAsync', async () => {
    const text = 'Ada Lovelace met Grace Hopper in New York, and works at Acme.';
    const ner = tokenClassifierNer({
      labels: NER_LABELS,
      tokenize: byteLevelBpeTokenizer(BPE_VOCAB, BPE_MERGES),
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
