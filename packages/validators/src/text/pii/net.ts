/**
 * Internet identifiers: e-mail addresses, URLs, IPv4/IPv6 and MAC addresses, and cryptocurrency
 * addresses (Bitcoin Base58Check and Bech32/Bech32m, Ethereum with EIP-55 when mixed-case).
 */
import { wordSet } from '../shared/context';
import { factsOf, stickyTwin } from '../shared/facts';
import { forEachMatch } from '../shared/regex';
import { base58CheckValid, bech32Valid, eip55Valid } from './checksums';
import { forEachIpv6, forEachMac } from './net-starts';
import type { PiiCandidate, PiiRecognizer } from './types';

/** @internal E-mail domain after the `@` (sticky): up to 8 labels and a letter TLD. */
export const EMAIL_DOMAIN_RE: RegExp = /(?:[\p{L}\p{N}-]{1,63}\.){1,8}\p{L}{2,24}(?![\p{L}\p{N}_-])/uy;
/** @internal */
export const LOCAL_CHAR: RegExp = /[\p{L}\p{N}_.%+-]/u;
/** @internal URLs with a scheme, or starting with www. */
export const URL_RE: RegExp = /\b(?:(?:https?|ftp|wss?):\/\/|www\.)[^\s<>"'`{}|\\^]{1,2048}/gi;
/** @internal Dotted-quad IPv4. */
export const IPV4_RE: RegExp =
  /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\.?\d)/g;
/** @internal IPv6 candidates (validated by parsing). */
export const IPV6_RE: RegExp = /(?<![\w:])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])/gi;
/** @internal MAC addresses (colon, dash or Cisco dot notation). */
export const MAC_RE: RegExp =
  /(?<![\w:-])(?:[0-9a-f]{2}(?::[0-9a-f]{2}){5}|[0-9a-f]{2}(?:-[0-9a-f]{2}){5}|[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4})(?![\w:-])/gi;
/** @internal Bitcoin legacy/P2SH (Base58), segwit (Bech32) and Ethereum addresses. */
export const CRYPTO_RE: RegExp =
  /(?<![\w])(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|(?:bc|tb|BC|TB)1[02-9ac-hj-np-zAC-HJ-NP-Z]{6,87}|0x[0-9a-fA-F]{40})(?![\w])/g;

const EMAIL_CONTEXT = wordSet('email e-mail mail address contact');
const URL_CONTEXT = wordSet('url website site link domain visit web');
const IP_CONTEXT = wordSet('ip ipv4 ipv6 address server host');
const MAC_CONTEXT = wordSet('mac address device hardware');
const CRYPTO_CONTEXT = wordSet('wallet bitcoin btc ethereum eth crypto address');

/** E-mail addresses (RFC 5321 length limits; internationalized letters allowed). */
export const emailRecognizer: PiiRecognizer = {
  name: 'email',
  entities: ['EMAIL_ADDRESS'],
  maxLength: 64 + 1 + 8 * 64 + 24,
  scan(text, emit) {
    if (factsOf(text).ats === 0) return; // no "@": nothing to anchor on
    // Anchored on "@": walk back over the local part (at most 64 units), then match the domain.
    for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
      let start = at;
      while (start > 0 && at - start < 65 && isLocal(text, start - 1)) start--;
      if (start === at || at - start > 64) continue;
      const local = text.slice(start, at);
      if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) continue;
      EMAIL_DOMAIN_RE.lastIndex = at + 1;
      const m = EMAIL_DOMAIN_RE.exec(text);
      if (m === null) continue;
      emit({
        entity: 'EMAIL_ADDRESS',
        start,
        end: at + 1 + m[0].length,
        score: 0.9,
        recognizer: 'email',
        context: EMAIL_CONTEXT,
        contextBoost: 0.1,
      });
    }
  },
};

function isLocal(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128)
    return (
      (c >= 48 && c <= 57) ||
      ((c | 32) >= 97 && (c | 32) <= 122) ||
      c === 95 ||
      c === 46 ||
      c === 37 ||
      c === 43 ||
      c === 45
    );
  return LOCAL_CHAR.test(text[i] as string);
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

/**
 * Parse an IPv6 address (RFC 4291 text forms without an embedded IPv4 tail).
 *
 * @example
 * ```ts
 * ipv6Valid('2001:db8::1'); // true
 * ```
 */
export function ipv6Valid(s: string): boolean {
  // As `s.split('::')` into at most two parts, each `split(':')` into groups of 1-4 hex digits (ASCII,
  // either case), 8 groups without "::" or at most 7 with it; read in place, without the arrays. A
  // second "::" (a third part) leaves an empty group in the tail, which fails there.
  const d = s.indexOf('::');
  if (d < 0) return hexGroups(s, 0, s.length) === 8;
  const head = hexGroups(s, 0, d);
  const tail = hexGroups(s, d + 2, s.length);
  return head >= 0 && tail >= 0 && head + tail <= 7;
}

/** The number of ":"-separated groups of 1-4 hex digits in `s[from, to)` (0 when empty), or -1. */
function hexGroups(s: string, from: number, to: number): number {
  if (from === to) return 0;
  let groups = 0;
  let len = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 58) {
      if (len === 0) return -1;
      groups++;
      len = 0;
    } else if (isHex(c) && len < 4) len++;
    else return -1;
  }
  return len === 0 ? -1 : groups + 1;
}

const IPV4_AT = /* @__PURE__ */ stickyTwin(IPV4_RE);
const IPV6_AT = /* @__PURE__ */ stickyTwin(IPV6_RE);
const MAC_AT = /* @__PURE__ */ stickyTwin(MAC_RE);
const CRYPTO_AT = /* @__PURE__ */ stickyTwin(CRYPTO_RE);

/** IPv4 (dotted quad, octets 0-255) and IPv6 (validated by parsing). */
export const ipRecognizer: PiiRecognizer = {
  name: 'ip',
  entities: ['IP_ADDRESS'],
  maxLength: 39,
  scan(text, emit) {
    const f = factsOf(text);
    // IPV4_RE needs three dots and starts at a run of 1-3 digits followed by a dot.
    let next = 0;
    if (f.dots >= 3) {
      for (let k = 0; k < f.runs; k++) {
        const s = f.runStart[k] as number;
        const e = f.runEnd[k] as number;
        if (s < next || e - s > 3 || text.charCodeAt(e) !== 46) continue;
        IPV4_AT.lastIndex = s;
        const m = IPV4_AT.exec(text);
        if (m === null) continue;
        next = s + m[0].length;
        emit({
          entity: 'IP_ADDRESS',
          start: m.index,
          end: m.index + m[0].length,
          score: 0.7,
          recognizer: 'ip',
          context: IP_CONTEXT,
          contextBoost: 0.2,
        });
      }
      IPV4_AT.lastIndex = 0;
    }
    // IPV6_RE needs two colons with at most four hex digits (ASCII, /i without u) between them.
    if (f.colons < 2 || !hasSeparatedHex(text, ':', 0, 4)) return;
    forEachIpv6(IPV6_AT, text, onIpv6, emit);
  },
};

function onIpv6(m: RegExpExecArray, emit: (c: PiiCandidate) => void): void {
  if (!ipv6Valid(m[0])) return;
  emit({
    entity: 'IP_ADDRESS',
    start: m.index,
    end: m.index + m[0].length,
    score: m[0] === '::' ? 0.1 : 0.75,
    recognizer: 'ip',
    context: IP_CONTEXT,
    contextBoost: 0.2,
  });
}

/** MAC addresses (EUI-48). */
export const macRecognizer: PiiRecognizer = {
  name: 'mac',
  entities: ['MAC_ADDRESS'],
  maxLength: 17,
  scan(text, emit) {
    // MAC_RE needs ":xx:" (five colons), "-xx-" (five dashes) or ".xxxx." (two dots), x a hex digit.
    const f = factsOf(text);
    if (
      !(f.colons >= 5 && hasSeparatedHex(text, ':', 2, 2)) &&
      !(f.dashes >= 5 && hasSeparatedHex(text, '-', 2, 2)) &&
      !(f.dots >= 2 && hasSeparatedHex(text, '.', 4, 4))
    )
      return;
    forEachMac(MAC_AT, text, onMac, emit);
  },
};

function onMac(m: RegExpExecArray, emit: (c: PiiCandidate) => void): void {
  emit({
    entity: 'MAC_ADDRESS',
    start: m.index,
    end: m.index + m[0].length,
    score: 0.7,
    recognizer: 'mac',
    context: MAC_CONTEXT,
    contextBoost: 0.2,
  });
}

/** True when `text` has `sep`, then `min` to `max` ASCII hex digits, then `sep` again. */
function hasSeparatedHex(text: string, sep: string, min: number, max: number): boolean {
  const code = sep.charCodeAt(0);
  for (let i = text.indexOf(sep); i >= 0; i = text.indexOf(sep, i + 1)) {
    let j = i + 1;
    while (j - i - 1 < max && isHex(text.charCodeAt(j))) j++;
    if (j - i - 1 >= min && text.charCodeAt(j) === code) return true;
  }
  return false;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102);
}

/** Cryptocurrency addresses validated by their checksums. */
export const cryptoRecognizer: PiiRecognizer = {
  name: 'crypto',
  entities: ['CRYPTO'],
  maxLength: 90,
  scan(text, emit) {
    // A CRYPTO_RE match is a whole run of [A-Za-z0-9_] (\w on both sides excluded, every unit of the
    // pattern is \w) of 9 to 90 units ("bc1" + 6 to 87) with a digit in it ("1", "3" or "0x" first, or
    // "bc1"/"tb1"). So it is tried only at the start of each such word holding a digit run, once per
    // word, in text order: the matches of the global scan.
    const f = factsOf(text);
    if (f.maxDigitWord < 9) return;
    let reach = 0; // end of the last word tried (later runs inside it belong to the same word)
    for (let k = 0; k < f.runs; k++) {
      if ((f.runEnd[k] as number) <= reach) continue;
      let s = f.runStart[k] as number;
      while (s > 0 && isAsciiWord(text.charCodeAt(s - 1))) s--;
      let e = f.runEnd[k] as number;
      while (e < text.length && isAsciiWord(text.charCodeAt(e))) e++;
      reach = e;
      if (e - s < 9 || e - s > 90 || !cryptoInitial(text.charCodeAt(s))) continue;
      CRYPTO_AT.lastIndex = s;
      const m = CRYPTO_AT.exec(text);
      if (m !== null) onCrypto(m, emit);
    }
    CRYPTO_AT.lastIndex = 0;
  },
};

/** `[A-Za-z0-9_]` (`\w` without `/u`). */
function isAsciiWord(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 95;
}

/** CRYPTO_RE's first units: "1", "3", "0" (0x), "b"/"B" (bc/BC), "t"/"T" (tb/TB). */
function cryptoInitial(c: number): boolean {
  return c === 49 || c === 51 || c === 48 || (c | 32) === 98 || (c | 32) === 116;
}

/**
 * The score of a CRYPTO_RE match by its checksum (0: not an address).
 * @internal
 *
 * @example
 * ```ts
 * cryptoScore('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2'); // 0.95
 * ```
 */
export function cryptoScore(s: string): number {
  if (s.startsWith('0x')) {
    const v = eip55Valid(s);
    return v === true ? 0.95 : v === undefined ? 0.6 : 0;
  }
  if (/^(?:bc|tb)1/i.test(s)) return bech32Valid(s) ? 0.95 : 0;
  return base58CheckValid(s) ? 0.95 : 0;
}

function onCrypto(m: RegExpExecArray, emit: (c: PiiCandidate) => void): void {
  const score = cryptoScore(m[0]);
  if (score > 0)
    emit({
      entity: 'CRYPTO',
      start: m.index,
      end: m.index + m[0].length,
      score,
      recognizer: 'crypto',
      context: CRYPTO_CONTEXT,
      contextBoost: 0.2,
    });
}
