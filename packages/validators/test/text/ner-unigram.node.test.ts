/**
 * `unigramTokenizer` / `unigramTokenizerFromJson` against the reference: Hugging Face `tokenizers` (the
 * Rust library, through its Node binding) loading the same `tokenizer.json`, laid out as XLM-R's
 * (`Precompiled` charsmap, `Replace(" {2,}", " ")`, `Metaspace`, `Unigram`). The vocabulary is made from
 * GPT-2's 50k tokens (`Ġ` → `▁`) with scores from their ranks; the charsmap is built here (a Darts-clone
 * trie, as SentencePiece writes it) from NFKC, composed accents and removed controls. Generated texts mix
 * words, accents, compatibility characters, emoji, CJK, every kind of white space and arbitrary UTF-16;
 * ids, offsets (the reference counts code points: converted to UTF-16) and word numbers must be equal.
 *
 * Known difference, kept on purpose: the reference loses track of characters the charsmap removes at the
 * very start of a text, and all later offsets point one character early. Those texts are compared with
 * the reference's result for the text without them, shifted (our offsets are right).
 */
import { unigramTokenizer, unigramTokenizerFromJson } from '@modelsec/validators';
import { readSharedJSON } from '@modelsec-test/utils';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import SPM_VECTORS from '../vectors/spm-charsmap.json';
import {
  gpt2UnigramVocab,
  mixedText,
  type ReferenceTokenizer,
  referenceFromString,
  utf16Offsets,
} from './hf-tokenizers-support';
import { buildCharsmap, fromBase64, nfkcEntries, removedByTable, unigramJson } from './ner-unigram-support';

const PIECES = [
  'Hello',
  'world',
  'Ada',
  'Lovelace',
  'New York',
  '42',
  '3.14',
  '٣',
  '½',
  'naïve',
  'café',
  'e\u0301',
  'ｅ\u0301',
  'A\u0308',
  'ﬁne',
  'ｆｕｌｌ',
  'Ⅻ',
  '㍿',
  '😀',
  '👩‍👩‍👧',
  '🇫🇷',
  '日本語',
  '한국어',
  'Привет',
  '...',
  '—',
  '“',
  '$',
  '€',
  '_',
  '\u00ad',
  'ß',
  'İ',
  'ǅ',
  '▁',
  'x\u0000y',
  'a\u200bb',
];
const SEPARATORS = [' ', '  ', '   ', '\n', '\t', ' \t ', '\r\n', '\u00a0', '\u3000', '\u200b', '', ',', '. '];
const text = mixedText(PIECES, SEPARATORS);

/**
 * Compare ours with the reference on `t` (see the file's note on leading removed characters); with
 * `Strip`, a text whose first kept character the charsmap removes is compared by ids only. Returns
 * whether offsets were compared.
 */
async function same(
  removes: boolean,
  stripped: boolean,
  ref: ReferenceTokenizer,
  ours: (t: string) => {
    ids: ArrayLike<number> | ArrayLike<bigint>;
    offsets: readonly (readonly [number, number])[];
    words?: ArrayLike<number>;
  },
  t: string,
): Promise<boolean> {
  let skip = 0;
  let idsOnly = false;
  const chars = [...t];
  if (removes && stripped) {
    const first = chars.find((c) => !/\p{White_Space}/u.test(c));
    idsOnly = first !== undefined && removedByTable(first.codePointAt(0) as number);
  } else if (removes) {
    for (const ch of chars) {
      if (!removedByTable(ch.codePointAt(0) as number)) break;
      skip += ch.length;
    }
  }
  const got = ours(t);
  // The text as ASCII, so that a failure shows which code points it holds.
  const text = t.replace(/[^\x20-\x7e]/gu, (c) => `\\u{${(c.codePointAt(0) as number).toString(16)}}`);
  if (idsOnly) {
    const whole = await ref.encode(t, null, { addSpecialTokens: false });
    expect({ text, ids: Array.from(got.ids as ArrayLike<number>) }).toEqual({ text, ids: whole.getIds() });
    return false;
  }
  const e = await ref.encode(t.slice(skip), null, { addSpecialTokens: false });
  expect({ text, ids: Array.from(got.ids as ArrayLike<number>) }).toEqual({ text, ids: e.getIds() });
  const expected = utf16Offsets(t.slice(skip), e.getOffsets()).map(([s, x]) => [s + skip, x + skip]);
  expect({ text, offsets: got.offsets }).toEqual({ text, offsets: expected });
  expect({ text, words: Array.from(got.words as ArrayLike<number>) }).toEqual({ text, words: e.getWordIds() });
  return true;
}

describe('unigramTokenizer equals Hugging Face tokenizers (XLM-R layout, GPT-2-derived vocabulary)', () => {
  const charsmap = buildCharsmap(nfkcEntries());
  const settings = [
    { name: 'charsmap, prepend always', charsmap, prependScheme: 'always', round: false, byteFallback: false },
    { name: 'charsmap, ties, byte fallback', charsmap, prependScheme: 'always', round: true, byteFallback: true },
    {
      name: 'no charsmap, prepend never',
      charsmap: undefined,
      prependScheme: 'never',
      round: false,
      byteFallback: false,
    },
    {
      name: 'no charsmap, prepend first, ties',
      charsmap: undefined,
      prependScheme: 'first',
      round: true,
      byteFallback: false,
    },
    {
      name: 'DeBERTa-v3 layout: Strip, charsmap',
      charsmap,
      prependScheme: 'always',
      round: false,
      byteFallback: false,
      strip: true,
    },
    {
      name: 'uncased: Lowercase, Strip, charsmap',
      charsmap,
      prependScheme: 'always',
      round: false,
      byteFallback: false,
      strip: true,
      lowercase: true,
    },
  ] as const;
  for (const [i, s] of settings.entries()) {
    test(s.name, async () => {
      const vocab = gpt2UnigramVocab(s.round);
      const json = unigramJson(vocab, {
        unkId: 3,
        ...(s.charsmap ? { charsmap: s.charsmap } : {}),
        byteFallback: s.byteFallback,
        prependScheme: s.prependScheme,
        strip: 'strip' in s,
        lowercase: 'lowercase' in s,
      });
      const ref = referenceFromString(json);
      const ours = unigramTokenizerFromJson(json, { trimOffsets: false, splitPunctuation: false });
      const samples = fc.sample(text, { numRuns: 500, seed: 2027 + i });
      samples.push(
        '',
        ' ',
        '   ',
        'Hello world',
        '  Hello   world  ',
        '\u200b\u200bAda',
        'x\u0000',
        '▁▁a',
        ' İstanbul ',
        'ÀÉ\u0301',
      );
      let offsets = 0;
      for (const t of samples) if (await same(s.charsmap !== undefined, 'strip' in s, ref, ours, t)) offsets++;
      expect(offsets).toBeGreaterThan(samples.length * 0.9);
    });
  }

  test("SentencePiece's own nmt_nfkc charsmap (test/vectors/spm-charsmap.json): the Presidio texts and generated ones", async () => {
    // The table XLM-R-style models carry, written by SentencePiece's Darts-clone builder, not ours.
    const real = fromBase64(SPM_VECTORS.charsmap);
    expect(real.length).toBe(SPM_VECTORS.bytes);
    const json = unigramJson(gpt2UnigramVocab(false), { unkId: 3, charsmap: real });
    const ref = referenceFromString(json);
    const ours = unigramTokenizerFromJson(json, { trimOffsets: false, splitPunctuation: false });
    const presidio = (await readSharedJSON<{ full_text: string }[]>('presidio/generated_large.json')).map(
      (r) => r.full_text,
    );
    // Generated texts start with a letter (a first character the table removes is the known difference).
    const generated = fc.sample(text, { numRuns: 1000, seed: 31 }).map((t) => `A${t}`);
    let bmp = 'A';
    for (let c = 0; c < 0xd800; c++) bmp += String.fromCharCode(c);
    for (const t of [...presidio, ...generated, bmp]) await same(false, false, ref, ours, t);
  });

  test('the direct API with the same settings equals the JSON one', () => {
    const vocab = gpt2UnigramVocab(false);
    const json = unigramJson(vocab, { unkId: 3, charsmap });
    const a = unigramTokenizerFromJson(json);
    const b = unigramTokenizer(vocab, { unknownId: 3, charsmap, specialTokens: [] });
    for (const t of fc.sample(text, { numRuns: 200, seed: 9 })) expect(b(t)).toEqual(a(t));
  });
});
