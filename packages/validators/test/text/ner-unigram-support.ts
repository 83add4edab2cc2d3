/**
 * Test data for `unigramTokenizer`, built in code (nothing downloaded):
 * - `buildCharsmap`: a SentencePiece `precompiled_charsmap` (the normalization table of XLM-R's and
 *   DeBERTa-v3's `tokenizer.json`): a Darts-clone double-array trie of UTF-8 keys, then their
 *   replacements, each ending in NUL; the same bytes go to the reference (Hugging Face's `precompiled`
 *   normalizer) and to ours;
 * - `NFKC_CHARSMAP`: a table of the kind SentencePiece's `nmt_nfkc` rule makes: NFKC of the code points
 *   whose NFKC differs, some combining sequences composed, controls and format characters removed;
 * - `unigramJson`: a `tokenizer.json` laid out as XLM-R's (Precompiled then ` {2,}` → ` `, Metaspace,
 *   Unigram) over any vocabulary.
 * - `UNIGRAM_NER_VOCAB` / `UNIGRAM_NER_ROWS`: an XLM-R-style vocabulary (`<s>` 0, `</s>` 2, `<unk>` 3) in
 *   which each test word is one piece, and the tiny ONNX model's logits for it (ner-model-support.ts).
 */
import type { NER_LABELS, NerRows } from './ner-model-support';

/** A Darts-clone double array mapping each UTF-8 key to its replacement's offset in the blob. */
export function buildCharsmap(entries: readonly (readonly [string, string])[]): Uint8Array {
  const enc = new TextEncoder();
  // The trie of keys: children by byte; `value`: the replacement's offset in `blob`.
  interface Node {
    children: Map<number, Node>;
    value: number | undefined;
  }
  const root: Node = { children: new Map(), value: undefined };
  const blob: number[] = [];
  for (const [key, replacement] of entries) {
    let node = root;
    for (const b of enc.encode(key)) {
      let next = node.children.get(b);
      if (!next) {
        next = { children: new Map(), value: undefined };
        node.children.set(b, next);
      }
      node = next;
    }
    if (node.value !== undefined) continue;
    node.value = blob.length;
    blob.push(...enc.encode(replacement), 0);
  }
  // Place each node's children at `base ^ label` (its value, if any, at `base ^ 0`), bases distinct.
  const units: number[] = [0];
  const used = new Set<number>([0]);
  const bases = new Set<number>();
  const unitAt = (pos: number, unit: number) => {
    while (units.length <= pos) units.push(0);
    units[pos] = unit >>> 0;
  };
  let nextBase = 256;
  const place = (node: Node): number => {
    const labels = [...node.children.keys()];
    for (let base = nextBase; ; base++) {
      if (bases.has(base)) continue;
      if (node.value !== undefined && used.has(base)) continue;
      if (labels.some((c) => used.has(base ^ c))) continue;
      bases.add(base);
      if (node.value !== undefined) used.add(base);
      for (const c of labels) used.add(base ^ c);
      nextBase = Math.max(256, base - 512);
      return base;
    }
  };
  const fill = (node: Node, pos: number, base: number) => {
    if (node.value !== undefined) unitAt(base, (node.value | 0x80000000) >>> 0);
    for (const [c, child] of node.children) {
      const at = base ^ c;
      const childBase = place(child);
      const offset = at ^ childBase;
      if (offset >= 1 << 21) throw new Error('charsmap too large for this builder');
      unitAt(at, (offset << 10) | (child.value !== undefined ? 1 << 8 : 0) | c);
      fill(child, at, childBase);
    }
    return pos;
  };
  const rootBase = place(root);
  unitAt(0, rootBase << 10);
  fill(root, 0, rootBase);
  const out = new Uint8Array(4 + units.length * 4 + blob.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, units.length * 4, true);
  for (const [i, u] of units.entries()) view.setUint32(4 + i * 4, u, true);
  out.set(blob, 4 + units.length * 4);
  return out;
}

/**
 * NFKC-style table: every BMP code point whose NFKC differs (surrogates left out), a few composed
 * sequences, and removals (controls but tab/newline/CR, zero-width and format characters), as in
 * SentencePiece's `nmt_nfkc`.
 */
export function nfkcEntries(): [string, string][] {
  const entries: [string, string][] = [];
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    if (removedByTable(c)) {
      entries.push([ch, '']);
      continue;
    }
    if (c === 9 || c === 10 || c === 13) {
      entries.push([ch, ' ']);
      continue;
    }
    const n = ch.normalize('NFKC');
    if (n !== ch) entries.push([ch, n]);
  }
  // Sequences: a letter and a combining accent composed (a grapheme of two code points).
  for (const base of 'aeiouAEIOUnc') {
    for (const mark of ['\u0301', '\u0300', '\u0308', '\u0303']) {
      const seq = base + mark;
      const n = seq.normalize('NFKC');
      if (n.length === 1) entries.push([seq, n]);
    }
  }
  return entries;
}

/** Whether `nfkcEntries` removes the code point: controls but tab, newline and CR; zero-width and BOM. */
export function removedByTable(c: number): boolean {
  return (c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0x7f || c === 0x200b || c === 0x200d || c === 0xfeff;
}

/** Base64 of bytes (no Buffer: this runs in Chromium too). */
export function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Bytes of base64 (no Buffer: this runs in Chromium too). */
export function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** A `tokenizer.json` laid out as XLM-R's (or DeBERTa-v3's, with `strip`), over `vocab` (`[piece, score]`), `unkId` and a charsmap. */
export function unigramJson(
  vocab: readonly (readonly [string, number])[],
  options: {
    unkId: number;
    charsmap?: Uint8Array;
    byteFallback?: boolean;
    prependScheme?: 'always' | 'first' | 'never';
    /** DeBERTa-v3's layout: `Strip` (and `Lowercase` for uncased models) before the charsmap. */
    strip?: boolean;
    lowercase?: boolean;
  },
): string {
  const normalizers: unknown[] = [];
  if (options.lowercase) normalizers.push({ type: 'Lowercase' });
  if (options.strip) normalizers.push({ type: 'Strip', strip_left: true, strip_right: true });
  if (options.charsmap) normalizers.push({ type: 'Precompiled', precompiled_charsmap: base64(options.charsmap) });
  normalizers.push({ type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' });
  return JSON.stringify({
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [],
    normalizer: { type: 'Sequence', normalizers },
    pre_tokenizer: {
      type: 'Metaspace',
      replacement: '▁',
      prepend_scheme: options.prependScheme ?? 'always',
      split: true,
    },
    post_processor: null,
    decoder: null,
    model: { type: 'Unigram', unk_id: options.unkId, vocab, byte_fallback: options.byteFallback ?? false },
  });
}

/** Each test word as one piece, and its label. */
const NER_WORDS: readonly [string, (typeof NER_LABELS)[number]][] = [
  ['▁Ada', 'B-PER'],
  ['▁Lovelace', 'I-PER'],
  ['▁met', 'O'],
  ['▁Grace', 'B-PER'],
  ['▁Hopper', 'I-PER'],
  ['▁in', 'O'],
  ['▁New', 'B-LOC'],
  ['▁York', 'I-LOC'],
  ['▁and', 'O'],
  ['▁works', 'O'],
  ['▁at', 'O'],
  ['▁Acme', 'B-ORG'],
  [',', 'O'],
  ['.', 'O'],
];

/** `model.vocab` of the test NER model's `tokenizer.json`. */
export const UNIGRAM_NER_VOCAB: readonly [string, number][] = [
  ['<s>', 0],
  ['<pad>', 0],
  ['</s>', 0],
  ['<unk>', 0],
  ...NER_WORDS.map(([w], i): [string, number] => [w, -1 - i / 100]),
];

/** The logits of each id (everything but the test words is O). */
export const UNIGRAM_NER_ROWS: NerRows = [
  { O: 4 },
  { O: 4 },
  { O: 4 },
  { O: 4 },
  ...NER_WORDS.map(([, label]) => ({ [label]: 4 })),
];
