/**
 * Strict IPv4 and IPv6 address and CIDR parsing without regular expressions. Addresses become 4 or 16
 * bytes; IPv4-mapped IPv6 (`::ffff:1.2.3.4`) is treated as the IPv4 address, so one rule covers
 * both spellings. Zone ids (`fe80::1%eth0`), leading zeros in IPv4 octets (octal ambiguity) and any
 * other irregular form are rejected.
 */
import { ValidationError } from '@modelsec/core';

/** A parsed address. */
export interface IpAddress {
  /** 4 or 6. */
  version: 4 | 6;
  /** 4 bytes (IPv4) or 16 bytes (IPv6), network order. */
  bytes: Uint8Array;
}

/** A parsed CIDR block. */
export interface Cidr {
  /** Network address. */
  address: IpAddress;
  /** Prefix length (0-32 or 0-128). */
  prefix: number;
}

const MAX_TEXT = 64;

/**
 * Parse an address, or return `undefined` when it is not a valid IPv4/IPv6 address.
 *
 * @example
 * ```ts
 * tryParseIp('::ffff:10.0.0.1'); // { version: 4, bytes: [10, 0, 0, 1] }
 * ```
 */
export function tryParseIp(text: string): IpAddress | undefined {
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_TEXT) return undefined;
  if (text.includes(':')) {
    const bytes = parseV6(text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text);
    if (!bytes) return undefined;
    const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
    return mapped ? { version: 4, bytes: bytes.slice(12) } : { version: 6, bytes };
  }
  const v4 = parseV4(text);
  return v4 ? { version: 4, bytes: v4 } : undefined;
}

/**
 * Parse an address.
 *
 * @throws ValidationError `invalid_format` when it is not a valid address (the text is not echoed).
 * @example
 * ```ts
 * parseIp('2001:db8::1').version; // 6
 * ```
 */
export function parseIp(text: string): IpAddress {
  const ip = tryParseIp(text);
  if (!ip) throw new ValidationError('invalid_format', 'not a valid IP address');
  return ip;
}

/**
 * Parse `address/prefix` (a bare address is a /32 or /128). Host bits are cleared.
 *
 * @throws ValidationError `invalid_format` for malformed blocks.
 * @example
 * ```ts
 * parseCidr('10.0.0.0/8');
 * ```
 */
export function parseCidr(text: string): Cidr {
  const slash = typeof text === 'string' ? text.indexOf('/') : -1;
  const address = parseIp(slash < 0 ? text : text.slice(0, slash));
  const max = address.version === 4 ? 32 : 128;
  const mapped = address.version === 4 && text.includes(':');
  let prefix = max;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!isDigits(p, 3) || (p.length > 1 && p[0] === '0') || Number(p) > (mapped ? 128 : max)) {
      throw new ValidationError('invalid_format', 'not a valid CIDR prefix');
    }
    // `::ffff:a.b.c.d/104` style prefixes on IPv4-mapped addresses count from the IPv4 part.
    prefix = mapped ? Math.max(0, Number(p) - 96) : Number(p);
  }
  const bytes = address.bytes.slice();
  for (let bit = prefix; bit < max; bit++) bytes[bit >> 3] = (bytes[bit >> 3] as number) & ~(0x80 >> (bit & 7));
  return { address: { version: address.version, bytes }, prefix };
}

/**
 * True when `ip` is inside `cidr` (an IPv4 address never matches an IPv6 block and vice versa,
 * except through IPv4-mapped IPv6, which parses as IPv4).
 *
 * @example
 * ```ts
 * cidrContains(parseCidr('10.0.0.0/8'), parseIp('10.1.2.3')); // true
 * ```
 */
export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  if (cidr.address.version !== ip.version) return false;
  const full = cidr.prefix >> 3;
  for (let i = 0; i < full; i++) if (cidr.address.bytes[i] !== ip.bytes[i]) return false;
  const rest = cidr.prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((cidr.address.bytes[full] as number) & mask) === ((ip.bytes[full] as number) & mask);
}

/**
 * Canonical text of an address (dotted quad; RFC 5952 lowercase, compressed IPv6).
 *
 * @example
 * ```ts
 * formatIp(parseIp('2001:DB8:0:0::1')); // '2001:db8::1'
 * ```
 */
export function formatIp(ip: IpAddress): string {
  if (ip.version === 4) return Array.from(ip.bytes).join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((ip.bytes[i] as number) << 8) | (ip.bytes[i + 1] as number));
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/**
 * The key an address is rate-limited under: the IPv4 address, or the IPv6 /64 (one customer
 * usually holds a whole /64, so per-address IPv6 counters are trivially evaded). Unparsable text
 * gets one shared `invalid` bucket.
 *
 * @example
 * ```ts
 * ipRateKey('2001:db8:1:2:aaaa::1'); // '2001:db8:1:2::/64'
 * ```
 */
export function ipRateKey(text: string): string {
  const ip = tryParseIp(text);
  if (!ip) return 'invalid';
  if (ip.version === 4) return formatIp(ip);
  const net = ip.bytes.slice();
  net.fill(0, 8);
  return `${formatIp({ version: 6, bytes: net })}/64`;
}

function isDigits(s: string, maxLen: number): boolean {
  if (s.length === 0 || s.length > maxLen) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function parseV4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i] as string;
    if (!isDigits(p, 3) || (p.length > 1 && p[0] === '0')) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out[i] = n;
  }
  return out;
}

function parseGroup(g: string): number | undefined {
  if (g.length === 0 || g.length > 4) return undefined;
  let n = 0;
  for (let i = 0; i < g.length; i++) {
    const c = g.charCodeAt(i);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
    if (d < 0) return undefined;
    n = n * 16 + d;
  }
  return n;
}

function parseV6(text: string): Uint8Array | undefined {
  if (text.includes('%')) return undefined; // zone ids are not accepted
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string, dottedTail: boolean): number[] | undefined => {
    if (s.length === 0) return [];
    const out: number[] = [];
    const parts = s.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i] as string;
      if (dottedTail && i === parts.length - 1 && p.includes('.')) {
        const v4 = parseV4(p);
        if (!v4) return undefined;
        out.push(((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number));
      } else {
        const g = parseGroup(p);
        if (g === undefined) return undefined;
        out.push(g);
      }
    }
    return out;
  };
  const head = groups(halves[0] as string, halves.length === 1);
  const tail = halves.length === 2 ? groups(halves[1] as string, true) : [];
  if (!head || !tail) return undefined;
  const total = head.length + tail.length;
  if (halves.length === 2 ? total > 7 : total !== 8) return undefined;
  const all = [...head, ...new Array(8 - total).fill(0), ...tail];
  const out = new Uint8Array(16);
  all.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}
