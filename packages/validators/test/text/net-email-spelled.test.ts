/**
 * E-mail addresses written out to dodge filters (net-email-spelled.ts, 2026-11-30): "jane [at] example
 * [dot] com", "jane dot doe at gmail dot com", "jane @ example.com", "jane@example[.]com". Known answers,
 * the prose that must stay unreported, generated addresses found whole and redacted whole, streams, the
 * gate (`maySpellEmail`) holding for every text where the scan finds one, and arbitrary input.
 */
import { detectPII, emailRecognizer, redactPII } from '@modelsec/validators';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { maySpellEmail, spelledEmails } from '../../src/text/pii/net-email-spelled';
import type { PiiCandidate } from '../../src/text/pii/types';
import { factsOf } from '../../src/text/shared/facts';
import { expectStreamsAsWhole, filler } from './stream-support';

const emails = (text: string) =>
  detectPII(text)
    .filter((f) => f.entity === 'EMAIL_ADDRESS')
    .map((f) => text.slice(f.start, f.end));

describe('spelled-out e-mail addresses', () => {
  test.each([
    ['mail jane [at] example [dot] com', 'jane [at] example [dot] com'],
    ['jane.doe(at)example.com', 'jane.doe(at)example.com'],
    ['contact: jane dot doe at gmail dot com please', 'jane dot doe at gmail dot com'],
    ['John at acme dot com', 'John at acme dot com'],
    ['send it to jsmith at acme dot com', 'jsmith at acme dot com'],
    ['jsmith at gmail dot com', 'jsmith at gmail dot com'],
    ['JANE AT EXAMPLE DOT COM', 'JANE AT EXAMPLE DOT COM'],
    ['j.doe at example dot co dot uk', 'j.doe at example dot co dot uk'],
    ['reach me: bob_smith [at] company {dot} co {dot} uk', 'bob_smith [at] company {dot} co {dot} uk'],
    ['jane<at>example<dot>org', 'jane<at>example<dot>org'],
    ['jane (at) example (dot) com.', 'jane (at) example (dot) com'],
    ['Kevin Worthington - <kworthington (at) linuxmail {dot} org>', 'kworthington (at) linuxmail {dot} org'],
    ['((udhay @ pobox.com))', 'udhay @ pobox.com'],
    ['jane@example dot com', 'jane@example dot com'],
    ['jane@example DOT com', 'jane@example DOT com'],
    ['jane@example[.]com', 'jane@example[.]com'],
    ['write jane [AT] example [DOT] com', 'jane [AT] example [DOT] com'],
    ['email me at jane dot doe at gmail dot com', 'jane dot doe at gmail dot com'],
    ['x@y.com and jane [at] example [dot] com', 'x@y.com|jane [at] example [dot] com'],
  ])('%j: %j', (text, want) => {
    expect(emails(text).join('|')).toBe(want);
  });

  test.each([
    // The word "at" in prose: a common word before it, no webmail, name or mail word, or no spelled dot.
    'I worked at amazon dot com for years',
    'look at gmail dot com',
    'the dot com boom',
    'We met at the dot com party',
    'I am at home dot com',
    "I'm at gmail dot com",
    'j.doe at example.com',
    '$11.65 at Buy.com',
    // A title's " @ ", a domain alone after "@".
    'Anon Blog @ Envy-Us.com',
    'Une adresse @yahoo.fr gratuite',
    'price: 3 @ 5.99 each',
    // Mixed-case spelled dots are not read ("[Dot]": see maySpellEmail).
    'jane [at] example [Dot] com',
    'john at gmail Dot com',
    // No TLD, or a number where the TLD goes.
    'meet (at) noon',
    'jane [at] example [dot] c0m',
    'see the dot at the end',
  ])('%j is no address', (text) => {
    expect(emails(text)).toEqual([]);
  });

  test('scores: bracketed or "@" 0.9, " @ " and the word "at" 0.85, +0.1 with a mail word', () => {
    const score = (t: string) => detectPII(t).find((f) => f.entity === 'EMAIL_ADDRESS')?.score;
    expect(score('jane [at] example [dot] com')).toBeCloseTo(0.9);
    expect(score('jane@example dot com')).toBeCloseTo(0.9);
    expect(score('jane @ example.com')).toBeCloseTo(0.85);
    expect(score('John at acme dot com')).toBeCloseTo(0.85);
    expect(score('e-mail: jane @ example.com')).toBeCloseTo(0.95);
    // Above a name cue's PERSON: "name dot" is no person.
    expect(emails('jdoe42 AT name dot com')).toEqual(['jdoe42 AT name dot com']);
  });

  // Generated addresses: words of 4-8 letters (not in the filler), every sign and dot form.
  const word = fc.stringMatching(/^[a-z]{4,8}$/);
  const signs = [' [at] ', '[at]', ' (at) ', '(at)', '{at}', ' <at> ', ' [@] ', ' @ ', ' AT '];
  const dots = ['.', ' dot ', ' [dot] ', '[dot]', '(dot)', ' DOT ', '[.]'];
  const tlds = ['com', 'org', 'net', 'io', 'de', 'co'];
  const address = fc
    .record({
      local: fc.array(word, { minLength: 1, maxLength: 3 }),
      localJoin: fc.constantFrom('.', '_', ' dot '),
      sign: fc.constantFrom(...signs),
      labels: fc.array(word, { minLength: 1, maxLength: 3 }),
      dot: fc.constantFrom(...dots),
      tld: fc.constantFrom(...tlds),
      digit: fc.boolean(),
    })
    .map(({ local, localJoin, sign, labels, dot, tld, digit }) => {
      // The word "at" needs a spelled dot ("dot") and a local part no word is written like.
      const wordAt = sign === ' AT ';
      const d = wordAt && !dot.includes('dot') && !dot.includes('DOT') ? ' dot ' : dot;
      const l = `${local.join(localJoin)}${digit || wordAt ? '42' : ''}`;
      return `${l}${sign}${[...labels, tld].join(d)}`;
    });

  test('generated addresses are found whole, and redacted whole', () => {
    fc.assert(
      fc.property(address, fc.constantFrom('Contact ', 'reach me: ', '(', 'x\n', ''), (a, before) => {
        const text = `${before}${a} today.`;
        const found = detectPII(text).filter((f) => f.entity === 'EMAIL_ADDRESS');
        expect(found.map((f) => text.slice(f.start, f.end))).toEqual([a]);
        const masked = redactPII(text, { mode: 'mask' }).text;
        expect(masked.length).toBe(text.length);
        expect(masked.slice(0, before.length)).toBe(before);
        expect(masked.slice(before.length + a.length)).toBe(' today.');
        expect(masked.slice(before.length, before.length + a.length)).not.toMatch(/[a-z]{4}/i);
      }),
      { numRuns: 400 },
    );
  });

  test('streams mask them as the whole text', () => {
    const pieces = ['jane [at] example [dot] com', 'jane dot doe at gmail dot com', 'udhay @ pobox.com', 'j@x[dot]org'];
    expectStreamsAsWhole(pieces, (piece, before) => `${filler(before)} mail ${piece} now`);
  });

  // Texts of the signs, dots and words the scan reads: in any order, or in an address's order.
  const piece = (...p: string[]) => fc.constantFrom(...p);
  const signs2 = piece(' at ', ' AT ', ' At ', '[at]', '(AT)', ' @ ', '@', '[@]', ' [ at ] ', '@ ', ' @');
  const dots2 = piece(' dot ', ' DOT ', ' Dot ', '[dot]', '(DoT)', '[.]', '.', ' [.] ', '. ', ' (dot) ');
  const words2 = piece(
    'jane',
    'j.doe',
    'x1',
    'gmail',
    'acme',
    'com',
    'org',
    'uk',
    'the',
    'worked',
    'email',
    'smith',
    '-a',
  );
  const junk = piece(' ', ')', '<', '-', "'", '\n', 'é', '_', '');
  const anyOrder = fc.array(fc.oneof(signs2, dots2, words2, junk), { maxLength: 30 }).map((a) => a.join(''));
  const inOrder = fc
    .tuple(
      junk,
      words2,
      fc.option(fc.tuple(dots2, words2)),
      signs2,
      words2,
      fc.array(fc.tuple(dots2, words2), { maxLength: 3 }),
      junk,
    )
    .map(([a, l, l2, s, d, rest, z]) => [a, l, ...(l2 ?? []), s, d, ...rest.flat(), z].join(''));
  const signText = fc.oneof(anyOrder, inOrder);

  test('the gate holds wherever the scan finds an address (the gate changes no result)', () => {
    let found = 0;
    fc.assert(
      fc.property(signText, (text) => {
        const out: PiiCandidate[] = [];
        spelledEmails(text, (c) => out.push(c));
        if (out.length > 0) {
          found++;
          expect(maySpellEmail(text, factsOf(text))).toBe(true);
        }
        for (const c of out) {
          expect(c.start).toBeGreaterThanOrEqual(0);
          expect(c.end).toBeLessThanOrEqual(text.length);
          expect(c.start).toBeLessThan(c.end);
        }
      }),
      { numRuns: 3000 },
    );
    // Not vacuous: the generator writes addresses.
    expect(found).toBeGreaterThan(300);
  });

  test('arbitrary text: spans inside the text, no throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 }), signText),
        (text) => {
          emailRecognizer.scan(text, (c) => {
            expect(c.start >= 0 && c.end <= text.length && c.start < c.end).toBe(true);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
