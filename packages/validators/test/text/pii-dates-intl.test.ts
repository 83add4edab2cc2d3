/**
 * Dates with a month named in French, Spanish, Italian, Portuguese, German or Dutch (stop 53,
 * src/text/pii/dates-intl.ts): spot checks of messages in those languages and the ham mails' German,
 * Dutch, French and Spanish dates ("03. Juli 2002" was PERSON "Juli").
 */
import { detectPII } from '@modelsec/validators';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { forEachIntlDate, GERMAN_MONTHS, INTL_MONTHS } from '../../src/text/pii/dates-intl';
import { factsOf } from '../../src/text/shared/facts';

const found = (text: string) => detectPII(text).map((f) => `${f.entity}:${text.slice(f.start, f.end)}`);
const dates = (text: string) => {
  const out: string[] = [];
  forEachIntlDate(text, factsOf(text), (start, end) => out.push(text.slice(start, end)));
  return out;
};

describe('dates with months of other languages', () => {
  test.each([
    ['Geboren am 3. Mai 1985 in Köln.', ['DATE_TIME:3. Mai 1985', 'LOCATION:Köln']],
    ['le 14 juillet 2023', ['DATE_TIME:14 juillet 2023']],
    ['el 5 de mayo de 2020', ['DATE_TIME:5 de mayo de 2020']],
    ['nascido em 1º de janeiro de 1990', ['DATE_TIME:1º de janeiro de 1990']],
    ['il 12 marzo 2021', ['DATE_TIME:12 marzo 2021']],
    ['op 5 mei 2020', ['DATE_TIME:5 mei 2020']],
    ['le 1er janvier', ['DATE_TIME:1er janvier']],
    ['en juillet 2023', ['DATE_TIME:juillet 2023']],
    ['mayo de 2020', ['DATE_TIME:mayo de 2020']],
    ['im März 1985', ['DATE_TIME:März 1985']],
    // From the ham mails: the month was a PERSON ("Juli" is a given name), the comma before the year.
    ['Bis Mittwoch, 03. Juli 2002 zwischen', ['DATE_TIME:03. Juli 2002']],
    ['HEUTE, 03. Juli, ist', ['DATE_TIME:03. Juli']],
    ['El Viernes, 30 agosto, 2002, a las', ['DATE_TIME:30 agosto, 2002']],
    // Not a street named before its number either (the address recognizer's dates, since stop 53).
    ['Sent:\tdonderdag 25 juli 2002', ['DATE_TIME:25 juli 2002']],
    // A capitalized month after "de" (a day of it) or before "de" and a year (stop 55: "Julio" was a PERSON).
    ['el 3 de Julio', ['DATE_TIME:3 de Julio']],
    ['Nos vemos el 15 de Agosto en la playa.', ['DATE_TIME:15 de Agosto']],
    ['Julio de 2020', ['DATE_TIME:Julio de 2020']],
    ['desde Marzo del 2019', ['DATE_TIME:Marzo del 2019']],
    // A name with "de" is still a name ("de" and a family name, or a day of no month).
    ['Julio de la Cruz', ['PERSON:Julio de la Cruz']],
    ['Marco de Luca', ['PERSON:Marco de Luca']],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  test.each([
    // A capitalized month is a name or a thing unless a day and a year hold it, "de" ties it to a day or a
    // year, or it is German after a day's period.
    ['Mars 2020 rover', []],
    ['Mai Nguyen called', ['Mai Nguyen']],
    ['Julio 2020', ['Julio']],
    ['3 Mai', ['Mai']],
    // No day 0 or above 31; no date inside a longer number or after a decimal point.
    ['0 mai', []],
    ['32 mai', []],
    ['v1.3 mai', []],
    ['123 mai', []],
    ['3 maio2020', []],
  ])('none: %s', (text, people) => {
    expect(dates(text)).toEqual([]);
    expect(
      detectPII(text)
        .filter((f) => f.entity === 'PERSON')
        .map((f) => text.slice(f.start, f.end)),
    ).toEqual(people);
  });

  test("the months that are no names are no names after a cue either (Portuguese 'novembro' was missing)", () => {
    expect(found('Hi Novembro,')).toEqual([]);
    expect(found('Hi Oktober,')).toEqual([]);
  });

  test('the lists: lower-case, no English month, the German ones a subset', () => {
    for (const m of INTL_MONTHS) expect(m).toBe(m.toLowerCase());
    for (const m of ['april', 'august', 'september', 'november', 'december', 'may', 'june', 'july'])
      expect(INTL_MONTHS.has(m)).toBe(false);
    for (const m of GERMAN_MONTHS) expect(INTL_MONTHS.has(m)).toBe(true);
  });

  test('arbitrary text: spans inside it, starting at a day or a month, ending at a month or a year', () => {
    const piece = fc.oneof(
      fc.constantFrom('3', '31', '1985', '2020', '. ', ' ', 'er ', 'º ', ', ', 'de ', ' de ', ' del '),
      fc.constantFrom('mai', 'Mai', 'juli', 'Juli', 'mayo', 'março', 'MÄRZ', 'Dezember', 'août', 'x', '\n'),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (parts) => {
        const text = parts.join('');
        const out: { start: number; end: number }[] = [];
        forEachIntlDate(text, factsOf(text), (start, end) => out.push({ start, end }));
        let last = 0;
        for (const c of out) {
          expect(0 <= c.start && c.start < c.end && c.end <= text.length).toBe(true);
          expect(c.start).toBeGreaterThanOrEqual(last);
          last = c.end;
          const span = text.slice(c.start, c.end);
          expect(/^(?:\d{1,2}|\p{L})/u.test(span)).toBe(true);
          expect(/(?:\p{L}|\d{4})$/u.test(span)).toBe(true);
          const words = span.toLowerCase().match(/\p{L}+/gu) ?? [];
          expect(words.some((w) => INTL_MONTHS.has(w))).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('a megabyte of date-like text is read in linear time', () => {
    for (const text of [
      '3 mai '.repeat(175_000),
      '1 de mayo de '.repeat(80_000),
      '3. Mai 1985 '.repeat(85_000),
      'juillet 2023 '.repeat(80_000),
      '12 '.repeat(350_000),
    ]) {
      let out = 0;
      forEachIntlDate(text, factsOf(text), () => out++);
      expect(out).toBeLessThanOrEqual(text.length / 4);
      expect(Array.isArray(detectPII(text))).toBe(true);
    }
  });
});
