/**
 * `wordPieceTokenizer`: the tokenizer of BERT-family models (BERT, DistilBERT, ELECTRA NER heads) over
 * their `vocab.txt`, with the character offsets that `tokenClassifierNer` needs (transformers.js'
 * tokenizers give none: its feature request, issue 425, is open). It follows the reference tokenizer
 * (Hugging Face `BertTokenizer`:
 * `BasicTokenizer` then `WordpieceTokenizer`):
 * - drop NUL, U+FFFD, control, format and private-use characters (Unicode `Cc`, `Cf`, `Co`, except tab,
 *   CR and LF) and lone surrogates; unassigned characters are kept, as letters; white space
 *   (tab, CR, LF, `Zs`, and the line and paragraph separators U+2028 and U+2029) separates words;
 * - put each CJK ideograph in a word of its own;
 * - for uncased models: lower-case, then NFD and drop non-spacing marks (accents);
 * - split every punctuation character (ASCII symbols and Unicode `P*`) into a word of its own;
 * - split each word into the longest pieces of the vocabulary, greedily from the left (`##` marks a
 *   piece inside a word); a word with a part no piece matches, or longer than `maxCharsPerWord`, is one
 *   `[UNK]`.
 *
 * Special-token strings in the text (`[CLS]`, `[SEP]`) are not special: they are split like any other
 * text, so a user cannot inject them into the model's input.
 *
 * Time: linear in the text length times the longest vocabulary entry (a piece is never looked for beyond
 * that length).
 */
import {
  aboolean,
  ainteger,
  aobject,
  astring,
  describeValue,
  ModelSecRangeError,
  ModelSecTypeError,
} from '@modelsec/core';
import { checkText } from '../shared/limits';
import type { TokenizedText } from './ner-model';

/** Options of `wordPieceTokenizer`. */
export interface WordPieceOptions {
  /** Lower-case the text (uncased models, `do_lower_case`); default true. */
  lowerCase?: boolean;
  /** Drop accents (NFD, then non-spacing marks); default: as `lowerCase`. */
  stripAccents?: boolean;
  /** The unknown token, which must be in the vocabulary; default `[UNK]`. */
  unknownToken?: string;
  /** Longer words (in code points) are one unknown token; default 100. */
  maxCharsPerWord?: number;
  /** Longest text accepted, in UTF-16 units; default 10 Mi. */
  maxLength?: number;
}

/** Control, format and private-use characters, and lone surrogates (dropped). @internal */
export const CONTROL: RegExp = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/u;
/** Space, line and paragraph separators (white space besides tab, CR and LF). @internal */
export const SPACE: RegExp = /[\p{Zs}\p{Zl}\p{Zp}]/u;
/** Unicode punctuation. @internal */
export const PUNCTUATION: RegExp = /\p{P}/u;
/** Non-spacing marks, dropped with the accents of uncased models. @internal */
export const MARKS: RegExp = /\p{Mn}/gu;

/**
 * A WordPiece tokenizer over `vocab` (the model's `vocab.txt` text, or its lines): text → token ids and
 * their `[start, end)` offsets in the text, without special tokens.
 *
 * @throws ModelSecTypeError / ModelSecRangeError for a bad vocabulary or options (now); the tokenizer it
 *   returns throws ModelSecTypeError for a non-string and ValidationError `too_large` above `maxLength`.
 * @example
 * ```ts
 * const tokenize = wordPieceTokenizer(['[UNK]', 'un', '##aff', '##able', ',', 'hi']);
 * tokenize('Unaffable, hi!');
 * // { ids: [1, 2, 3, 4, 5, 0], offsets: [[0, 2], [2, 5], [5, 9], [9, 10], [11, 13], [13, 14]] }
 * ```
 */
export function wordPieceTokenizer(
  vocab: string | readonly string[],
  options: WordPieceOptions = {},
): (text: string) => TokenizedText {
  aobject(options, 'options');
  const lines = typeof vocab === 'string' ? vocab.split(/\r?\n/) : vocab;
  if (!Array.isArray(lines))
    throw new ModelSecTypeError(`"vocab" expected a string or an array of strings, got ${describeValue(vocab)}`);
  // As the reference loader: each line is the token of its line number; a repeated token keeps its last.
  const ids = new Map<string, number>();
  let longest = 1;
  for (let i = 0; i < lines.length; i++) {
    const token: unknown = lines[i];
    if (typeof token !== 'string')
      throw new ModelSecTypeError(`"vocab[${i}]" expected string, got ${describeValue(token)}`);
    if (token === '') continue;
    ids.set(token, i);
    const piece = token.startsWith('##') ? token.slice(2) : token;
    longest = Math.max(longest, [...piece].length);
  }
  const lowerCase = options.lowerCase ?? true;
  aboolean(lowerCase, 'options.lowerCase');
  const stripAccents = options.stripAccents ?? lowerCase;
  aboolean(stripAccents, 'options.stripAccents');
  const unknownToken = options.unknownToken ?? '[UNK]';
  astring(unknownToken, 'options.unknownToken');
  const unknown = ids.get(unknownToken);
  if (unknown === undefined) throw new ModelSecRangeError('"options.unknownToken" is not in the vocabulary');
  const maxCharsPerWord = options.maxCharsPerWord ?? 100;
  ainteger(maxCharsPerWord, 'options.maxCharsPerWord', { min: 1 });
  const maxLength = options.maxLength;
  if (maxLength !== undefined) ainteger(maxLength, 'options.maxLength', { min: 0 });

  return (text: string): TokenizedText => {
    checkText(text, 'text', maxLength);
    const out = { ids: [] as number[], offsets: [] as [number, number][] };
    // The current word: its normalized text, where each of its code points starts in it (`at`, one
    // more entry: the end), and the text range each comes from.
    const word: Word = { text: '', at: [0], from: [], to: [] };
    const flush = () => {
      if (word.from.length > 0) pieces(word, ids, longest, unknown, maxCharsPerWord, out);
      word.text = '';
      word.at.length = 1;
      word.from.length = 0;
      word.to.length = 0;
    };
    const push = (c: string, s: number, e: number) => {
      word.text += c;
      word.at.push(word.text.length);
      word.from.push(s);
      word.to.push(e);
    };
    for (let i = 0; i < text.length; ) {
      const cp = text.codePointAt(i) as number;
      if (cp < 128) {
        // ASCII: a table, no regex.
        const kind = ASCII_KIND[cp] as number;
        if (kind === SPACE_KIND) flush();
        else if (kind === PUNCT_KIND) {
          flush();
          push(text[i] as string, i, i + 1);
          flush();
        } else if (kind !== CONTROL_KIND)
          push(lowerCase && cp >= 65 && cp <= 90 ? String.fromCharCode(cp + 32) : (text[i] as string), i, i + 1);
        i++;
        continue;
      }
      const end = i + (cp > 0xffff ? 2 : 1);
      const ch = text.slice(i, end);
      if (SPACE.test(ch)) flush();
      else if (cp === 0xfffd || CONTROL.test(ch)) {
        // dropped: the word goes on ("a\u200db" is "ab")
      } else if (isCjk(cp)) {
        flush();
        push(ch, i, end);
        flush();
      } else {
        let norm = lowerCase ? ch.toLowerCase() : ch;
        if (stripAccents) norm = norm.normalize('NFD').replace(MARKS, '');
        for (const c of norm) {
          if (isPunctuation(c)) {
            flush();
            push(c, i, end);
            flush();
          } else push(c, i, end);
        }
      }
      i = end;
    }
    flush();
    return out;
  };
}

/** A word being built: its normalized text, code point starts in it, and source ranges. */
interface Word {
  text: string;
  at: number[];
  from: number[];
  to: number[];
}

const SPACE_KIND = 1;
const CONTROL_KIND = 2;
const PUNCT_KIND = 3;
/** ASCII: 1 white space (tab, LF, CR, space), 2 control or NUL (dropped), 3 punctuation, 0 other. */
const ASCII_KIND: Uint8Array = /* @__PURE__ */ (() => {
  const k = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    if (c === 9 || c === 10 || c === 13 || c === 32) k[c] = SPACE_KIND;
    else if (c < 32 || c === 127) k[c] = CONTROL_KIND;
    else if (isPunctuation(String.fromCharCode(c))) k[c] = PUNCT_KIND;
  }
  return k;
})();

/** ASCII symbols count as punctuation, as in the reference, and so does every Unicode `P*` character. */
function isPunctuation(c: string): boolean {
  const cp = c.codePointAt(0) as number;
  if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126))
    return true;
  return PUNCTUATION.test(c);
}

/**
 * The CJK Unified Ideographs blocks of the reference tokenizer (its fast, Rust one: Extension E starts
 * at U+2B920 there, at U+2B820 in the Python one).
 */
function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b920 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

/** The word pieces of one word (greedy longest match from the left), or one unknown token. */
function pieces(
  word: Word,
  ids: ReadonlyMap<string, number>,
  longest: number,
  unknown: number,
  maxCharsPerWord: number,
  out: { ids: number[]; offsets: [number, number][] },
): void {
  const n = word.from.length;
  const wordStart = word.from[0] as number;
  const wordEnd = word.to[n - 1] as number;
  if (n > maxCharsPerWord) {
    out.ids.push(unknown);
    out.offsets.push([wordStart, wordEnd]);
    return;
  }
  const found: number[] = [];
  const bounds: number[] = [];
  for (let start = 0; start < n; ) {
    let id: number | undefined;
    let end = Math.min(n, start + longest);
    for (; end > start; end--) {
      const piece = word.text.slice(word.at[start], word.at[end]);
      id = ids.get(start > 0 ? `##${piece}` : piece);
      if (id !== undefined) break;
    }
    if (id === undefined) {
      out.ids.push(unknown);
      out.offsets.push([wordStart, wordEnd]);
      return;
    }
    found.push(id);
    bounds.push(start, end);
    start = end;
  }
  for (let k = 0; k < found.length; k++) {
    const s = word.from[bounds[2 * k] as number] as number;
    const e = word.to[(bounds[2 * k + 1] as number) - 1] as number;
    out.ids.push(found[k] as number);
    out.offsets.push([s, e]);
  }
}
