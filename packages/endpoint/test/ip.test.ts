import { AccessError, ConfigError, ValidationError } from '@modelsec/core';
import {
  cidrContains,
  clientIp,
  createIpFilter,
  formatIp,
  ipRateKey,
  parseCidr,
  parseIp,
  tryParseIp,
} from '@modelsec/endpoint';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import vectors from './vectors/ip.json';

describe('IP parsing (RFC 4291 / RFC 5952 vectors)', () => {
  test.each(vectors.canonical)('%s → %s', (text, canonical) => {
    expect(formatIp(parseIp(text))).toBe(canonical);
  });
  test.each(vectors.invalid)('rejects %j', (text) => {
    expect(tryParseIp(text)).toBeUndefined();
    expect(() => parseIp(text)).toThrow(ValidationError);
  });
  test.each(vectors.cidr)('%s contains %s = %s', (block, ip, want) => {
    expect(cidrContains(parseCidr(block as string), parseIp(ip as string))).toBe(want);
  });
  test('bad CIDR prefixes', () => {
    for (const b of ['10.0.0.0/33', '10.0.0.0/', '10.0.0.0/08', '::/129', '10.0.0.0/-1', '10.0.0.0/8/8']) {
      expect(() => parseCidr(b)).toThrow(ValidationError);
    }
  });
  test('property: arbitrary text never crashes; accepted text round-trips', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.ipV4(), fc.ipV6(), fc.ipV4Extended()), (text) => {
        const ip = tryParseIp(text);
        if (ip === undefined) {
          expect(() => parseIp(text)).toThrow(ValidationError);
          return;
        }
        const again = parseIp(formatIp(ip));
        expect(again).toEqual(ip);
      }),
      { numRuns: 2000 },
    );
  });
  test('every generated IPv4/IPv6 address parses', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (text) => {
        expect(tryParseIp(text)).toBeDefined();
      }),
      { numRuns: 1000 },
    );
  });
  test('megabyte input is refused at once', () => {
    expect(tryParseIp('1'.repeat(1_000_000))).toBeUndefined();
    expect(tryParseIp(`${':'.repeat(500_000)}1`)).toBeUndefined();
  });
  test('rate keys: IPv4 address, IPv6 /64', () => {
    expect(ipRateKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(ipRateKey('2001:db8:aaaa:bbbb:1:2:3:4')).toBe('2001:db8:aaaa:bbbb::/64');
    expect(ipRateKey('nonsense')).toBe('invalid');
  });
});

describe('allow/deny lists', () => {
  const filter = createIpFilter({ allow: ['10.0.0.0/8', '2001:db8::/32'], deny: ['10.6.6.0/24', '2001:db8:bad::/48'] });
  test.each([
    ['10.1.2.3', true, 'allow-list'],
    ['10.6.6.7', false, 'deny-list'],
    ['192.0.2.1', false, 'not-allowed'],
    ['::ffff:10.1.2.3', true, 'allow-list'],
    ['2001:db8::5', true, 'allow-list'],
    ['2001:db8:bad::5', false, 'deny-list'],
    ['not an ip', false, 'invalid-address'],
  ])('%s → %s (%s)', (ip, allowed, reason) => {
    expect(filter.check(ip)).toEqual({ allowed, reason });
  });
  test('missing addresses never pass an allow list; enforce throws ip_denied', () => {
    expect(filter.check(undefined).allowed).toBe(false);
    expect(() => filter.enforce('192.0.2.1')).toThrow(AccessError);
    expect(() => filter.enforce('192.0.2.1')).toThrow(expect.objectContaining({ code: 'ip_denied' }));
    expect(createIpFilter({ deny: ['192.0.2.0/24'] }).check('198.51.100.1')).toEqual({ allowed: true, reason: 'open' });
  });
  test('malformed blocks are configuration errors', () => {
    expect(() => createIpFilter({ allow: ['10.0.0.0/99'] })).toThrow(ConfigError);
    expect(() => createIpFilter({ deny: 'all' as never })).toThrow(ConfigError);
  });
});

describe('client address behind trusted proxies (X-Forwarded-For)', () => {
  const ipOf = clientIp({ trustedProxies: ['10.0.0.0/8', 'fd00::/8'] });
  test.each([
    ['peer not trusted: header ignored', '198.51.100.1', '1.2.3.4', '198.51.100.1'],
    ['one trusted hop', '10.0.0.5', '203.0.113.7', '203.0.113.7'],
    ['two trusted hops', '10.0.0.5', '203.0.113.7, 10.0.0.9', '203.0.113.7'],
    ['spoofed left entries ignored', '10.0.0.5', '6.6.6.6, 203.0.113.7, 10.0.0.9', '203.0.113.7'],
    ['IPv6 proxy and client', 'fd00::1', '2001:db8::7', '2001:db8::7'],
    ['mapped peer', '::ffff:10.0.0.5', '203.0.113.7', '203.0.113.7'],
    ['garbage stops at last trusted hop', '10.0.0.5', '203.0.113.7, garbage, 10.0.0.9', '10.0.0.9'],
    ['all trusted: leftmost', '10.0.0.5', '10.1.1.1, 10.2.2.2', '10.1.1.1'],
    ['empty header', '10.0.0.5', '', '10.0.0.5'],
  ])('%s', (_name, peer, xff, want) => {
    expect(ipOf(peer, xff)).toBe(want);
  });
  test('without trusted proxies the peer is the client; no peer, no address', () => {
    expect(clientIp()('198.51.100.1', '1.2.3.4')).toBe('198.51.100.1');
    expect(ipOf(undefined, '1.2.3.4')).toBeUndefined();
  });
  test('property: arbitrary headers give undefined or a canonical address, quickly', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (xff) => {
        const ip = ipOf('10.0.0.1', xff);
        if (ip !== undefined) expect(formatIp(parseIp(ip))).toBe(ip);
      }),
      { numRuns: 1000 },
    );
    const huge = `${'1.1.1.1, '.repeat(200_000)}203.0.113.7`;
    expect(ipOf('10.0.0.1', huge)).toBe('203.0.113.7');
  });
});
