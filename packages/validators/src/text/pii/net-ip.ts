/**
 * IPv4 and IPv6 addresses (IPv6 validated by parsing) and MAC addresses (EUI-48: colon, dash or Cisco
 * dot notation).
 */
import { wordSet } from '../shared/context';
import { factsOf, stickyTwin } from '../shared/facts';
import { forEachIpv6, forEachMac } from './net-starts';
import type { PiiCandidate, PiiRecognizer } from './types';

/** @internal Dotted-quad IPv4. */
export const IPV4_RE: RegExp =
  /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\.?\d)/g;
/** @internal IPv6 candidates (validated by parsing). */
export const IPV6_RE: RegExp = /(?<![\w:])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])/gi;
/** @internal MAC addresses (colon, dash or Cisco dot notation). */
export const MAC_RE: RegExp =
  /(?<![\w:-])(?:[0-9a-f]{2}(?::[0-9a-f]{2}){5}|[0-9a-f]{2}(?:-[0-9a-f]{2}){5}|[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4})(?![\w:-])/gi;

const IP_CONTEXT = wordSet('ip ipv4 ipv6 address server host');
const MAC_CONTEXT = wordSet('mac address device hardware');

const IPV4_AT = /* @__PURE__ */ stickyTwin(IPV4_RE);
const IPV6_AT = /* @__PURE__ */ stickyTwin(IPV6_RE);
const MAC_AT = /* @__PURE__ */ stickyTwin(MAC_RE);

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
