/**
 * Internet identifiers in text: e-mail addresses and URLs. IP and MAC addresses are in `net-ip.ts`,
 * cryptocurrency addresses in `net-crypto.ts`.
 */
import { wordSet } from '../shared/context';
import { factsOf } from '../shared/facts';
import { isUnspacedScript } from '../shared/letters';
import { forEachMatch } from '../shared/regex';
import { EMAIL_CONTEXT, isLocal, maySpellEmail, spelledEmails } from './net-email-spelled';
import type { PiiRecognizer } from './types';

/** @internal E-mail domain after the `@` (sticky): up to 8 labels and a letter TLD. */
export const EMAIL_DOMAIN_RE: RegExp = /(?:[\p{L}\p{N}-]{1,63}\.){1,8}\p{L}{2,24}(?![\p{L}\p{N}_-])/uy;
/** @internal URLs with a scheme, or starting with www. */
export const URL_RE: RegExp = /\b(?:(?:https?|ftp|wss?):\/\/|www\.)[^\s<>"'`{}|\\^]{1,2048}/gi;

const URL_CONTEXT = wordSet('url website site link domain visit web');

/** E-mail addresses (RFC 5321 length limits; internationalized letters allowed). */
export const emailRecognizer: PiiRecognizer = {
  name: 'email',
  entities: ['EMAIL_ADDRESS'],
  maxLength: 64 + 1 + 8 * 64 + 24,
  scan(text, emit) {
    const f = factsOf(text);
    // Anchored on "@": walk back over the local part (at most 64 units), then match the domain.
    for (let at = f.ats === 0 ? -1 : text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
      let start = at;
      // An apostrophe is a unit of the local part too ("mike.o'brien@…", RFC 5322's atext), but not
      // its first: a quote before the address ("'jane@example.com'") is the prose's.
      while (start > 0 && at - start < 65 && (isLocal(text, start - 1) || text.charCodeAt(start - 1) === 39)) start--;
      while (start < at && text.charCodeAt(start) === 39) start++;
      if (start === at || at - start > 64) continue;
      // Written on to a word of Han, kana or Hangul ("邮箱zhang.wei@…"): the address starts after it when
      // the rest is ASCII (a local part all in Han, "张伟@…", is one of its own).
      start = afterUnspaced(text, start, at);
      const local = text.slice(start, at);
      if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) continue;
      EMAIL_DOMAIN_RE.lastIndex = at + 1;
      const m = EMAIL_DOMAIN_RE.exec(text);
      if (m === null) continue;
      emit({
        entity: 'EMAIL_ADDRESS',
        start,
        end: domainEnd(text, at + 1 + m[0].length),
        score: 0.9,
        recognizer: 'email',
        context: EMAIL_CONTEXT,
        contextBoost: 0.1,
      });
    }
    // Addresses written out ("jane [at] example [dot] com", "jane dot doe at gmail dot com").
    if (maySpellEmail(text, f)) spelledEmails(text, emit);
  },
};

/**
 * The start of the ASCII units that end `[start, at)` right after its last Han, kana or Hangul unit, when
 * there is one and ASCII follows it; else `start`.
 */
function afterUnspaced(text: string, start: number, at: number): number {
  let cut = -1;
  for (let k = start; k < at; k++) {
    const c = text.charCodeAt(k);
    if (isUnspacedScript(c)) cut = k + 1;
    // A unit of another script after it: the local part is not ASCII after it, keep it whole.
    else if (c >= 128) cut = -1;
  }
  // Not when it would leave a period first ("邮箱.zhang@…" keeps its whole local part, as before).
  return cut > start && cut < at && text.charCodeAt(cut) !== 46 ? cut : start;
}

/**
 * A domain matched up to `end`, cut before the Han, kana or Hangul units written on to an ASCII top-level
 * domain ("example.jpです": "example.jp"); an all-Han one ("example.中国") stays.
 */
function domainEnd(text: string, end: number): number {
  const tld = text.lastIndexOf('.', end - 1) + 1;
  let k = tld;
  while (k < end && text.charCodeAt(k) < 128) k++;
  return k - tld >= 2 && k < end && isUnspacedScript(text.charCodeAt(k)) ? k : end;
}

/** @internal A URL_RE match contains "://" or "www." in any case. */
export const WWW: RegExp = /www\./i;

/**
 * `WWW.test(text)` from the dots: "www." in any case (ASCII `w`/`W` only: `/i` without `/u`) is a "."
 * after three such units. Finding the few dots of a text is cheaper than the regex.
 * @internal
 *
 * @example
 * ```ts
 * hasWww('see WwW.example.org'); // true
 * ```
 */
export function hasWww(text: string): boolean {
  for (let i = text.indexOf('.', 3); i >= 0; i = text.indexOf('.', i + 1)) {
    if (
      (text.charCodeAt(i - 1) | 32) === 119 &&
      (text.charCodeAt(i - 2) | 32) === 119 &&
      (text.charCodeAt(i - 3) | 32) === 119
    )
      return true;
  }
  return false;
}

const TRAILING = new Set(['.', ',', ';', ':', '!', '?', ')', ']', '}', "'", '"', '>', '*']);

/** URLs with a scheme or `www.`; trailing punctuation and unbalanced closing brackets are left out. */
export const urlRecognizer: PiiRecognizer = {
  name: 'url',
  entities: ['URL'],
  maxLength: 2048 + 6,
  scan(text, emit) {
    // Every URL reported has a "." (the host test below needs one) and "://" (so a ":") or "www." (URL_RE).
    const f = factsOf(text);
    if (f.dots === 0 || ((f.colons === 0 || text.indexOf('://') < 0) && !hasWww(text))) return;
    forEachMatch(URL_RE, text, (m) => {
      let s = m[0];
      while (s.length > 0 && TRAILING.has(s[s.length - 1] as string)) {
        if (s.endsWith(')') && count(s, '(') >= count(s, ')')) break;
        s = s.slice(0, -1);
      }
      const host = s.replace(/^[a-z]+:\/\//i, '');
      if (!/^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/u.test(host)) return;
      emit({
        entity: 'URL',
        start: m.index,
        end: m.index + s.length,
        score: 0.7,
        recognizer: 'url',
        context: URL_CONTEXT,
        contextBoost: 0.2,
      });
    });
  },
};

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}
