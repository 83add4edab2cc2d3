/**
 * `sanitizeText`: make untrusted text safe to show to a model or a person. NFKC normalization,
 * removal of invisible format characters (Cf, including Unicode tag characters, and runs of variation
 * selectors past the first), private-use (Co),
 * unassigned (Cn) and control characters (Cc except tab/newline/CR); bidirectional overrides and
 * isolates (Trojan Source, CVE-2021-42574) flagged or removed; mixed-script confusable words flagged;
 * length and token limits. Findings give spans into the ORIGINAL text.
 */
import { aboolean, afunction, ainteger, aobject, aoneOf } from '@modelsec/core';
import { checkText } from '../shared/limits';
import { forEachMatch } from '../shared/regex';
import type { TextSpan } from '../shared/types';
import { isRemovedCodePoint, isSelectorCodePoint, isWordCodePoint } from './classes';
import { scriptsOf, skeleton } from './confusables';

/** What a sanitizer finding is about. */
export type UnicodeIssue =
  | 'invisible'
  | 'private_use'
  | 'unassigned'
  | 'control'
  | 'bidi'
  | 'confusable'
  | 'normalized'
  | 'truncated';

/** A sanitizer finding: an issue and where it was in the original text. */
export interface UnicodeFinding extends TextSpan {
  /** The issue. */
  issue: UnicodeIssue;
  /** Code points involved (for runs of removed characters). */
  count: number;
}

/** Options of `sanitizeText`. */
export interface SanitizeOptions {
  /** Unicode normalization of the result: `NFKC` (default), `NFC` or `none`. */
  normalize?: 'NFKC' | 'NFC' | 'none';
  /** Remove Cf/Co/Cn/Cc characters (default true). */
  stripInvisible?: boolean;
  /** Bidi controls: `strip` (default), `keep` (flag only). */
  bidi?: 'strip' | 'keep';
  /** Flag mixed-script confusable words (default true). */
  confusables?: boolean;
  /** Truncate the result to this many UTF-16 units (at a code point boundary). */
  maxChars?: number;
  /** Truncate the result to this many tokens (by `countTokens`). */
  maxTokens?: number;
  /** Token counter for `maxTokens` (default `estimateTokens`); plug your model's tokenizer here. */
  countTokens?: (text: string) => number;
  /** Longest input accepted (UTF-16 units); default 10 Mi. */
  maxLength?: number;
}

/** What `sanitizeText` returns. */
export interface SanitizeResult {
  /** The sanitized text. */
  text: string;
  /** True when `text` differs from the input. */
  changed: boolean;
  /** Issues found, in order of their position in the input. */
  findings: UnicodeFinding[];
}

/** @internal */
export const BIDI: RegExp = /^[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]$/u;
/** @internal */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point.
export const ASCII: RegExp = /^[\u0000-\u007f]*$/;

/** @internal Word pieces, digit groups and symbols for `estimateTokens`. */
export const TOKEN_PIECES: RegExp = /\p{L}+|\p{N}+|[^\s\p{L}\p{N}]/gu;

/**
 * Estimate tokens as a BPE tokenizer would roughly count them: one per word-piece of up to 4 letters,
 * one per digit group of up to 3, one per other symbol. Within ~20% of GPT-style tokenizers on English.
 *
 * @example
 * ```ts
 * estimateTokens('Hello, world!'); // 4
 * ```
 */
export function estimateTokens(text: string): number {
  let n = 0;
  forEachMatch(TOKEN_PIECES, text, (m) => {
    const w = m[0];
    n += /\p{N}/u.test(w[0] as string)
      ? Math.ceil(w.length / 3)
      : /\p{L}/u.test(w[0] as string)
        ? Math.ceil(w.length / 6)
        : 1;
  });
  return n;
}

/**
 * Sanitize untrusted text.
 *
 * @example
 * ```ts
 * const { text, findings } = sanitizeText('pay\u200Bpal \u202Egnp.exe');
 * // text === 'paypal gnp.exe'; findings: invisible (3-4), bidi (10-11)
 * ```
 */
export function sanitizeText(text: string, options: SanitizeOptions = {}): SanitizeResult {
  aobject(options as unknown, 'options');
  checkText(text, 'text', options.maxLength);
  const normalize = options.normalize ?? 'NFKC';
  aoneOf(normalize, 'options.normalize', ['NFKC', 'NFC', 'none'] as const);
  const strip = options.stripInvisible ?? true;
  aboolean(strip, 'options.stripInvisible');
  const bidi = options.bidi ?? 'strip';
  aoneOf(bidi, 'options.bidi', ['strip', 'keep'] as const);
  if (options.maxChars !== undefined) ainteger(options.maxChars, 'options.maxChars', { min: 0 });
  if (options.maxTokens !== undefined) ainteger(options.maxTokens, 'options.maxTokens', { min: 0 });
  if (options.countTokens !== undefined) afunction(options.countTokens, 'options.countTokens');
  const findings: UnicodeFinding[] = [];
  let out = text;
  if (!ASCII.test(text) || /[^\P{Cc}\t\n\r]/u.test(text)) {
    const parts: string[] = [];
    let last = 0;
    // Format, private-use, unassigned and control characters (but tab and line breaks), and variation
    // selectors right after another: a character takes one selector (❤️, 葛󠄀), and runs of them carry
    // hidden text (one selector per character or byte: garak's and Paul Butler's emoji smuggling). One
    // loop with a table per code point (classes.ts; a regex took 10 times as long once V8 stopped
    // optimizing new regexes).
    let afterSelector = false;
    for (let i = 0; i < text.length; ) {
      const cp = text.codePointAt(i) as number;
      const next = i + (cp > 0xffff ? 2 : 1);
      const selector = isSelectorCodePoint(cp);
      if ((selector && afterSelector) || isRemovedCodePoint(cp)) {
        const issue = issueOf(cp);
        addRun(findings, issue, i, next);
        if (issue === 'bidi' ? bidi === 'strip' : strip) {
          // Removed characters in a row add no empty pieces.
          if (i > last) parts.push(text.slice(last, i));
          last = next;
        }
      }
      afterSelector = selector;
      i = next;
    }
    parts.push(text.slice(last));
    out = parts.join('');
    if (options.confusables !== false) confusableWords(text, findings);
  }
  if (normalize !== 'none') {
    const n = out.normalize(normalize);
    if (n !== out) findings.push({ issue: 'normalized', start: 0, end: text.length, score: 0.2, count: 0 });
    out = n;
  }
  out = truncate(out, text, options, findings);
  findings.sort((a, b) => a.start - b.start);
  return { text: out, changed: out !== text, findings };
}

/** Issues of the removed code points seen so far, up to 4,096 (format and control characters are a few hundred). */
const ISSUES = new Map<number, UnicodeIssue>();

/** The issue of one removed code point. */
function issueOf(cp: number): UnicodeIssue {
  let issue = ISSUES.get(cp);
  if (issue !== undefined) return issue;
  const ch = String.fromCodePoint(cp);
  issue = BIDI.test(ch)
    ? 'bidi'
    : /\p{Co}/u.test(ch)
      ? 'private_use'
      : /\p{Cn}/u.test(ch)
        ? 'unassigned'
        : /\p{Cc}/u.test(ch)
          ? 'control'
          : 'invisible';
  // Private-use and unassigned code points are hundreds of thousands: past 4,096 entries, read each time.
  if (ISSUES.size < 4096) ISSUES.set(cp, issue);
  return issue;
}

function addRun(findings: UnicodeFinding[], issue: UnicodeIssue, start: number, end: number): void {
  const prev = findings[findings.length - 1];
  if (prev && prev.issue === issue && prev.end === start) {
    prev.end = end;
    prev.count++;
    return;
  }
  const score = issue === 'bidi' ? 0.9 : issue === 'invisible' || issue === 'private_use' ? 0.6 : 0.4;
  findings.push({ issue, start, end, score, count: 1 });
}

/** Code points of `s` (a lone surrogate counts as one). */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i + 1 < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n--;
      i++;
    }
  }
  return n;
}

function confusableWords(text: string, findings: UnicodeFinding[]): void {
  // Words: runs of letters and marks (`[\p{L}\p{M}]+`), by a loop with a table per code point (classes.ts).
  const n = text.length;
  for (let i = 0; i < n; ) {
    let cp = text.codePointAt(i) as number;
    if (!isWordCodePoint(cp)) {
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const start = i;
    let ascii = true;
    do {
      if (cp >= 128) ascii = false;
      i += cp > 0xffff ? 2 : 1;
      if (i >= n) break;
      cp = text.codePointAt(i) as number;
    } while (isWordCodePoint(cp));
    if (ascii || i - start < 2) continue;
    const w = text.slice(start, i);
    const scripts = scriptsOf(w);
    if (scripts.length < 2 || !scripts.includes('Latin')) continue;
    const sk = skeleton(w);
    if (!ASCII.test(sk)) continue;
    findings.push({ issue: 'confusable', start, end: i, score: 0.8, count: codePoints(w) });
  }
}

function truncate(out: string, original: string, options: SanitizeOptions, findings: UnicodeFinding[]): string {
  let result = out;
  if (options.maxChars !== undefined && result.length > options.maxChars) {
    let cut = options.maxChars;
    const c = result.charCodeAt(cut - 1);
    if (cut > 0 && c >= 0xd800 && c <= 0xdbff) cut--; // never split a surrogate pair
    result = result.slice(0, cut);
  }
  if (options.maxTokens !== undefined) {
    const count = options.countTokens ?? estimateTokens;
    if (count(result) > options.maxTokens) {
      // Binary search the longest prefix (at code point boundaries) within the budget.
      let lo = 0;
      let hi = result.length;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (count(result.slice(0, mid)) <= options.maxTokens) lo = mid;
        else hi = mid - 1;
      }
      const c = result.charCodeAt(lo - 1);
      if (lo > 0 && c >= 0xd800 && c <= 0xdbff) lo--;
      result = result.slice(0, lo);
    }
  }
  if (result.length < out.length) {
    findings.push({
      issue: 'truncated',
      start: Math.min(original.length, result.length),
      end: original.length,
      score: 0.3,
      count: 0,
    });
  }
  return result;
}
