/**
 * `unigramTokenizer`: the SentencePiece Unigram tokenizer of XLM-R and DeBERTa-v3 models (among them
 * multilingual NER and PII token classifiers), with the character offsets `tokenClassifierNer` needs. It
 * follows the reference (Hugging Face `tokenizers`: the `Precompiled` and ` {2,}` normalizers, the
 * `Metaspace` pre-tokenizer and the `Unigram` model):
 * - lower-case and strip the text if the model does (`Lowercase`, `Strip`), normalize it with the
 *   model's `precompiled_charsmap`, if any, and collapse runs of spaces (ner-spm-normalize.ts), keeping
 *   each code point's range in the text;
 * - write spaces as `▁`, put one in front unless the text starts with one (`prependScheme`), and split
 *   before each `▁`: each piece is a word (and, with `splitPunctuation`, each run of tokens of
 *   punctuation and symbols only, and each run of other tokens, within it: "York," is two words);
 * - segment each word into the vocabulary's pieces with the highest total score (Viterbi over the
 *   lattice of all pieces, the first best path found on ties); a code point no piece starts with is
 *   unknown, and unknown code points in a row make one unknown token (or, with `byteFallback`, one
 *   `<0xXX>` token per byte, all with the range of the unknown text);
 * - give each token the range of the text its code points come from, without the spaces it starts or
 *   ends with (`trimOffsets`, default true; false gives the reference's ranges).
 *
 * Special tokens (`<s>`, `</s>`, `<mask>`, `[CLS]`...) are not pieces of the lattice: written in the
 * text, they are split like any other text, so a user cannot inject them into the model's input.
 */
import {
  aboolean,
  ainteger,
  aobject,
  aoneOf,
  astring,
  describeValue,
  ModelSecRangeError,
  ModelSecTypeError,
} from '@modelsec/core';
import { checkText } from '../shared/limits';
import type { TokenizedText } from './ner-model';
import {
  type Charsmap,
  codePoints,
  collapseSpaces,
  lowercase,
  Normalized,
  precompiledNormalize,
  readCharsmap,
  strip,
  utf8,
} from './ner-spm-normalize';

/** Options of `unigramTokenizer`. */
export interface UnigramOptions {
  /** Id of the unknown token (`unk_id`); needed when a text holds a code point no piece covers. */
  unknownId?: number;
  /** Unknown text as `<0xXX>` byte tokens when the vocabulary has them (`byte_fallback`); default false. */
  byteFallback?: boolean;
  /** Lower-case the text first (the reference's `Lowercase`, uncased models); default false. */
  lowercase?: boolean;
  /** Drop white space at the start and end of the text (`Strip`, as DeBERTa-v3's); default none. */
  strip?: 'both' | 'left' | 'right';
  /** The model's `precompiled_charsmap` (bytes, or base64 as in `tokenizer.json`); default none. */
  charsmap?: Uint8Array | string;
  /** Replace runs of two or more spaces by one (the reference's `Replace(" {2,}", " ")`); default true. */
  collapseSpaces?: boolean;
  /** `always` (default): put a `▁` in front of a text that does not start with one; `never`: don't. */
  prependScheme?: 'always' | 'first' | 'never';
  /** Pieces never matched in the text (special tokens); the unknown piece and `<0xXX>` never are. */
  specialTokens?: readonly string[];
  /** Leave the spaces a token starts or ends with out of its offsets; default true. */
  trimOffsets?: boolean;
  /**
   * Give punctuation tokens words of their own: a run of tokens made of punctuation and symbols only
   * starts a new word, and so does the token after it (default true: "York," is `▁York` and `,`, two
   * words, so that word-level aggregation leaves the comma out of an entity). False gives the
   * reference's word numbers (one per `▁` piece).
   */
  splitPunctuation?: boolean;
  /** Longest text accepted, in UTF-16 units; default 10 Mi. */
  maxLength?: number;
}

/** Score below the lowest piece's for an unknown code point (the reference's `K_UNK_PENALTY`). */
const UNKNOWN_PENALTY = 10;
/** `▁`, the space in pieces. */
const META = 0x2581;
/** A byte piece of `byteFallback`. @internal */
export const UNIGRAM_BYTE_PIECE: RegExp = /^<0x[0-9A-F]{2}>$/;

/**
 * The vocabulary as a trie of code points in typed arrays (open addressing: no object per node, no
 * string per lookup), for the lattice.
 */
interface Lattice {
  /** Slots: the key (`node * 2^21 + code point`, -1: empty) and the child node. */
  keys: Float64Array;
  children: Int32Array;
  mask: number;
  /** The piece id ending at each node (-1: none). */
  nodeIds: Int32Array;
  /** Score of each id. */
  scores: Float64Array;
  unknownId: number;
  unknownScore: number;
  /** Byte → id of its `<0xXX>` piece (-1: none), when `byteFallback`. */
  byteIds: Int32Array | undefined;
}

/** The trie's child of `node` by code point `cp` (-1: none). */
function childOf(lat: Lattice, node: number, cp: number): number {
  const key = node * 0x200000 + cp;
  let slot = (Math.imul(node, 0x9e3779b1) ^ Math.imul(cp, 0x85ebca6b)) & lat.mask;
  for (;;) {
    const k = lat.keys[slot] as number;
    if (k === key) return lat.children[slot] as number;
    if (k === -1) return -1;
    slot = (slot + 1) & lat.mask;
  }
}

/**
 * A SentencePiece Unigram tokenizer over `vocab` (the `model.vocab` of a `tokenizer.json`: `[piece,
 * score]` pairs, the id of each being its index): text → token ids, their `[start, end)` offsets in the
 * text and their word numbers, without special tokens. `unigramTokenizerFromJson` reads the whole
 * `tokenizer.json`.
 *
 * @throws ModelSecTypeError / ModelSecRangeError for a bad vocabulary or options (now); the tokenizer
 *   it returns throws ModelSecTypeError for a non-string, ValidationError `too_large` above `maxLength`,
 *   and ModelSecRangeError for a text with unknown code points when there is no `unknownId`.
 * @example
 * ```ts
 * const tokenize = unigramTokenizer(json.model.vocab, { unknownId: json.model.unk_id, charsmap });
 * tokenize('Ada Lovelace'); // { ids: [...], offsets: [[0, 3], [4, 12]], words: [0, 1] }
 * ```
 */
export function unigramTokenizer(
  vocab: readonly (readonly [string, number])[],
  options: UnigramOptions = {},
): (text: string) => TokenizedText {
  aobject(options, 'options');
  if (!Array.isArray(vocab))
    throw new ModelSecTypeError(`"vocab" expected an array of [piece, score], got ${describeValue(vocab)}`);
  const byteFallback = options.byteFallback ?? false;
  aboolean(byteFallback, 'options.byteFallback');
  const lower = options.lowercase ?? false;
  aboolean(lower, 'options.lowercase');
  if (options.strip !== undefined) aoneOf(options.strip, 'options.strip', ['both', 'left', 'right'] as const);
  const stripLeft = options.strip === 'both' || options.strip === 'left';
  const stripRight = options.strip === 'both' || options.strip === 'right';
  const collapse = options.collapseSpaces ?? true;
  aboolean(collapse, 'options.collapseSpaces');
  const prepend = options.prependScheme ?? 'always';
  aoneOf(prepend, 'options.prependScheme', ['always', 'first', 'never'] as const);
  const trimOffsets = options.trimOffsets ?? true;
  aboolean(trimOffsets, 'options.trimOffsets');
  const splitPunctuation = options.splitPunctuation ?? true;
  aboolean(splitPunctuation, 'options.splitPunctuation');
  const maxLength = options.maxLength;
  if (maxLength !== undefined) ainteger(maxLength, 'options.maxLength', { min: 0 });
  const special = new Set<string>();
  if (options.specialTokens !== undefined) {
    if (!Array.isArray(options.specialTokens))
      throw new ModelSecTypeError(`"options.specialTokens" expected an array of strings`);
    for (const [i, t] of (options.specialTokens as readonly unknown[]).entries()) {
      astring(t, `options.specialTokens[${i}]`);
      special.add(t as string);
    }
  }
  const map: Charsmap | undefined =
    options.charsmap === undefined ? undefined : readCharsmap(acharsmap(options.charsmap));
  const lattice = buildLattice(vocab, options.unknownId as number | undefined, special, byteFallback);
  // Arrays reused by every call (the tokenizer is synchronous and calls nothing back).
  const scratch: Scratch = {
    src: new Normalized(64),
    mid: new Normalized(64),
    out: new Normalized(64),
    best: new Float64Array(64),
    start: new Int32Array(64),
    id: new Int32Array(64),
    tokens: [],
  };
  return (text: string): TokenizedText => {
    checkText(text, 'text', maxLength);
    let n = codePoints(text, scratch.src);
    if (lower) n = lowercase(n, scratch.mid);
    if (stripLeft || stripRight) strip(n, stripLeft, stripRight);
    if (map) n = precompiledNormalize(map, n, scratch.out);
    if (collapse) collapseSpaces(n);
    const out: TokenizedText & { ids: number[]; offsets: [number, number][]; words: number[] } = {
      ids: [],
      offsets: [],
      words: [],
    };
    // Metaspace: spaces as ▁, one in front (taking the first code point's range), split before each ▁.
    const { cps, from, to, length } = n;
    for (let i = n.start; i < length; i++) if (cps[i] === 32) cps[i] = META;
    if (prepend !== 'never' && length > n.start && cps[n.start] !== META) {
      n.start--;
      cps[n.start] = META;
      from[n.start] = from[n.start + 1] as number;
      to[n.start] = to[n.start + 1] as number;
    }
    const words: WordCounter = { n: -1, split: splitPunctuation };
    for (let s = n.start; s < length; ) {
      let e = s + 1;
      while (e < length && cps[e] !== META) e++;
      words.n++;
      encodeWord(lattice, scratch, n, s, e, words, trimOffsets, text, out);
      s = e;
    }
    return out;
  };
}

function acharsmap(value: unknown): Uint8Array | string {
  if (typeof value === 'string' || value instanceof Uint8Array) return value;
  throw new ModelSecTypeError(`"options.charsmap" expected bytes or base64, got ${describeValue(value)}`);
}

function buildLattice(
  vocab: readonly (readonly [string, number])[],
  unknownId: number | undefined,
  special: ReadonlySet<string>,
  byteFallback: boolean,
): Lattice {
  const scores = new Float64Array(vocab.length);
  let min = Number.POSITIVE_INFINITY;
  const byteIds = byteFallback ? new Int32Array(256).fill(-1) : undefined;
  if (unknownId !== undefined) ainteger(unknownId, 'options.unknownId', { min: 0, max: vocab.length - 1 });
  // Pieces that may match text, and an upper bound on the trie's nodes (their code points).
  const pieces: [string, number][] = [];
  let bound = 1;
  for (let id = 0; id < vocab.length; id++) {
    const entry = vocab[id];
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'number')
      throw new ModelSecTypeError(`"vocab[${id}]" expected [piece, score], got ${describeValue(entry)}`);
    const [piece, score] = entry as [string, number];
    if (!Number.isFinite(score)) throw new ModelSecRangeError(`"vocab[${id}]" has a score that is not finite`);
    scores[id] = score;
    if (score < min) min = score;
    if (byteIds && UNIGRAM_BYTE_PIECE.test(piece)) {
      byteIds[Number.parseInt(piece.slice(3, 5), 16)] = id;
      continue;
    }
    if (id === unknownId || special.has(piece) || piece === '') continue;
    pieces.push([piece, id]);
    bound += piece.length;
  }
  if (bound >= 2 ** 25) throw new ModelSecRangeError('"vocab" has more than 2^25 code points in its pieces');
  let size = 16;
  while (size < 2 * bound) size *= 2;
  const lat: Lattice = {
    keys: new Float64Array(size).fill(-1),
    children: new Int32Array(size),
    mask: size - 1,
    nodeIds: new Int32Array(bound).fill(-1),
    scores,
    unknownId: unknownId ?? -1,
    unknownScore: min - UNKNOWN_PENALTY,
    byteIds,
  };
  let nodes = 1;
  for (const [piece, id] of pieces) {
    let node = 0;
    for (let i = 0; i < piece.length; ) {
      let cp = piece.codePointAt(i) as number;
      i += cp > 0xffff ? 2 : 1;
      if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
      let child = childOf(lat, node, cp);
      if (child < 0) {
        child = nodes++;
        const key = node * 0x200000 + cp;
        let slot = (Math.imul(node, 0x9e3779b1) ^ Math.imul(cp, 0x85ebca6b)) & lat.mask;
        while (lat.keys[slot] !== -1) slot = (slot + 1) & lat.mask;
        lat.keys[slot] = key;
        lat.children[slot] = child;
      }
      node = child;
    }
    // A later duplicate piece wins, as in the reference.
    lat.nodeIds[node] = id;
  }
  return lat;
}

/** The word number of the last token, and whether punctuation tokens get words of their own. */
interface WordCounter {
  n: number;
  split: boolean;
}

/** Punctuation and symbols. @internal */
export const UNIGRAM_PUNCTUATION: RegExp = /^[\p{P}\p{S}]$/u;

/** Buffers reused across calls. */
interface Scratch {
  src: Normalized;
  mid: Normalized;
  out: Normalized;
  best: Float64Array;
  start: Int32Array;
  id: Int32Array;
  tokens: number[];
}

/** Segment the piece `n.cps[s, e)` (Viterbi) and append its tokens to `out`. */
function encodeWord(
  lat: Lattice,
  scratch: Scratch,
  n: Normalized,
  s: number,
  e: number,
  words: WordCounter,
  trim: boolean,
  text: string,
  out: { ids: number[]; offsets: [number, number][]; words: number[] },
): void {
  const { cps, from, to } = n;
  const len = e - s;
  // best[k]: best score of a path over the first k code points; start[k]: where its last token starts
  // (-1: none yet); id[k]: that token's id (-2: unknown).
  if (scratch.best.length < len + 1) {
    const size = Math.max(len + 1, 2 * scratch.best.length);
    scratch.best = new Float64Array(size);
    scratch.start = new Int32Array(size);
    scratch.id = new Int32Array(size);
  }
  const { best, start, id } = scratch;
  start.fill(-1, 0, len + 1);
  best[0] = 0;
  start[0] = 0;
  for (let i = 0; i < len; i++) {
    const here = best[i] as number;
    let single = false;
    let node = 0;
    // Every piece that starts here, shortest first (the trie's path along the text).
    for (let l = 1; i + l <= len; l++) {
      node = childOf(lat, node, cps[s + i + l - 1] as number);
      if (node < 0) break;
      const pid = lat.nodeIds[node] as number;
      if (pid < 0) continue;
      if (l === 1) single = true;
      const score = (lat.scores[pid] as number) + here;
      const k = i + l;
      if (start[k] === -1 || score > (best[k] as number)) {
        best[k] = score;
        start[k] = i;
        id[k] = pid;
      }
    }
    if (!single) {
      const k = i + 1;
      const score = lat.unknownScore + here;
      if (start[k] === -1 || score > (best[k] as number)) {
        best[k] = score;
        start[k] = i;
        id[k] = -2;
      }
    }
  }
  // Back from the end: tokens in reverse, unknown code points in a row fused.
  const tokens = scratch.tokens; // (id, first, end) triples, reversed
  tokens.length = 0;
  for (let k = len; k > 0; ) {
    const b = start[k] as number;
    const t = id[k] as number;
    if (t === -2 && tokens.length > 0 && tokens[tokens.length - 3] === -2 && tokens[tokens.length - 2] === k) {
      tokens[tokens.length - 2] = b;
    } else tokens.push(t, b, k);
    k = b;
  }
  let punctuation: boolean | undefined;
  for (let t = tokens.length - 3; t >= 0; t -= 3) {
    const tid = tokens[t] as number;
    const a = s + (tokens[t + 1] as number);
    const z = s + (tokens[t + 2] as number);
    if (words.split) {
      let p = a;
      while (p < z && cps[p] === META) p++;
      let isPunctuation = p < z;
      for (let q = p; q < z && isPunctuation; q++)
        isPunctuation = UNIGRAM_PUNCTUATION.test(String.fromCodePoint(cps[q] as number));
      if (punctuation !== undefined && isPunctuation !== punctuation) words.n++;
      punctuation = isPunctuation;
    }
    const word = words.n;
    let lo = a;
    let hi = z;
    if (trim) {
      while (lo < hi && isSpaceLike(cps[lo] as number)) lo++;
      while (hi > lo && isSpaceLike(cps[hi - 1] as number)) hi--;
    }
    const offset: [number, number] =
      lo < hi ? [from[lo] as number, to[hi - 1] as number] : [from[a] as number, from[a] as number];
    if (trim && lo < hi) trimText(text, offset);
    if (tid !== -2) {
      out.ids.push(tid);
      out.offsets.push(offset);
      out.words.push(word);
      continue;
    }
    if (lat.byteIds) {
      let all = true;
      const bytes: number[] = [];
      const encoded = new Uint8Array(4);
      for (let i = a; i < z && all; i++) {
        const w = utf8(cps[i] as number, encoded, 0);
        for (let b = 0; b < w; b++) {
          const bid = lat.byteIds[encoded[b] as number] as number;
          if (bid < 0) all = false;
          bytes.push(bid);
        }
      }
      if (all) {
        for (const bid of bytes) {
          out.ids.push(bid);
          out.offsets.push([offset[0], offset[1]]);
          out.words.push(word);
        }
        continue;
      }
    }
    if (lat.unknownId < 0)
      throw new ModelSecRangeError('the text has a character no piece covers, and the vocabulary has no unknown id');
    out.ids.push(lat.unknownId);
    out.offsets.push(offset);
    out.words.push(word);
  }
}

/** `▁` or a space (a token's leading `▁` stands for the space before it). */
function isSpaceLike(cp: number): boolean {
  return cp === META || cp === 32;
}

/** Narrow `[start, end)` so that it neither starts nor ends with white space of the original text. */
function trimText(text: string, offset: [number, number]): void {
  while (offset[0] < offset[1] && /\s/.test(text[offset[0]] as string)) offset[0]++;
  while (offset[1] > offset[0] && /\s/.test(text[offset[1] - 1] as string)) offset[1]--;
}
