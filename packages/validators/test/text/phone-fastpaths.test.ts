/**
 * The phone validation shortcut (`phone-valid.ts`) answers exactly like libphonenumber-js's
 * `parsePhoneNumberFromString(text, region)?.isValid()` whenever it answers, for phone-shaped texts
 * drawn from the library's own metadata (national and type patterns per country), random digits,
 * trunk/national prefixes, calling codes with and without "+", IDD prefixes and separators; and the
 * recognizer's validation with every shortcut equals its validation by the library alone.
 */
import fc from 'fast-check';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { describe, expect, test } from 'vitest';
import { isValidPhone, listOfShortGroups } from '../../src/text/pii/phone';
import { internationalValid, nationalValid } from '../../src/text/pii/phone-valid';
import {
  DEFAULT_REGIONS,
  internationalTextArb,
  nationalTextArb,
  phoneScan,
  phoneTextArb,
  referencePhoneScan,
  regionArb,
} from './phone-arbitraries';

function library(s: string, region?: CountryCode): boolean {
  try {
    return parsePhoneNumberFromString(s, region)?.isValid() === true;
  } catch {
    return false;
  }
}

const digits = (s: string) => s.replace(/\D/g, '');

describe('phone validation shortcut', () => {
  test('national numbers: the shortcut answers like the library', () => {
    let answered = 0;
    let valid = 0;
    fc.assert(
      fc.property(nationalTextArb, regionArb, (s, region) => {
        const fast = nationalValid(digits(s), region);
        if (fast === undefined) return;
        answered++;
        if (fast) valid++;
        expect(fast).toBe(library(s, region));
      }),
      { numRuns: 4000 },
    );
    expect(answered).toBeGreaterThan(2800); // the shortcut answers most numbers: the property is not vacuous
    expect(valid).toBeGreaterThan(500);
  });

  test('national numbers for the default regions', () => {
    fc.assert(
      fc.property(nationalTextArb, (s) => {
        for (const region of DEFAULT_REGIONS) {
          const fast = nationalValid(digits(s), region);
          if (fast !== undefined) expect(fast).toBe(library(s, region));
        }
      }),
      { numRuns: 1500 },
    );
  });

  test('international numbers: the shortcut answers like the library', () => {
    let answered = 0;
    let valid = 0;
    fc.assert(
      fc.property(internationalTextArb, (s) => {
        const fast = internationalValid(digits(s));
        if (fast === undefined) return;
        answered++;
        if (fast) valid++;
        expect(fast).toBe(library(s));
      }),
      { numRuns: 4000 },
    );
    expect(answered).toBeGreaterThan(3000);
    expect(valid).toBeGreaterThan(800);
  });

  test("the recognizer's validation with the shortcuts equals the library's", () => {
    fc.assert(
      fc.property(fc.oneof(nationalTextArb, internationalTextArb), (s) => {
        const plus = s.startsWith('+');
        expect(isValidPhone(s, plus, DEFAULT_REGIONS)).toBe(isValidPhone(s, plus, DEFAULT_REGIONS, true));
      }),
      { numRuns: 2000 },
    );
  });

  test('known answers', () => {
    expect(internationalValid('14165550199')).toBe(true); // +1 is shared: Canada by its area code
    expect(internationalValid('12684641234')).toBe(true); // Antigua by its leading digits
    expect(internationalValid('447624369230')).toBe(true); // Isle of Man under +44
    expect(internationalValid('4412345')).toBe(false);
    expect(internationalValid('0441234567')).toBe(false); // no calling code starts with 0
    expect(internationalValid('4402079460000')).toBe(true); // "+44 (0) 20...": the trunk 0 is taken off
    expect(nationalValid('442079460000', 'GB')).toBe(true); // the calling code without "+"
    expect(nationalValid('14165550100', 'US')).toBe(true); // NANP prefix 1, then Canada
    expect(nationalValid('07624369230', 'GB')).toBe(true);
    expect(nationalValid('415555012', 'US')).toBe(false);
    // Found by a mutation search (each input tells a rule from a plausible simplification of it):
    expect(nationalValid('117215312637', 'MS')).toBe(true); // too long with "1": the calling code is taken off
    expect(nationalValid('0800672540', 'JE')).toBe(true); // the prefix length check uses the selected country's lengths
    expect(internationalValid('113102182')).toBe(true);
    // Subtle cases are left to the library.
    expect(nationalValid('00442079460000', 'GB')).toBeUndefined(); // IDD prefix
    expect(nationalValid('01115123456789', 'AR')).toBeUndefined(); // national prefix transform rule
    expect(nationalValid('2079460000', 'XX' as CountryCode)).toBeUndefined(); // unknown region
    expect(nationalValid('20', 'GB')).toBeUndefined(); // too few digits to be sure the text is a number
  });
});

describe('phone recognizer scan', () => {
  test('gives the candidates of the reference scan (regex anchors, split, library validation)', () => {
    let candidates = 0;
    fc.assert(
      fc.property(phoneTextArb, (text) => {
        const want = referencePhoneScan(text);
        candidates += want.length;
        expect(phoneScan(text)).toEqual(want);
      }),
      { numRuns: 2500 },
    );
    expect(candidates).toBeGreaterThan(1500);
  });

  test('an extension after a short run keeps its digits out of the next match', () => {
    for (const text of [
      '12345 Ext 123456 7890',
      '123Ext. 123456 7890',
      '12 E12 3456 7890',
      '123456789 x 12 3456 7890',
    ]) {
      expect(phoneScan(text)).toEqual(referencePhoneScan(text));
    }
    expect(phoneScan('12345 Ext 123456 7890')).toEqual([]);
  });

  test('the group count and the extension pre-check equal split/filter and the regex', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+?[\d .()-]{0,30}$/), (main) => {
        const groups = main.split(/[ .()-]+/).filter(Boolean);
        expect(listOfShortGroups(main)).toBe(groups.length > 5 && groups.every((g) => g.length <= 2));
      }),
      { numRuns: 3000 },
    );
  });
});
