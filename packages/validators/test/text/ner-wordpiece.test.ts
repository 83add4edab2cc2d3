import { isModelSecError } from '@modelsec/core';
import { tokenClassifierNer, wordPieceTokenizer } from '@modelsec/validators';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { NER_LABELS, NER_VOCAB, nerClassifier, tokenizeNer } from './ner-model-support';

/** The tokens as [piece, covered text]. */
function show(vocab: readonly string[], text: string, t: ReturnType<ReturnType<typeof wordPieceTokenizer>>) {
  return Array.from(t.ids as ArrayLike<number>, (id, k) => {
    const [s, e] = t.offsets[k] as [number, number];
    return [vocab[id], text.slice(s, e)];
  });
}

describe('wordPieceTokenizer (known answers, by the reference algorithm)', () => {
  test('the TSDoc example: lower-case, greedy pieces, punctuation alone, unknown', () => {
    const tokenize = wordPieceTokenizer(['[UNK]', 'un', '##aff', '##able', ',', 'hi']);
    expect(tokenize('Unaffable, hi!')).toEqual({
      ids: [1, 2, 3, 4, 5, 0],
      offsets: [
        [0, 2],
        [2, 5],
        [5, 9],
        [9, 10],
        [11, 13],
        [13, 14],
      ],
    });
  });

  test('accents and case: uncased models fold both, offsets stay on the original text', () => {
    const vocab = ['[UNK]', 'hello', 'world', 'cafe', '##s', 'naive'];
    const text = 'Héllo WORLD cafés naïve';
    expect(show(vocab, text, wordPieceTokenizer(vocab)(text))).toEqual([
      ['hello', 'Héllo'],
      ['world', 'WORLD'],
      ['cafe', 'café'],
      ['##s', 's'],
      ['naive', 'naïve'],
    ]);
    // A decomposed accent (e + U+0301) is dropped the same way, inside the word.
    const nfd = 'cafe\u0301s';
    expect(show(vocab, nfd, wordPieceTokenizer(vocab)(nfd))).toEqual([
      ['cafe', 'cafe'], // the dropped accent is in no piece
      ['##s', 's'],
    ]);
    // Cased: "Hello" is not "hello"; accents kept unless asked.
    expect(show(vocab, 'Hello', wordPieceTokenizer(vocab, { lowerCase: false })('Hello'))).toEqual([
      ['[UNK]', 'Hello'],
    ]);
    expect(show(vocab, 'héllo', wordPieceTokenizer(vocab, { stripAccents: false })('héllo'))).toEqual([
      ['[UNK]', 'héllo'],
    ]);
  });

  test('CJK ideographs, astral ones too, are words of their own; white space and controls', () => {
    const vocab = ['[UNK]', '中', '文', 'abc', '𠀀', 'ab', '«', '»', 'x'];
    const t = wordPieceTokenizer(vocab);
    expect(show(vocab, '中文abc 𠀀', t('中文abc 𠀀'))).toEqual([
      ['中', '中'],
      ['文', '文'],
      ['abc', 'abc'],
      ['𠀀', '𠀀'],
    ]);
    expect(t('𠀀').offsets).toEqual([[0, 2]]);
    // Format characters (ZWJ) and controls are dropped inside a word; no-break and ideographic spaces split.
    expect(show(vocab, 'a\u200db\u0007', t('a\u200db\u0007'))).toEqual([['ab', 'a\u200db']]);
    expect(show(vocab, 'ab\u00a0x\u3000ab', t('ab\u00a0x\u3000ab'))).toEqual([
      ['ab', 'ab'],
      ['x', 'x'],
      ['ab', 'ab'],
    ]);
    expect(show(vocab, '«x»', t('«x»'))).toEqual([
      ['«', '«'],
      ['x', 'x'],
      ['»', '»'],
    ]);
  });

  test("the reference fast tokenizer's character classes (ner-wordpiece.node.test.ts checks them on generated text)", () => {
    const vocab = ['[UNK]', 'ab', 'x', '\u0378', '\u{2B91F}', '\u{2B920}'];
    const t = wordPieceTokenizer(vocab);
    // Line and paragraph separators split words; NEL, VT and FF are controls: dropped inside a word.
    expect(show(vocab, 'ab\u2028x\u2029ab', t('ab\u2028x\u2029ab'))).toEqual([
      ['ab', 'ab'],
      ['x', 'x'],
      ['ab', 'ab'],
    ]);
    expect(show(vocab, 'a\u0085b a\u000bb a\u000cb', t('a\u0085b a\u000bb a\u000cb')).map(([p]) => p)).toEqual([
      'ab',
      'ab',
      'ab',
    ]);
    // Private-use characters are dropped; unassigned ones are letters.
    expect(show(vocab, 'a\ue000b', t('a\ue000b'))).toEqual([['ab', 'a\ue000b']]);
    expect(show(vocab, '\u0378', t('\u0378'))).toEqual([['\u0378', '\u0378']]);
    expect(show(vocab, 'x\u0378', t('x\u0378'))).toEqual([['[UNK]', 'x\u0378']]);
    // CJK Extension E starts at U+2B920 (the Python tokenizer's U+2B820 is not the fast one's).
    expect(show(vocab, 'x\u{2B920}', t('x\u{2B920}'))).toEqual([
      ['x', 'x'],
      ['\u{2B920}', '\u{2B920}'],
    ]);
    expect(show(vocab, 'x\u{2B91F}', t('x\u{2B91F}'))).toEqual([['[UNK]', 'x\u{2B91F}']]);
  });

  test('special-token strings in the text are split like any text (no injection of [CLS] or [SEP])', () => {
    const vocab = ['[UNK]', '[CLS]', '[SEP]', '[', ']', 'cl', '##s', 'sep'];
    const t = wordPieceTokenizer(vocab);
    const { ids } = t('[CLS] hi [SEP]');
    expect(ids).not.toContain(1);
    expect(ids).not.toContain(2);
    expect(show(vocab, '[CLS]', t('[CLS]'))).toEqual([
      ['[', '['],
      ['cl', 'CL'],
      ['##s', 'S'],
      [']', ']'],
    ]);
  });

  test('a word with no matching piece, or too long, is one unknown token over the whole word', () => {
    const vocab = ['[UNK]', 'un', '##aff', '##able', 'a', '##a'];
    const t = wordPieceTokenizer(vocab, { maxCharsPerWord: 8 });
    expect(show(vocab, 'unaffablex', t('unaffablex'))).toEqual([['[UNK]', 'unaffablex']]);
    expect(show(vocab, 'aaaaaaaa aaaaaaaaa', t('aaaaaaaa aaaaaaaaa'))).toEqual([
      ['a', 'a'],
      ...Array.from({ length: 7 }, () => ['##a', 'a']),
      ['[UNK]', 'aaaaaaaaa'],
    ]);
  });

  test('greedy longest match from the left (not the best split)', () => {
    const vocab = ['[UNK]', 'ab', 'a', '##bc', '##c'];
    // "abc": the longest first piece is "ab", then "##c" (not "a" + "##bc").
    expect(show(vocab, 'abc', wordPieceTokenizer(vocab)('abc'))).toEqual([
      ['ab', 'ab'],
      ['##c', 'c'],
    ]);
  });

  test('vocab.txt text (CRLF too); a repeated token keeps its last line', () => {
    const t = wordPieceTokenizer('[UNK]\r\nhi\r\nthere\r\nhi\r\n');
    expect(t('hi there').ids).toEqual([3, 2]);
  });

  test('equals the tests’ own BERT-style tokenizer on ASCII text over the same vocabulary', () => {
    const tokenize = wordPieceTokenizer(NER_VOCAB);
    const words = ['Ada', 'Lovelace', 'grace', 'HOPPER', 'new', 'York', 'acme', 'corp', 'paris', 'zzz', 'Hoppers'];
    const seps = [' ', ', ', '. ', '  ', '\n', '-', '!'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(...seps)), { maxLength: 12 }),
        (parts) => {
          const text = parts.map(([w, s]) => w + s).join('');
          const mine = tokenize(text);
          const theirs = tokenizeNer(text);
          // The tests' tokenizer has no "-" or "!" in its vocabulary either: both give [UNK] there.
          expect(mine).toEqual({ ids: Array.from(theirs.ids as ArrayLike<number>), offsets: theirs.offsets });
        },
      ),
      { numRuns: 300 },
    );
  });

  test('property: any text gives ids of the vocabulary and ordered, non-empty spans inside it', () => {
    const vocab = ['[UNK]', 'a', '##a', 'b', '##b', 'é', '.', '中', 'ab', '##ab'];
    const tokenizers = [wordPieceTokenizer(vocab), wordPieceTokenizer(vocab, { lowerCase: false, maxCharsPerWord: 3 })];
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 60 }),
          fc.string({
            unit: fc.constantFrom('a', 'b', 'A', 'é', ' ', '.', '中', '\u0301', '\u200d', 'İ'),
            maxLength: 60,
          }),
        ),
        (text) => {
          for (const t of tokenizers) {
            const { ids, offsets } = t(text);
            expect(offsets.length).toBe(ids.length);
            let last = 0;
            for (let k = 0; k < ids.length; k++) {
              const id = (ids as ArrayLike<number>)[k] as number;
              expect(id >= 0 && id < vocab.length).toBe(true);
              const [s, e] = offsets[k] as [number, number];
              expect(0 <= s && s < e && e <= text.length).toBe(true);
              expect(s).toBeGreaterThanOrEqual(last);
              last = s;
            }
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('bad vocabularies, options and texts are typed errors', () => {
    expect(() => wordPieceTokenizer(['hi'])).toThrow(RangeError); // no [UNK]
    expect(() => wordPieceTokenizer([1] as never)).toThrow(TypeError);
    expect(() => wordPieceTokenizer(5 as never)).toThrow(TypeError);
    expect(() => wordPieceTokenizer(['[UNK]'], { lowerCase: 'yes' as never })).toThrow(TypeError);
    expect(() => wordPieceTokenizer(['[UNK]'], { maxCharsPerWord: 0 })).toThrow(RangeError);
    const t = wordPieceTokenizer(['[UNK]'], { maxLength: 10 });
    expect(() => t(5 as never)).toThrow(TypeError);
    expect(() => t('x'.repeat(11))).toThrow(expect.objectContaining({ code: 'too_large' }));
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (vocab, options, text) => {
        try {
          wordPieceTokenizer(vocab as never, options as never)(text as never);
        } catch (e) {
          expect(isModelSecError(e)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('a megabyte of one long word, and of mixed script, tokenizes (linear time)', () => {
    const t = wordPieceTokenizer(NER_VOCAB);
    expect(t('a'.repeat(1 << 20)).ids).toEqual([NER_VOCAB.indexOf('[UNK]')]);
    const mixed = 'Ada Lovelace, 中文 naïve\u200d! '.repeat(40_000);
    expect(t(mixed).ids.length).toBe(40_000 * 8); // ada love ##lace , then [UNK] for 中, 文, naïve and !
  });
});

describe('wordPieceTokenizer + tokenClassifierNer over the ONNX model', () => {
  test('gives the entities the tests’ tokenizer gives', async () => {
    const { classify } = await nerClassifier();
    const text = 'Ada Lovelace met Grace Hopper in New York, and works at Acme Corp.';
    const run = (tokenize: typeof tokenizeNer) => tokenClassifierNer({ labels: NER_LABELS, tokenize, classify })(text);
    const found = await run(wordPieceTokenizer(NER_VOCAB));
    expect(found).toEqual(await run(tokenizeNer));
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual([
      'Ada Lovelace',
      'Grace Hopper',
      'New York',
      'Acme Corp',
    ]);
  });
});
