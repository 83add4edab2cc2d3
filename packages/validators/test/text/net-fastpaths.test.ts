/**
 * IPv6 and MAC candidates tried only where a match can start (net-starts.ts) give exactly the global
 * scans' matches, on text made of address pieces, separators and the units the look-arounds test.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { IPV6_RE, MAC_RE } from '../../src/text/pii/net-ip';
import { forEachIpv6, forEachMac } from '../../src/text/pii/net-starts';
import { stickyTwin } from '../../src/text/shared/facts';
import { forEachMatch } from '../../src/text/shared/regex';

const piece = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      'ab:cd:ef:01:23:45',
      'AB-CD-EF-01-23-45',
      '0123.4567.89ab',
      'fe80::1',
      '2001:db8::ff00:42:8329',
      '::',
      ':::',
    ),
    weight: 2,
  },
  {
    arbitrary: fc.constantFrom(
      'a',
      'F',
      '0',
      '9',
      'ab',
      '1f2e',
      '12345',
      ':',
      '-',
      '.',
      ' ',
      '_',
      'g',
      'Z',
      '\n',
      'é',
      'K',
    ),
    weight: 6,
  },
  { arbitrary: fc.string({ maxLength: 3 }), weight: 1 },
);
const text = fc.array(piece, { maxLength: 20 }).map((a) => a.join(''));

function spans(scan: (fn: (m: RegExpExecArray, out: string[]) => void, out: string[]) => void): string[] {
  const out: string[] = [];
  scan((m, o) => o.push(`${m.index}:${m[0]}`), out);
  return out;
}

type Scan = (sticky: RegExp, t: string, fn: (m: RegExpExecArray, out: string[]) => void, out: string[]) => void;

/** `scan` with the sticky twin of `re` finds what the global scan of `re` finds (at least `min` matches in all). */
function sameAsGlobalScan(re: RegExp, scan: Scan, min: number): void {
  const sticky = stickyTwin(re);
  let found = 0;
  fc.assert(
    fc.property(text, (t) => {
      const want = spans((fn, out) => forEachMatch(re, t, (m) => fn(m, out)));
      found += want.length;
      expect(spans((fn, out) => scan(sticky, t, fn, out))).toEqual(want);
    }),
    { numRuns: 4000 },
  );
  expect(found).toBeGreaterThan(min);
}

describe('IPv6 and MAC scans at their possible starts', () => {
  test('forEachIpv6 finds what the global IPV6_RE scan finds', () => {
    sameAsGlobalScan(IPV6_RE, forEachIpv6, 500);
  });

  test('forEachMac finds what the global MAC_RE scan finds', () => {
    sameAsGlobalScan(MAC_RE, forEachMac, 150);
    const found = spans((fn, out) => forEachMac(stickyTwin(MAC_RE), 'x 0123.4567.89ab, ab:cd:ef:01:23:45', fn, out));
    expect(found).toEqual(['2:0123.4567.89ab', '18:ab:cd:ef:01:23:45']);
  });
});
