/**
 * Sites named head first (stop 52, a spot check of chat requests), names-sites.ts: a word for the kind of
 * site, a particle and a name ("Gare du Nord", "Puerta del Sol") is one LOCATION. Before, "Gare du Nord"
 * was a PERSON (score 1 after "meet": "Gare" is in the given-name list, "du" a name particle) and "Sol" of
 * "Puerta del Sol" a PERSON; English heads too ("Mount Fuji", "Gulf of Mexico"); people named with particles stay people. A saint's name in the possessive
 * names a site or a day: "St. Mary's Hospital" was PERSON "Mary", "St. Patrick's Day" PERSON "Patrick".
 * A word for a part of a place is part of it: "Latin America", "Western Europe".
 */
import { detectPII } from '@modelsec/validators';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { asHeadedSite, asSaintSite, HEAD_BEFORE } from '../../src/text/pii/names-sites';
import type { PiiCandidate } from '../../src/text/pii/types';

const found = (text: string) => detectPII(text).map((f) => `${f.entity}:${text.slice(f.start, f.end)}`);

describe('sites named head first', () => {
  test.each([
    ['I will meet Pierre at the Gare du Nord tomorrow.', ['PERSON:Pierre', 'LOCATION:Gare du Nord']],
    ['I met him at Gare de Lyon.', ['LOCATION:Gare de Lyon']],
    ['a walk along the Rue de Rivoli', ['LOCATION:Rue de Rivoli']],
    ['We visited the Puerta del Sol', ['LOCATION:Puerta del Sol']],
    ['the Palacio de Cristal in Madrid', ['LOCATION:Palacio de Cristal', 'LOCATION:Madrid']],
    // English natural sites, head first: "Fuji" was LOCATION alone, "Athos" (Mount Athos, a ham mail) PERSON.
    ['Write a haiku about Mount Fuji', ['LOCATION:Mount Fuji']],
    ['Lake Michigan is cold', ['LOCATION:Lake Michigan']],
    ['oil in the Gulf of Mexico', ['LOCATION:Gulf of Mexico']],
    ['Blake Lake Smith called', ['PERSON:Blake Lake Smith']],
    // A word for a part of a place before it (ham mails: "Latin America", "Southern California", "Lower
    // Manhattan" were the place alone, "Central Europe" was "Central" and "Europe").
    ['trade with Latin America', ['LOCATION:Latin America']],
    ['Western Europe and South Asia', ['LOCATION:Western Europe', 'LOCATION:South Asia']],
    ['in Greater London today', ['LOCATION:Greater London']],
    ['Sub-Saharan Africa', ['LOCATION:Sub-Saharan Africa']],
    ['The Africa trip', ['LOCATION:Africa']],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  test.each([
    ['Jean de la Fontaine wrote fables', ['PERSON:Jean de la Fontaine']],
    ['Leonardo da Vinci painted it', ['PERSON:Leonardo da Vinci']],
    ['Maria de la Cruz called', ['PERSON:Maria de la Cruz']],
    // A head word that is not capitalized, or no particle: not read.
    ['the gare du Nord', []],
  ])('people and other words stay as they were: %s', (text, expected) => {
    expect(found(text).filter((f) => !f.startsWith('LOCATION:') || expected.includes(f))).toEqual(expected);
  });

  test.each([
    ["She works at St. Mary's Hospital in Leeds.", ["LOCATION:St. Mary's Hospital", 'LOCATION:Leeds']],
    ["Saint Michael's Church", ["LOCATION:Saint Michael's Church"]],
    ["St. James's Park", ["LOCATION:St. James's Park"]],
    ["I went to St. Mary's.", ["LOCATION:St. Mary's"]],
    ["on St. Patrick's Day we", []],
    // A publisher's or a school's word after the possessive: an organization (stop 53).
    ["published by St. Martin's Press in 2001", ["ORGANIZATION:St. Martin's Press"]],
    ["She studied at St. John's College, Oxford", ["ORGANIZATION:St. John's College", 'LOCATION:Oxford']],
    // Across a line break and an indent (a ham mail), for those words only.
    ["issued by St. Martin's\n    Press in 1988", ["ORGANIZATION:St. Martin's\n    Press"]],
    ["issued by St. Martin's \r\n    Press in 1988", ["ORGANIZATION:St. Martin's \r\n    Press"]],
    ["at St. Mary's\nHospital today", ["LOCATION:St. Mary's"]],
    ["at St. Mary's  Hospital today", ["LOCATION:St. Mary's"]],
    // A listed town with its possessive stays the town before another word.
    ["I flew to St. John's Tuesday", ["LOCATION:St. John's", 'DATE_TIME:Tuesday']],
    // Not a saint's: a possessive alone, "St." inside a name, a saint's name without the possessive.
    ["Ask Mary's mother", ['PERSON:Mary']],
    ['Matthew St. John called', ['PERSON:Matthew St. John']],
    ['I live in St. Louis.', ['LOCATION:St. Louis']],
  ])('saints: %s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  const person = (start: number, end: number): PiiCandidate => ({
    entity: 'PERSON',
    start,
    end,
    score: 0.6,
    recognizer: 'names',
  });

  test('the site starts at the head word, before one or two particles', () => {
    expect(asHeadedSite('at the Puerta del Sol', person(18, 21))).toMatchObject({
      entity: 'LOCATION',
      start: 7,
      end: 21,
    });
    expect(asHeadedSite('see Place de la Concorde', person(16, 24))).toMatchObject({ start: 4, end: 24 });
    expect(asHeadedSite('see Gare du Nord', person(4, 16))).toMatchObject({ start: 4, end: 16 });
    // Three particles, a head inside a word, a word that is no head: none.
    expect(asHeadedSite('Rue de la du Nord', person(13, 17))).toBeUndefined();
    expect(asHeadedSite('xRue de Nord', person(8, 12))).toBeUndefined();
    expect(asHeadedSite('Paris de Nord', person(9, 13))).toBeUndefined();
  });

  test('a saint site starts at "St." or "Saint" and ends after the possessive or the word after it', () => {
    expect(asSaintSite("at St. Mary's Hospital", person(7, 11))).toMatchObject({
      entity: 'LOCATION',
      start: 3,
      end: 22,
    });
    expect(asSaintSite("at St Mary's, then", person(6, 10))).toMatchObject({ start: 3, end: 12 });
    expect(asSaintSite("St. Agnes' Eve", person(4, 9))).toBeUndefined(); // no "'s"
    expect(asSaintSite("St. Patrick's Day", person(4, 11))).toBeNull();
    expect(asSaintSite("First Mary's", person(6, 10))).toBeUndefined();
    expect(asSaintSite("XSt. Mary's", person(5, 9))).toBeUndefined();
  });

  test('arbitrary text and spans: a LOCATION inside the text that ends with the candidate, or none', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.nat(), fc.nat(), (text, a, b) => {
        const start = text.length === 0 ? 0 : a % text.length;
        const end = Math.min(text.length, start + 1 + (b % 20));
        const r = asHeadedSite(text, person(start, end));
        const saint = asSaintSite(text, person(start, end));
        if (saint) {
          expect(saint.start).toBeGreaterThanOrEqual(0);
          expect(saint.start).toBeLessThanOrEqual(start);
          expect(saint.end).toBeGreaterThan(end);
          expect(saint.end).toBeLessThanOrEqual(text.length);
        }
        if (r === undefined) return;
        expect(r.entity).toBe('LOCATION');
        expect(r.end).toBe(end);
        expect(r.start).toBeGreaterThanOrEqual(0);
        expect(r.start).toBeLessThanOrEqual(start);
      }),
      { numRuns: 2000 },
    );
  });

  test('the pattern before a candidate is read over at most 30 units (a megabyte of heads and particles)', () => {
    const text = 'Gare du Nord, Puerta del Sol, '.repeat(35_000);
    const names = detectPII(text).filter((f) => f.entity === 'LOCATION');
    expect(names.length).toBeGreaterThan(0);
    expect(HEAD_BEFORE.flags).not.toContain('g');
  });
});
