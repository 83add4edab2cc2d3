import { isModelSecError } from '@modelsec/core';
import {
  BUILTIN_RECOGNIZERS,
  createGazetteer,
  createPiiStreamRedactor,
  detectPII,
  detectPIIAsync,
  holdbackFor,
  namesRecognizer,
  PII_ENTITIES,
  type PiiFinding,
  type PiiRecognizer,
  redactPII,
} from '@modelsec/validators';
import { NOT_STRINGS, readSharedJSON } from '@modelsec-test/utils';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { builtinMask, scanBuiltins } from '../../src/text/pii/recognizers';
import type { PiiCandidate } from '../../src/text/pii/types';
import { withFacts } from '../../src/text/shared/facts';

const found = (text: string, options = {}) =>
  detectPII(text, options).map((f) => [f.entity, text.slice(f.start, f.end)] as const);

describe('detectPII: pattern entities', () => {
  test.each([
    ['Mail me at jane.doe+llm@mail.example.co.uk today', 'EMAIL_ADDRESS', 'jane.doe+llm@mail.example.co.uk'],
    // An apostrophe in the local part (RFC 5322), not as its first unit (stop 50; "brien@…" before).
    ["cc mike.o'brien@gmail.com please", 'EMAIL_ADDRESS', "mike.o'brien@gmail.com"],
    ["write to 'jane@example.org' now", 'EMAIL_ADDRESS', 'jane@example.org'],
    ['cc 4111 1111 1111 1111 on file', 'CREDIT_CARD', '4111 1111 1111 1111'],
    ['amex 3782-822463-10005.', 'CREDIT_CARD', '3782-822463-10005'],
    ['IBAN: GB82 WEST 1234 5698 7654 32 thanks', 'IBAN_CODE', 'GB82 WEST 1234 5698 7654 32'],
    ['my ssn is 078-05-1121', 'US_SSN', '078-05-1121'],
    ['server 192.168.10.254 is down', 'IP_ADDRESS', '192.168.10.254'],
    ['v6 2001:db8:85a3::8a2e:370:7334 ok', 'IP_ADDRESS', '2001:db8:85a3::8a2e:370:7334'],
    ['device 00:1A:2B:3C:4D:5E joined', 'MAC_ADDRESS', '00:1A:2B:3C:4D:5E'],
    ['send to bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4 now', 'CRYPTO', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'],
    ['eth 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 'CRYPTO', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'],
    ['see https://example.com/a?b=c).', 'URL', 'https://example.com/a?b=c'],
    ['born on 12/31/1999 in', 'DATE_TIME', '12/31/1999'],
    ['at 2024-02-29T13:45:00Z', 'DATE_TIME', '2024-02-29T13:45:00Z'],
    ['call me at +1 415-555-0132', 'PHONE_NUMBER', '+1 415-555-0132'],
    ['Phone: (212) 555-0199 x204', 'PHONE_NUMBER', '(212) 555-0199 x204'],
    // After a label's colon, a number starting with "+" or "(" (2026-11-30; none was found before).
    ['<a href="tel:+14155550132">call</a>', 'PHONE_NUMBER', '+14155550132'],
    ['Michael Conry   Ph.:+353-1-7161987, Web:', 'PHONE_NUMBER', '+353-1-7161987'],
    ['Phone:(415) 555-0132', 'PHONE_NUMBER', '(415) 555-0132'],
    ['my NHS number is 943 476 5919', 'UK_NHS', '943 476 5919'],
    ['bank account number 12345678901', 'US_BANK_NUMBER', '12345678901'],
    ['passport no. A12345678', 'US_PASSPORT', 'A12345678'],
    ["my driver's license is D1234567", 'US_DRIVER_LICENSE', 'D1234567'],
  ])('%s', (text, entity, value) => {
    expect(found(text)).toContainEqual([entity, value]);
  });

  test('checksums reject look-alikes', () => {
    expect(found('4111 1111 1111 1112')).not.toContainEqual(['CREDIT_CARD', '4111 1111 1111 1112']);
    expect(found('GB82 WEST 1234 5698 7654 33').map((f) => f[0])).not.toContain('IBAN_CODE');
    expect(found('ssn 000-12-3456 or 666-12-3456 or 123-45-6789').map((f) => f[0])).not.toContain('US_SSN');
    // Area numbers 900-999 are never issued as SSNs (ITINs live there).
    expect(found('ssn 912-70-3456 or 999 12 3456 or 900123456').map((f) => f[0])).not.toContain('US_SSN');
    expect(found('ssn 899-12-3456').map((f) => f[0])).toContain('US_SSN');
    expect(found('version 1.2.3.4.5 and 999.1.1.1').map((f) => f[0])).not.toContain('IP_ADDRESS');
    expect(found('date 13/45/2020').map((f) => f[0])).not.toContain('DATE_TIME');
    // A colon before a digit is still a time: no phone starts there.
    expect(found('at 10:30 555 0132 people').map((f) => f[0])).not.toContain('PHONE_NUMBER');
    // Five digits, "-", three digits is a Brazilian postcode (CEP), no phone (stop 52: it was PHONE_NUMBER 0.55).
    expect(found('São Paulo - SP, 01304-001, Brasil').map((f) => f[0])).not.toContain('PHONE_NUMBER');
    expect(found('call 0130-4001 now').map((f) => f[0])).toContain('PHONE_NUMBER');
    expect(found('send to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3').map((f) => f[0])).not.toContain('CRYPTO');
  });

  test('context words raise scores; bare numbers need them', () => {
    const bare = detectPII('reference 219456789', { threshold: 0 }).find((f) => f.entity === 'US_SSN');
    const ctx = detectPII('SSN 123456780', { threshold: 0 }).find((f) => f.entity === 'US_SSN');
    expect(bare?.score).toBeLessThan(0.5);
    expect(ctx?.score).toBeGreaterThanOrEqual(0.5);
    expect(found('order 12345678901 shipped').map((f) => f[0])).not.toContain('US_BANK_NUMBER');
  });

  test('phone context words of other languages raise national numbers of countries outside the regions (stop 53)', () => {
    // Spain, Italy and Brazil are not among the default regions: the shape score alone is under 0.5.
    for (const [bare, cued, number] of [
      ['ref 612 345 678.', 'Mi teléfono es 612 345 678.', '612 345 678'],
      ['ref 347 123 4567.', 'Cellulare 347 123 4567.', '347 123 4567'],
      ['ref (11) 93456-7890.', 'Celular (11) 93456-7890.', '(11) 93456-7890'],
    ] as const) {
      expect(found(bare)).not.toContainEqual(['PHONE_NUMBER', number]);
      expect(found(cued)).toContainEqual(['PHONE_NUMBER', number]);
    }
    // Their words for "number" are no phone context, as "number" is none in English.
    expect(found('número de cuenta 1234 5678 9012').map((f) => f[0])).not.toContain('PHONE_NUMBER');
  });

  test('a phone number right after Han, kana or Hangul, and their phone words (stop 53)', () => {
    // Written without spaces, a number follows a word right away: it was never a phone's start.
    expect(found('我叫王伟，电话13812345678，住在北京市朝阳区。')).toContainEqual(['PHONE_NUMBER', '13812345678']);
    expect(found('手机号码：13812345678')).toContainEqual(['PHONE_NUMBER', '13812345678']);
    expect(found('電話番号：090-1234-5678です。')).toContainEqual(['PHONE_NUMBER', '090-1234-5678']);
    expect(found('전화번호: 010-1234-5678')).toContainEqual(['PHONE_NUMBER', '010-1234-5678']);
    // An order number is none (no separator, no phone word), nor a number after a Latin letter.
    expect(found('订单号20231234567890已发货').map((f) => f[0])).not.toContain('PHONE_NUMBER');
    expect(found('call a13812345678').map((f) => f[0])).not.toContain('PHONE_NUMBER');
  });

  test('an e-mail address written on to Han or kana leaves the word out (stop 53)', () => {
    // The local part and the top-level domain took the word next to them ("邮箱" is "mailbox", "です" "is").
    expect(found('邮箱zhang.wei@example.com，谢谢')).toEqual([['EMAIL_ADDRESS', 'zhang.wei@example.com']]);
    expect(found('メールはtaro@example.jpです')).toEqual([['EMAIL_ADDRESS', 'taro@example.jp']]);
    // Addresses in those scripts, and other letters, stay whole; a period first keeps the word, as before.
    expect(found('张伟@例子.中国')).toEqual([['EMAIL_ADDRESS', '张伟@例子.中国']]);
    expect(found('write to jürgen@beispiel.de')).toEqual([['EMAIL_ADDRESS', 'jürgen@beispiel.de']]);
    expect(found('邮箱.zhang@example.com')).toEqual([['EMAIL_ADDRESS', '邮箱.zhang@example.com']]);
  });
});

describe('detectPII: names, places, addresses', () => {
  test('given name + family name, places, street address', () => {
    const text = 'Dear Maria Garcia, your parcel for 221B Baker Street, London will arrive in Paris on Monday.';
    const f = found(text);
    expect(f).toContainEqual(['PERSON', 'Maria Garcia']);
    expect(f).toContainEqual(['LOCATION', 'Paris']);
    expect(f.find((x) => x[0] === 'ADDRESS')?.[1]).toMatch(/^221B Baker Street/);
  });
  test('cues: "my name is", honorifics, possessives', () => {
    expect(found('Hi, my name is Zorblat.')).toContainEqual(['PERSON', 'Zorblat']);
    expect(found("That is John Smith's car")).toContainEqual(['PERSON', 'John Smith']);
    expect(found('She grew up in Kalatsova.')).toContainEqual(['LOCATION', 'Kalatsova']);
  });
  test('name spans: greetings, sentence ends, initials and suffixes', () => {
    const only = (text: string) => found(text).filter((x) => x[0] === 'PERSON');
    // "Hi" is a given name in some list, never in a greeting.
    expect(only('Hi Romilda, I am writing about the order')).toEqual([['PERSON', 'Romilda']]);
    // A period ends the name: the next sentence's first word is not a family name.
    expect(only('We met Ann. She was late.')).toEqual([['PERSON', 'Ann']]);
    expect(only('Hello, this is Mr. David Hrůza. Who are you?')).toEqual([['PERSON', 'David Hrůza']]);
    // ... unless it ends an initial; a name does not end on one.
    expect(only('Then John F. Kennedy spoke.')).toEqual([['PERSON', 'John F. Kennedy']]);
    expect(only('I met John F. and left')).toEqual([['PERSON', 'John']]);
    // Generational and professional suffixes belong to the name, with an abbreviation's period.
    expect(only('directed by Keith Bult Jr. and starring')).toEqual([['PERSON', 'Keith Bult Jr.']]);
    expect(only('please correct it to Mr. Joshua Okamoto MD?')).toEqual([['PERSON', 'Joshua Okamoto MD']]);
    expect(only('under the name Matthew Gavrilov II')).toEqual([['PERSON', 'Matthew Gavrilov II']]);
    expect(only('Ask Maria Garcia. Jr. staff will help.')).toEqual([['PERSON', 'Maria Garcia']]);
    expect(only("That is Maria Garcia's MD office")).toEqual([['PERSON', 'Maria Garcia']]);
    // A family name that is also a town, after a given name that is no place.
    expect(only('I want to add Christopher Hobbs as a beneficiary')).toEqual([['PERSON', 'Christopher Hobbs']]);
    expect(found('Visit Port Louis soon.')).toEqual([['LOCATION', 'Port Louis']]);
  });
  test('places written with St., Ste., Mt. or Ft., or spelled out', () => {
    expect(found('Visit St. Louis soon.')).toEqual([['LOCATION', 'St. Louis']]);
    expect(found('Meet me in Saint Louis.')).toEqual([['LOCATION', 'Saint Louis']]);
    expect(found('She lives in St. Petersburg now.')).toContainEqual(['LOCATION', 'St. Petersburg']);
    expect(found('He moved to Sault Ste. Marie last year.')).toContainEqual(['LOCATION', 'Sault Ste. Marie']);
  });
  test('place cues: a name that is also a place is the place after one; lower-case places after one', () => {
    expect(found("I'm originally from Israel")).toEqual([['LOCATION', 'Israel']]);
    expect(found('We moved here from Arona')).toEqual([['LOCATION', 'Arona']]);
    expect(found('A letter from Israel Adesanya')).toContainEqual(['PERSON', 'Israel Adesanya']);
    // Text written without capitals: a known place right after a place cue, not elsewhere.
    expect(found('a man who grew up in grasse and moved to burkina faso')).toEqual([
      ['LOCATION', 'grasse'],
      ['LOCATION', 'burkina faso'],
    ]);
    expect(found('i really love florence and its people')).toEqual([]);
    // Travel cues (2026-11-30; none of these was found before). Motion verbs in general ("went to",
    // "drove to", "heading to") are no cue: on the ham mail they named "Google", "MIPS" and "Best Buy".
    expect(found('flying to paris tomorrow')).toEqual([['LOCATION', 'paris']]);
    expect(found('we stayed in kyoto for a week')).toEqual([['LOCATION', 'kyoto']]);
    expect(found('that long summer vacation in Tahiti?')).toEqual([['LOCATION', 'Tahiti']]);
    expect(found('I went to Google for an interview')).toEqual([]);
  });
  test('two known places with a comma between are both places, unless both are names', () => {
    expect(found('I live in St. Petersburg, Florida.')).toEqual([
      ['LOCATION', 'St. Petersburg'],
      ['LOCATION', 'Florida'],
    ]);
    expect(found('We visited Victoria, Australia.')).toEqual([
      ['LOCATION', 'Victoria'],
      ['LOCATION', 'Australia'],
    ]);
    expect(found('They had 3: Elizabeth, Anna, Robert.').map((f) => f[0])).toEqual(['PERSON', 'PERSON', 'PERSON']);
  });
  test('a name that is also a place, listed after a place, is a place (stop 50; a PERSON before)', () => {
    expect(found('Will it rain in Georgia or Virginia this weekend?')).toEqual([
      ['LOCATION', 'Georgia'],
      ['LOCATION', 'Virginia'],
    ]);
    expect(found('He moved from Florence to Georgia.')).toEqual([
      ['LOCATION', 'Florence'],
      ['LOCATION', 'Georgia'],
    ]);
    expect(found('I grew up in Georgia, Virginia and Florida.').map((f) => f[0])).toEqual([
      'LOCATION',
      'LOCATION',
      'LOCATION',
    ]);
    // Not after a name, not before a verb only people do, not before a capitalized word, not "to" without "from".
    expect(found('I met Sarah and Georgia yesterday.')).toEqual([
      ['PERSON', 'Sarah'],
      ['PERSON', 'Georgia'],
    ]);
    expect(found('We were in Paris and Jordan shouted at us.')).toContainEqual(['PERSON', 'Jordan']);
    expect(found('I live in Ohio and Virginia Woolf is my hero.')).toContainEqual(['PERSON', 'Virginia Woolf']);
    // "to" without "from": the place's context words alone (0.4 + 0.2), as before.
    const georgia = detectPII('We flew to Paris to Georgia.').find((f) => f.start === 20);
    expect([georgia?.entity, georgia?.score]).toEqual(['LOCATION', 0.6]);
  });
  test('a custom gazetteer', () => {
    const rec = namesRecognizer(createGazetteer({ firstNames: ['Qwyll'], lastNames: ['Brandt'], places: ['Mordor'] }));
    const text = 'Qwyll Brandt left Mordor.';
    const f = detectPII(text, { recognizers: [rec] }).map((x) => [x.entity, text.slice(x.start, x.end)]);
    expect(f).toEqual([
      ['PERSON', 'Qwyll Brandt'],
      ['LOCATION', 'Mordor'],
    ]);
  });
});

describe('detectPII: options and hooks', () => {
  test('entities filter, threshold, allowList, custom recognizers', () => {
    const text = 'Write to help@acme.example or ada@example.com, or call +44 20 7946 0958';
    expect(found(text, { entities: ['PHONE_NUMBER'] }).map((f) => f[0])).toEqual(['PHONE_NUMBER']);
    expect(found(text, { allowList: ['help@acme.example'] }).filter((f) => f[0] === 'EMAIL_ADDRESS')).toEqual([
      ['EMAIL_ADDRESS', 'ada@example.com'],
    ]);
    expect(detectPII(text, { threshold: 1 }).every((f) => f.score === 1)).toBe(true);
    const employee: PiiRecognizer = {
      name: 'employee',
      entities: ['EMPLOYEE_ID'],
      maxLength: 9,
      scan(t, emit) {
        for (const m of t.matchAll(/\bE-\d{7}\b/g)) {
          emit({ entity: 'EMPLOYEE_ID', start: m.index, end: m.index + 9, score: 0.9, recognizer: 'employee' });
        }
      },
    };
    expect(found('badge E-1234567', { recognizers: [...BUILTIN_RECOGNIZERS, employee] })).toContainEqual([
      'EMPLOYEE_ID',
      'E-1234567',
    ]);
  });

  test('entities: the same list, changed between calls, is read again', () => {
    const text = 'Write to ada@example.com, or call +44 20 7946 0958';
    const entities = ['EMAIL_ADDRESS'];
    const kinds = () => found(text, { entities }).map((f) => f[0]);
    expect(kinds()).toEqual(['EMAIL_ADDRESS']);
    expect(kinds()).toEqual(['EMAIL_ADDRESS']);
    entities[0] = 'PHONE_NUMBER';
    expect(kinds()).toEqual(['PHONE_NUMBER']);
    entities.push('EMAIL_ADDRESS');
    expect(kinds()).toEqual(['EMAIL_ADDRESS', 'PHONE_NUMBER']);
    entities.length = 0;
    expect(kinds()).toEqual([]);
  });

  test('NER hook: a token classifier the app provides (labels mapped, bad spans dropped)', async () => {
    const text = 'Ticket from Xq Vroom about the Gdansk office';
    const ner = async (t: string) => [
      { entity: 'B-PER', start: t.indexOf('Xq'), end: t.indexOf('Xq') + 'Xq Vroom'.length, score: 0.97 },
      { entity: 'LOC', start: t.indexOf('Gdansk'), end: t.indexOf('Gdansk') + 6, score: 0.9 },
      { entity: 'PER', start: -1, end: 3, score: 0.9 },
      { entity: 'PER', start: 0, end: 4, score: 7 },
    ];
    const f = (await detectPIIAsync(text, { ner })).map((x) => [x.entity, text.slice(x.start, x.end), x.recognizer]);
    expect(f).toContainEqual(['PERSON', 'Xq Vroom', 'ner']);
    expect(f.some((x) => x[1] === 'Gdansk')).toBe(true);
    await expect(detectPIIAsync(text, { ner: (() => 'nope') as never })).rejects.toThrow(TypeError);
  });

  test('wrong argument types are labelled TypeErrors; oversized text is a ValidationError', () => {
    for (const bad of NOT_STRINGS) expect(() => detectPII(bad as string)).toThrow(TypeError);
    expect(() => detectPII('x', { threshold: 2 })).toThrow(RangeError);
    expect(() => detectPII('x', { entities: 'EMAIL_ADDRESS' as never })).toThrow(TypeError);
    expect(() => detectPII('x', { entities: [5] as never })).toThrow(TypeError);
    expect(() => detectPII('x', { allowList: 5 as never })).toThrow(TypeError);
    expect(() => detectPII('x', { recognizers: [{ ...BUILTIN_RECOGNIZERS[0], maxLength: -1 } as never] })).toThrow(
      RangeError,
    );
    expect(() => detectPII('x'.repeat(11), { maxLength: 10 })).toThrow(expect.objectContaining({ code: 'too_large' }));
  });
});

describe('detectPII: properties', () => {
  const pieces = fc.constantFrom(
    'ada@example.com',
    '4111 1111 1111 1111',
    '078-05-1121',
    '+1 415-555-0132',
    'GB82WEST12345698765432',
    '10.0.0.1',
    'Maria Garcia',
    '12/31/1999',
    'Paris',
    ' ',
    ', ',
    '\n',
    'é',
    '😀',
    '\u200B',
  );
  const texts = fc.oneof(
    fc.string({ maxLength: 200, unit: 'binary' }),
    fc.array(fc.oneof(pieces, fc.string({ maxLength: 8 })), { maxLength: 30 }).map((a) => a.join('')),
  );

  test('offsets always index the original string; findings are sorted and disjoint', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const f: PiiFinding[] = detectPII(text);
        let last = 0;
        for (const x of f) {
          expect(Number.isInteger(x.start) && Number.isInteger(x.end)).toBe(true);
          expect(x.start).toBeGreaterThanOrEqual(last);
          expect(x.end).toBeGreaterThan(x.start);
          expect(x.end).toBeLessThanOrEqual(text.length);
          expect(x.score).toBeGreaterThanOrEqual(0.5);
          expect(x.score).toBeLessThanOrEqual(1);
          last = x.end;
        }
      }),
      { numRuns: 300 },
    );
  });

  test('arbitrary options never crash: only typed errors (detectPII, redactPII, the stream redactor, holdbackFor)', () => {
    const junk = fc.oneof(fc.anything(), fc.array(fc.anything(), { maxLength: 3 }));
    const recognizer = fc.record(
      {
        scan: fc.oneof(
          fc.constant(() => {}),
          fc.anything(),
        ),
        entities: junk,
        maxLength: fc.oneof(fc.double(), junk),
      },
      { requiredKeys: [] },
    );
    const options = fc.oneof(
      fc.anything(),
      fc.dictionary(
        fc.constantFrom('entities', 'threshold', 'recognizers', 'allowList', 'maxLength', 'mode', 'vault', 'findings'),
        fc.oneof(junk, fc.array(recognizer, { maxLength: 3 }), fc.array(fc.string(), { maxLength: 3 })),
      ),
    );
    const calls: ((o: never) => unknown)[] = [
      (o) => detectPII('Call Maria Garcia at +1 415 555 0132', o),
      (o) => redactPII('Call Maria Garcia at +1 415 555 0132', o),
      (o) => createPiiStreamRedactor(o).push('Call Maria Garcia at +1 415 555 0132 '.repeat(100)),
      (o) => holdbackFor((o as { recognizers?: never } | null)?.recognizers ?? o),
    ];
    fc.assert(
      fc.property(options, fc.nat(calls.length - 1), (o, k) => {
        try {
          (calls[k] as (o: never) => unknown)(o as never);
        } catch (e) {
          expect(isModelSecError(e)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test("a custom recognizer's malformed candidates are dropped", () => {
    const emits: unknown[] = [
      null,
      5,
      'x',
      {},
      { entity: 5, start: 0, end: 4, score: 1 },
      { entity: 'X', start: 0, end: 4, score: '1' },
    ];
    emits.push({ entity: 'X', start: 0, end: 4, score: 1, context: 5 }, { entity: 'X', start: 5, end: 9, score: 1 });
    const rec = {
      name: 'junk',
      entities: ['X'],
      maxLength: 9,
      scan: (_t: string, emit: (c: never) => void) => {
        for (const c of emits) emit(c as never);
      },
    };
    expect(detectPII('abcd efgh', { recognizers: [rec] })).toEqual([
      { entity: 'X', start: 5, end: 9, score: 1, recognizer: undefined },
    ]);
  });

  test('arbitrary input never crashes; only typed errors', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (a, b) => {
        try {
          detectPII(a as string, b as never);
        } catch (e) {
          expect(isModelSecError(e)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  test('adversarial megabyte inputs complete (linear-time patterns)', () => {
    const attacks = [
      'a'.repeat(1 << 20),
      '1'.repeat(1 << 20),
      '1 '.repeat(1 << 19),
      '@'.repeat(1 << 20),
      'a@'.repeat(1 << 19),
      `${'a.'.repeat(1 << 19)}@`,
      '1-'.repeat(1 << 19),
      'Aa '.repeat(349_525),
      '12 Main '.repeat(131_072),
      'http://'.repeat(149_796),
      ':'.repeat(1 << 20),
      'ab:'.repeat(349_525),
    ];
    for (const a of attacks) {
      const f = detectPII(a);
      expect(Array.isArray(f)).toBe(true);
    }
  });
});

describe('scanBuiltins', () => {
  /** Every candidate in the order found, with its recognizer (a wrong call order shows in the sequence). */
  const candidates = (scan: (t: string, emit: (c: PiiCandidate) => void) => void, t: string) => {
    const out: string[] = [];
    withFacts(t, () => scan(t, (c) => out.push(`${c.recognizer}:${c.entity}:${c.start}:${c.end}:${c.score}`)));
    return out;
  };
  const loop = (t: string, emit: (c: PiiCandidate) => void) => {
    for (const r of BUILTIN_RECOGNIZERS) r.scan(t, emit);
  };

  test('calls the built-in recognizers in the order of BUILTIN_RECOGNIZERS', async () => {
    const records = await readSharedJSON<{ full_text: string }[]>('presidio/generated_large.json');
    let mixed = 0;
    for (const { full_text: t } of records) {
      const want = candidates(loop, t);
      expect(candidates(scanBuiltins, t)).toEqual(want);
      if (new Set(want.map((c) => c.split(':')[0])).size > 1) mixed++;
    }
    expect(mixed).toBeGreaterThan(500); // texts where two or more recognizers report, in some order
    expect(BUILTIN_RECOGNIZERS).toHaveLength(16);
  });

  test('builtinMask selects the recognizers whose entities are wanted', () => {
    for (const e of [...PII_ENTITIES, 'NOT_AN_ENTITY']) {
      let want = 0;
      BUILTIN_RECOGNIZERS.forEach((r, i) => {
        if (r.entities.includes(e)) want |= 1 << i;
      });
      expect(builtinMask(new Set([e])), e).toBe(want);
    }
    expect(builtinMask(new Set(PII_ENTITIES))).toBe(0xffff);
  });

  test('an entities filter gives what the plain loop over the recognizers gives', async () => {
    const records = await readSharedJSON<{ full_text: string }[]>('presidio/generated_large.json');
    const loop = [...BUILTIN_RECOGNIZERS]; // not BUILTIN_RECOGNIZERS itself: detectPII loops over it
    const subsets = [
      ...PII_ENTITIES.map((e) => [e]),
      ['PERSON', 'PHONE_NUMBER'],
      ['LOCATION', 'ADDRESS', 'DATE_TIME', 'US_BANK_NUMBER'],
      PII_ENTITIES.filter((e) => e !== 'PERSON'),
    ];
    let reported = 0;
    for (const entities of subsets) {
      for (const { full_text: t } of records.slice(0, 400)) {
        const want = detectPII(t, { entities, recognizers: loop });
        expect(detectPII(t, { entities })).toEqual(want);
        reported += want.length;
      }
    }
    expect(reported).toBeGreaterThan(1000);
  });
});
