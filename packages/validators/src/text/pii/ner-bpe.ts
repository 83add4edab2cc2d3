/**
 * `byteLevelBpeTokenizer`: the tokenizer of RoBERTa-family models (RoBERTa, DeBERTa-v3's GPT-2-style
 * heads, GPT-2) over their `vocab.json` and `merges.txt`, with the character offsets that
 * `tokenClassifierNer` needs. It follows the reference tokenizer (Hugging Face `tokenizers`: the
 * `ByteLevel` pre-tokenizer, the `BPE` model and the `ByteLevel` / `RobertaProcessing` offset trimming):
 * - split the text as GPT-2's pattern does (contractions `'s 't 're 've 'm 'll 'd`, an optional space then
 *   letters, digits, or other characters, white space), scanned by hand: no regular expression runs on
 *   the text;
 * - map each UTF-8 byte of a piece to its printable stand-in (`Ġ` for the space) and apply the merges,
 *   lowest rank first, then leftmost (a heap: linear-logarithmic in a piece's length, so a megabyte
 *   without a space is no quadratic case);
 * - give each token the text of the characters its bytes come from, trimmed of the spaces it starts or
 *   ends with (`trimOffsets`, as the reference's post-processor).
 *
 * Special-token strings in the text (`<s>`, `</s>`, `<mask>`) are not special: they are split like any
 * other text, so a user cannot inject them into the model's input. A lone surrogate is read as U+FFFD.
 */
import {
  aboolean,
  ainteger,
  aobject,
  astring,
  describeValue,
  ModelSecRangeError,
  ModelSecTypeError,
  ValidationError,
} from '@modelsec/core';
import { checkText } from '../shared/limits';
import type { TokenizedText } from './ner-model';

/** Options of `byteLevelBpeTokenizer`. */
export interface ByteLevelBpeOptions {
  /** Read the text as if it started with a space when it does not (`add_prefix_space`); default false. */
  addPrefixSpace?: boolean;
  /** Leave the spaces a token starts or ends with out of its offsets (`trim_offsets`); default true. */
  trimOffsets?: boolean;
  /** Token for a byte the vocabulary lacks (`unk_token`); default none: such bytes are dropped. */
  unknownToken?: string;
  /** Longest text accepted, in UTF-16 units; default 10 Mi. */
  maxLength?: number;
}

/** Letters (`L*`) and numbers (`N*`), as the pattern's `\p{L}` and `\p{N}`. @internal */
export const BPE_LETTER: RegExp = /\p{L}/u;
/** @internal */
export const BPE_NUMBER: RegExp = /\p{N}/u;
/** White space, as the pattern's `\s` in the reference's regular expression engine. @internal */
export const BPE_SPACE: RegExp = /\p{White_Space}/u;

const LETTER = 1;
const NUMBER = 2;
const SPACE = 3;
const OTHER = 4;

/**
 * Each byte's printable stand-in (GPT-2's `bytes_to_unicode`): the printable Latin-1 bytes stand for
 * themselves, the others (controls, the space, the no-break and soft hyphen) for U+0100 onwards, in order.
 * @internal
 */
export const BYTE_CHARS: readonly string[] = /* @__PURE__ */ (() => {
  const chars: string[] = [];
  let n = 0;
  for (let b = 0; b < 256; b++) {
    const printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
    chars.push(String.fromCharCode(printable ? b : 256 + n++));
  }
  return chars;
})();

/** Token ids are below this (so that `left * size + right` is an exact integer). */
const MAX_ID = 2 ** 26;
/**
 * Positions in a merge key (`rank * POS_RANGE + position`, exact below 2^53 with ranks below 2^26): a
 * piece may have up to 2^27 bytes (the default `maxLength`, 10 Mi units, is at most 30 Mi bytes).
 */
const POS_RANGE = 2 ** 27;
/** Pieces up to this many UTF-16 units keep their tokens in the tokenizer's cache. */
const CACHED_PIECE = 48;
/** The cache is emptied when it holds this many pieces. */
const CACHE_SIZE = 20_000;

/**
 * A byte-level BPE tokenizer over `vocab` (the model's `vocab.json`, as text or parsed) and `merges`
 * (`merges.txt` as text, or its lines, or `[left, right]` pairs as in `tokenizer.json`): text → token
 * ids, their `[start, end)` offsets in the text and their word numbers, without special tokens.
 *
 * @throws ModelSecTypeError / ModelSecRangeError for a bad vocabulary, merges or options (now); the
 *   tokenizer it returns throws ModelSecTypeError for a non-string and ValidationError `too_large` above
 *   `maxLength`.
 * @example
 * ```ts
 * const tokenize = byteLevelBpeTokenizer(await (await fetch('/ner/vocab.json')).text(), await (await fetch('/ner/merges.txt')).text());
 * tokenize('Ada Lovelace'); // { ids: [...], offsets: [[0, 3], [4, 8], [8, 12]], words: [0, 1, 1] }
 * ```
 */
export function byteLevelBpeTokenizer(
  vocab: string | Readonly<Record<string, number>>,
  merges: string | readonly (string | readonly [string, string])[],
  options: ByteLevelBpeOptions = {},
): (text: string) => TokenizedText {
  aobject(options, 'options');
  const ids = readVocab(vocab);
  const addPrefixSpace = options.addPrefixSpace ?? false;
  aboolean(addPrefixSpace, 'options.addPrefixSpace');
  const trimOffsets = options.trimOffsets ?? true;
  aboolean(trimOffsets, 'options.trimOffsets');
  let unknown = -1;
  if (options.unknownToken !== undefined) {
    astring(options.unknownToken, 'options.unknownToken');
    const id = ids.get(options.unknownToken);
    if (id === undefined) throw new ModelSecRangeError('"options.unknownToken" is not in the vocabulary');
    unknown = id;
  }
  const maxLength = options.maxLength;
  if (maxLength !== undefined) ainteger(maxLength, 'options.maxLength', { min: 0 });
  const table = readMerges(merges, ids);
  // The vocabulary id of each byte's stand-in (-1: not in the vocabulary).
  const byteIds = new Int32Array(256);
  for (let b = 0; b < 256; b++) byteIds[b] = ids.get(BYTE_CHARS[b] as string) ?? unknown;
  const cache = new Map<string, Int32Array>();

  return (text: string): TokenizedText => {
    checkText(text, 'text', maxLength);
    const out: Output = { ids: [], offsets: [], words: [], trim: trimOffsets, prefix: addPrefixSpace };
    const shift = addPrefixSpace && text.length > 0 && text.charCodeAt(0) !== 32 ? 1 : 0;
    const work = shift === 1 ? ` ${text}` : text;
    const bytes: Bytes = { value: [], from: [], to: [] };
    let word = 0;
    for (let i = 0; i < work.length; ) {
      const end = pieceEnd(work, i);
      for (let k = i; k < end; ) {
        const cp = codePointAt(work, k);
        const next = k + (cp > 0xffff ? 2 : 1);
        // The added space stands where the first character is (as the reference aligns it).
        if (k < shift) utf8(cp, 0, after(text, 0), bytes);
        else utf8(cp, k - shift, next - shift, bytes);
        k = next;
      }
      const key = end - i <= CACHED_PIECE ? work.slice(i, end) : undefined;
      encodeWord(bytes, word, key, cache, byteIds, table, out);
      bytes.value.length = 0;
      bytes.from.length = 0;
      bytes.to.length = 0;
      word++;
      i = end;
    }
    return { ids: out.ids, offsets: out.offsets, words: out.words };
  };
}

/** The tokens found so far, and how their offsets are trimmed. */
interface Output {
  ids: number[];
  offsets: [number, number][];
  words: number[];
  /** `trimOffsets`. */
  trim: boolean;
  /** `addPrefixSpace`. */
  prefix: boolean;
}

/** The UTF-8 bytes of the current piece and the text range each comes from. */
interface Bytes {
  value: number[];
  from: number[];
  to: number[];
}

/** The merges: `(left id, right id)` → rank and the merged token's id. */
interface MergeTable {
  /** `left * size + right` → index into `rank` / `merged`. */
  index: Map<number, number>;
  size: number;
  rank: Int32Array;
  merged: Int32Array;
}

function readVocab(vocab: unknown): Map<string, number> {
  let parsed: unknown = vocab;
  if (typeof vocab === 'string') {
    try {
      parsed = JSON.parse(vocab);
    } catch {
      throw new ModelSecRangeError('"vocab" is not valid JSON');
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ModelSecTypeError(`"vocab" expected an object of token → id, got ${describeValue(parsed)}`);
  const ids = new Map<string, number>();
  for (const [token, id] of Object.entries(parsed)) {
    // Ids below 2^26 (real vocabularies have under a million): a pair of them is one exact number key.
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= MAX_ID)
      throw new ModelSecRangeError(`"vocab" maps a token to ${describeValue(id)}, not an id below 2^26`);
    ids.set(token, id);
  }
  return ids;
}

function readMerges(merges: unknown, ids: ReadonlyMap<string, number>): MergeTable {
  let lines: readonly unknown[];
  if (typeof merges === 'string') {
    lines = merges.split(/\r?\n/);
    // merges.txt starts with "#version: 0.2".
    if (typeof lines[0] === 'string' && lines[0].startsWith('#version')) lines = lines.slice(1);
  } else if (Array.isArray(merges)) lines = merges;
  else throw new ModelSecTypeError(`"merges" expected a string or an array, got ${describeValue(merges)}`);
  let size = 1;
  for (const id of ids.values()) size = Math.max(size, id + 1);
  const index = new Map<number, number>();
  const rank: number[] = [];
  const merged: number[] = [];
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    let pair: readonly unknown[];
    if (typeof line === 'string') {
      if (line === '') continue;
      pair = line.split(' ');
    } else if (Array.isArray(line)) pair = line;
    else
      throw new ModelSecTypeError(`"merges[${k}]" expected "left right" or [left, right], got ${describeValue(line)}`);
    const [a, b] = pair;
    if (pair.length !== 2 || typeof a !== 'string' || typeof b !== 'string')
      throw new ModelSecRangeError(`"merges[${k}]" is not two tokens`);
    const left = ids.get(a);
    const right = ids.get(b);
    const joined = ids.get(a + b);
    if (left === undefined || right === undefined || joined === undefined)
      throw new ModelSecRangeError(`"merges[${k}]" uses a token that is not in the vocabulary`);
    const key = left * size + right;
    // As the reference: a pair listed twice keeps its last rank.
    let at = index.get(key);
    if (at === undefined) {
      at = rank.length;
      index.set(key, at);
      rank.push(0);
      merged.push(0);
    }
    rank[at] = k;
    merged[at] = joined;
  }
  return { index, size, rank: Int32Array.from(rank), merged: Int32Array.from(merged) };
}

/**
 * Encode one piece's bytes (`key`: the piece's text when its tokens may be cached) and append its
 * tokens to `out`.
 */
function encodeWord(
  bytes: Bytes,
  word: number,
  key: string | undefined,
  cache: Map<string, Int32Array>,
  byteIds: Int32Array,
  table: MergeTable,
  out: Output,
): void {
  // The tokens as (id, first byte, end byte) triples.
  let tokens = key === undefined ? undefined : cache.get(key);
  if (tokens === undefined) {
    tokens = merge(bytes.value, byteIds, table);
    if (key !== undefined) {
      if (cache.size >= CACHE_SIZE) cache.clear();
      cache.set(key, tokens);
    }
  }
  const { value, from, to } = bytes;
  for (let t = 0; t < tokens.length; t += 3) {
    const first = tokens[t + 1] as number;
    const end = tokens[t + 2] as number;
    let start = from[first] as number;
    let stop = to[end - 1] as number;
    if (out.trim) {
      // The reference's trimming, in bytes: a token's leading spaces leave its start, its trailing
      // spaces its end, never past each other; one leading space of the first token is the added one
      // (`addPrefixSpace`) and stays (the reference also keeps one of a later token that starts at 0,
      // which only pre-split input has: here the added space is always in the first token).
      let lead = 0;
      while (first + lead < end && value[first + lead] === 32) lead++;
      let tail = 0;
      while (tail < end - first && value[end - 1 - tail] === 32) tail++;
      if (lead === 1 && out.prefix && out.ids.length === 0) lead = 0;
      if (lead > 0) start = first + lead < end ? (from[first + lead] as number) : stop;
      if (tail > 0) stop = Math.max(tail < end - first ? (to[end - 1 - tail] as number) : start, start);
    }
    out.ids.push(tokens[t] as number);
    out.offsets.push([start, stop]);
    out.words.push(word);
  }
}

/**
 * The BPE merges of one piece: each byte a symbol (bytes without an id are dropped), then, while some
 * adjacent pair has a merge, the pair of lowest rank, leftmost first, is merged.
 */
function merge(value: readonly number[], byteIds: Int32Array, table: MergeTable): Int32Array {
  const n = value.length;
  if (n >= POS_RANGE) throw new ValidationError('too_large', `a word of ${n} bytes, more than 2^27`);
  // Symbols: id, first byte, end byte, previous and next symbol (-1: none); `end - first === 0`: removed.
  const id = new Int32Array(n);
  const first = new Int32Array(n);
  const end = new Int32Array(n);
  const prev = new Int32Array(n);
  const next = new Int32Array(n);
  let count = 0;
  for (let b = 0; b < n; b++) {
    const sid = byteIds[value[b] as number] as number;
    if (sid < 0) continue;
    id[count] = sid;
    first[count] = b;
    end[count] = b + 1;
    prev[count] = count - 1;
    next[count] = count + 1;
    count++;
  }
  if (count > 0) next[count - 1] = -1;
  const heap = new MergeHeap(count);
  const pairAt = (pos: number, build: boolean) => {
    const right = next[pos] as number;
    if (right < 0) return;
    const at = table.index.get((id[pos] as number) * table.size + (id[right] as number));
    if (at !== undefined) heap.add(table.rank[at] as number, pos, table.merged[at] as number, build);
  };
  // The first pairs go in unordered, then one heapify (linear) instead of a push each.
  for (let s = 0; s + 1 < count; s++) pairAt(s, true);
  heap.heapify();
  while (heap.size > 0) {
    const pos = heap.topPos();
    const newId = heap.topId();
    heap.pop();
    // Skip an entry that no longer holds: the symbol was merged away, or its pair changed (as the
    // reference: the pair now there must make the same token).
    if (end[pos] === first[pos]) continue;
    const right = next[pos] as number;
    if (right < 0) continue;
    const at = table.index.get((id[pos] as number) * table.size + (id[right] as number));
    if (at === undefined || table.merged[at] !== newId) continue;
    id[pos] = newId;
    end[pos] = end[right] as number;
    const after = next[right] as number;
    next[pos] = after;
    first[right] = end[right] as number; // removed
    if (after >= 0) prev[after] = pos;
    if ((prev[pos] as number) >= 0) pairAt(prev[pos] as number, false);
    pairAt(pos, false);
  }
  let alive = 0;
  for (let s = 0; s < count; s++) if (end[s] !== first[s]) alive++;
  const tokens = new Int32Array(3 * alive);
  let t = 0;
  for (let s = 0; s < count; s++) {
    if (end[s] === first[s]) continue;
    tokens[t++] = id[s] as number;
    tokens[t++] = first[s] as number;
    tokens[t++] = end[s] as number;
  }
  return tokens;
}

/**
 * A binary min-heap of merges by (rank, position), in typed arrays: the key `rank * POS_RANGE + position`
 * and the merged token's id.
 */
class MergeHeap {
  private keys: Float64Array;
  private ids: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(4, capacity));
    this.ids = new Int32Array(Math.max(4, capacity));
  }
  topPos(): number {
    return (this.keys[0] as number) % POS_RANGE;
  }
  topId(): number {
    return this.ids[0] as number;
  }
  /** Add an entry; `build`: before `heapify` (no ordering yet). */
  add(rank: number, pos: number, id: number, build: boolean): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(2 * this.size);
      keys.set(this.keys);
      this.keys = keys;
      const ids = new Int32Array(2 * this.size);
      ids.set(this.ids);
      this.ids = ids;
    }
    let k = this.size++;
    const key = rank * POS_RANGE + pos;
    if (!build) {
      // Sift up.
      while (k > 0) {
        const parent = (k - 1) >> 1;
        if ((this.keys[parent] as number) <= key) break;
        this.keys[k] = this.keys[parent] as number;
        this.ids[k] = this.ids[parent] as number;
        k = parent;
      }
    }
    this.keys[k] = key;
    this.ids[k] = id;
  }
  heapify(): void {
    for (let k = (this.size >> 1) - 1; k >= 0; k--) this.down(k);
  }
  pop(): void {
    const last = --this.size;
    if (last === 0) return;
    this.keys[0] = this.keys[last] as number;
    this.ids[0] = this.ids[last] as number;
    this.down(0);
  }
  private down(start: number): void {
    const keys = this.keys;
    const ids = this.ids;
    const n = this.size;
    const key = keys[start] as number;
    const id = ids[start] as number;
    let k = start;
    for (;;) {
      let m = 2 * k + 1;
      if (m >= n) break;
      if (m + 1 < n && (keys[m + 1] as number) < (keys[m] as number)) m++;
      if ((keys[m] as number) >= key) break;
      keys[k] = keys[m] as number;
      ids[k] = ids[m] as number;
      k = m;
    }
    keys[k] = key;
    ids[k] = id;
  }
}

/** The code point at `i`; a lone surrogate is U+FFFD. */
function codePointAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) return c;
  if (c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return 0xfffd;
}

/** Append the UTF-8 bytes of `cp`, which comes from `[from, to)`. */
function utf8(cp: number, from: number, to: number, bytes: Bytes): void {
  if (cp < 0x80) pushByte(bytes, cp, from, to);
  else if (cp < 0x800) {
    pushByte(bytes, 0xc0 | (cp >> 6), from, to);
    pushByte(bytes, 0x80 | (cp & 63), from, to);
  } else if (cp < 0x10000) {
    pushByte(bytes, 0xe0 | (cp >> 12), from, to);
    pushByte(bytes, 0x80 | ((cp >> 6) & 63), from, to);
    pushByte(bytes, 0x80 | (cp & 63), from, to);
  } else {
    pushByte(bytes, 0xf0 | (cp >> 18), from, to);
    pushByte(bytes, 0x80 | ((cp >> 12) & 63), from, to);
    pushByte(bytes, 0x80 | ((cp >> 6) & 63), from, to);
    pushByte(bytes, 0x80 | (cp & 63), from, to);
  }
}

/** Append byte `b`, which comes from `[from, to)` (no closure per code point). */
function pushByte(bytes: Bytes, b: number, from: number, to: number): void {
  bytes.value.push(b);
  bytes.from.push(from);
  bytes.to.push(to);
}

/** Class of each BMP code point: 0 not classified yet. */
const CLASSES: Uint8Array = /* @__PURE__ */ new Uint8Array(65536);

/** LETTER, NUMBER, SPACE or OTHER (a lone surrogate, read as U+FFFD, is OTHER). */
function classOf(cp: number): number {
  if (cp < 0x10000) {
    const k = CLASSES[cp] as number;
    if (k !== 0) return k;
  }
  const ch = String.fromCodePoint(cp);
  const k = BPE_LETTER.test(ch) ? LETTER : BPE_NUMBER.test(ch) ? NUMBER : BPE_SPACE.test(ch) ? SPACE : OTHER;
  if (cp < 0x10000) CLASSES[cp] = k;
  return k;
}

/** Class of the code point at `i` (`i` inside the text). */
function classAt(text: string, i: number): number {
  return classOf(codePointAt(text, i));
}

/** Index after the code point at `i`. */
function after(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00
    ? i + 2
    : i + 1;
}

/**
 * End of the piece that starts at `i`: GPT-2's pattern
 * `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`, leftmost alternative
 * first, without a regular expression.
 */
function pieceEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 39) {
    const c1 = text.charCodeAt(i + 1);
    if (c1 === 115 || c1 === 116 || c1 === 109 || c1 === 100) return i + 2; // 's 't 'm 'd
    const c2 = text.charCodeAt(i + 2);
    if ((c1 === 114 || c1 === 118) && c2 === 101) return i + 3; // 're 've
    if (c1 === 108 && c2 === 108) return i + 3; // 'll
  }
  // An optional space, then a run of letters, of numbers or of other characters (not white space).
  const j = c === 32 && i + 1 < text.length ? i + 1 : i;
  const k = classAt(text, j);
  if (k !== SPACE) {
    let e = after(text, j);
    while (e < text.length && classAt(text, e) === k) e = after(text, e);
    return e;
  }
  // White space: all of it at the end of the text, else all but its last character (which starts the
  // next piece), else (one character before other text) that character.
  let e = i;
  let last = i;
  while (e < text.length && classAt(text, e) === SPACE) {
    last = e;
    e = after(text, e);
  }
  return e === text.length || last === i ? e : last;
}
