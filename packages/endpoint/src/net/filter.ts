/**
 * IP allow/deny lists over IPv4 and IPv6 CIDR blocks, and the client address behind trusted
 * proxies. Deny wins; with a non-empty allow list only listed addresses pass; an address that does
 * not parse never passes an allow list.
 */
import { AccessError, aobject, ConfigError } from '@modelsec/core';
import { type Cidr, cidrContains, formatIp, parseCidr, tryParseIp } from './ip';

/** Options of `createIpFilter`. */
export interface IpFilterOptions {
  /** Blocks that may call (empty or absent: everyone not denied). */
  allow?: readonly string[];
  /** Blocks that may never call. */
  deny?: readonly string[];
}

/** The verdict of an IP filter. */
export interface IpVerdict {
  /** True when the address may call. */
  allowed: boolean;
  /** `deny-list`, `not-allowed`, `allow-list`, `open`, or `invalid-address`. */
  reason: 'deny-list' | 'not-allowed' | 'allow-list' | 'open' | 'invalid-address';
}

/** A compiled allow/deny list. */
export interface IpFilter {
  /** Decide for an address. */
  check(ip: string | undefined): IpVerdict;
  /** Like `check`, but throws `AccessError('ip_denied')` when refused. */
  enforce(ip: string | undefined): IpVerdict;
}

/**
 * Compile an allow/deny list.
 *
 * @throws ConfigError `invalid_config` for a malformed block.
 * @example
 * ```ts
 * const filter = createIpFilter({ allow: ['10.0.0.0/8', '2001:db8::/32'], deny: ['10.6.6.0/24'] });
 * filter.check('10.1.2.3').allowed; // true
 * ```
 */
export function createIpFilter(options: IpFilterOptions): IpFilter {
  aobject(options as unknown, 'options');
  const allow = compile(options.allow, 'allow');
  const deny = compile(options.deny, 'deny');
  const check = (text: string | undefined): IpVerdict => {
    const ip = text === undefined ? undefined : tryParseIp(text);
    if (!ip) return { allowed: allow.length === 0 && deny.length === 0, reason: 'invalid-address' };
    if (deny.some((c) => cidrContains(c, ip))) return { allowed: false, reason: 'deny-list' };
    if (allow.length === 0) return { allowed: true, reason: 'open' };
    return allow.some((c) => cidrContains(c, ip))
      ? { allowed: true, reason: 'allow-list' }
      : { allowed: false, reason: 'not-allowed' };
  };
  return {
    check,
    enforce(text) {
      const verdict = check(text);
      if (!verdict.allowed) {
        throw new AccessError('ip_denied', 'requests from this address are not allowed', {
          details: { reason: verdict.reason },
        });
      }
      return verdict;
    },
  };
}

/** Options of `clientIp`. */
export interface ClientIpOptions {
  /** Proxies (CIDR blocks) whose `X-Forwarded-For` entries are believed. Default none. */
  trustedProxies?: readonly string[];
  /** At most this many `X-Forwarded-For` entries are examined (default 16). */
  maxHops?: number;
}

/**
 * The client address of a request: the socket peer, unless the peer is a trusted proxy, in which
 * case `X-Forwarded-For` is walked from the right, skipping trusted proxies, and the first
 * untrusted address is the client. Entries left of it were written by the client and are ignored;
 * a malformed entry stops the walk at the last trusted hop.
 *
 * @example
 * ```ts
 * const ipOf = clientIp({ trustedProxies: ['10.0.0.0/8'] });
 * ipOf('10.0.0.5', '203.0.113.7, 10.0.0.9'); // '203.0.113.7'
 * ipOf('198.51.100.1', '1.2.3.4'); // '198.51.100.1' (peer is not a trusted proxy)
 * ```
 */
export function clientIp(
  options: ClientIpOptions = {},
): (peer: string | undefined, forwardedFor: string | null) => string | undefined {
  aobject(options as unknown, 'options');
  const trusted = compile(options.trustedProxies, 'trustedProxies');
  const maxHops = options.maxHops ?? 16;
  const isTrusted = (text: string) => {
    const ip = tryParseIp(text);
    return ip !== undefined && trusted.some((c) => cidrContains(c, ip));
  };
  const canonical = (text: string) => {
    const ip = tryParseIp(text);
    return ip ? formatIp(ip) : undefined;
  };
  return (peer, forwardedFor) => {
    if (peer === undefined) return undefined;
    if (trusted.length === 0 || forwardedFor === null || !isTrusted(peer)) return canonical(peer);
    // Bound the work: only the rightmost entries matter, a long header is attacker-controlled.
    const tail = forwardedFor.length > 4096 ? forwardedFor.slice(-4096) : forwardedFor;
    const hops = tail.split(',').slice(-maxHops);
    let current = peer;
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = (hops[i] as string).trim();
      const ip = canonical(hop);
      if (ip === undefined) return canonical(current);
      current = ip;
      if (!isTrusted(ip)) return ip;
    }
    return canonical(current);
  };
}

function compile(list: readonly string[] | undefined, label: string): Cidr[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new ConfigError('invalid_config', `options.${label} must be an array of CIDR blocks`);
  return list.map((text, i) => {
    try {
      return parseCidr(text);
    } catch {
      throw new ConfigError('invalid_config', `options.${label}[${i}] is not a valid IP address or CIDR block`);
    }
  });
}
