/**
 * The Thai national ID number (ids-national-th.ts): known answers from public test suites
 * (test/vectors/ids-national-th.json), the check rule written out again here (differently) to build
 * valid numbers for property tests, the one-digit changes it catches and the one it cannot, spans in the
 * original string, the facts-based scan against a plain global-regex scan, 1 MB adversarial inputs, and
 * no finding over the Presidio texts.
 */

import { detectPII, type PiiFinding } from '@modelsec/validators';
import { readSharedJSON } from '@modelsec-test/utils';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  TH_ID_RECOGNIZERS,
  TH_TNIN_RE,
  thaiContextNear,
  thTninRecognizer,
  thTninValid,
} from '../../src/text/pii/ids-national-th';
import vectors from '../vectors/ids-national-th.json';

interface VectorSet {
  source: string;
  valid?: string[];
  invalid?: string[];
  valid_irregular_spacing?: string[];
}

const SETS = (vectors as unknown as { TH_TNIN: VectorSet[] }).TH_TNIN;

const detect = (text: string, threshold?: number): PiiFinding[] =>
  detectPII(
    text,
    threshold === undefined ? { recognizers: TH_ID_RECOGNIZERS } : { recognizers: TH_ID_RECOGNIZERS, threshold },
  );

function candidates(text: string): { start: number; end: number; score: number }[] {
  const out: { start: number; end: number; score: number }[] = [];
  thTninRecognizer.scan(text, (c) => out.push({ start: c.start, end: c.end, score: c.score }));
  return out;
}

// ---------------------------------------------------------------------------------------------------
// The rule again, as python-stdnum states it: weights 2 - i taken mod 11 (the same as 13 - i), and the
// check digit (1 - Σ) mod 10 with Σ reduced mod 11 first.
// ---------------------------------------------------------------------------------------------------

const mod = (a: number, m: number): number => ((a % m) + m) % m;

/** The check digit of twelve digits. */
function checkOf(body: readonly number[]): number {
  const s = mod(
    body.reduce((acc, d, i) => acc + (2 - i) * d, 0),
    11,
  );
  return mod(1 - s, 10);
}

/** Province codes (ISO 3166-2:TH), listed one by one. */
const PROVINCES: number[] = [];
for (const [lo, hi] of [
  [10, 27],
  [30, 58],
  [60, 67],
  [70, 77],
  [80, 86],
  [90, 96],
])
  for (let p = lo as number; p <= (hi as number); p++) PROVINCES.push(p);

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n });
const sep = fc.constantFrom('', ' ', '-');

/** `d` printed 1-4-5-2-1 joined by `s`. */
function group(d: string, s: string): string {
  return [d.slice(0, 1), d.slice(1, 5), d.slice(5, 10), d.slice(10, 12), d.slice(12)].join(s);
}

/** A valid number from a person type, a province and nine more digits. */
function tninOf(type: number, province: number, rest: readonly number[]): string {
  const body = [type, Math.floor(province / 10), province % 10, ...rest];
  return `${body.join('')}${checkOf(body)}`;
}

const tninArb = fc
  .tuple(fc.integer({ min: 1, max: 8 }), fc.constantFrom(...PROVINCES), digits(9), sep)
  .map(([type, province, rest, s]) => {
    const compact = tninOf(type, province, rest);
    return { compact, printed: group(compact, s) };
  });

const replaceAt = (s: string, i: number, c: string): string => `${s.slice(0, i)}${c}${s.slice(i + 1)}`;

/** `context value, thanks.` and where the value starts. */
function sentence(value: string, context = 'Thai national ID'): { text: string; start: number } {
  const before = `${context} `;
  return { text: `${before}${value}, thanks.`, start: before.length };
}

// ---------------------------------------------------------------------------------------------------

describe('known answers (test/vectors/ids-national-th.json)', () => {
  test('every set names its source and the counts are as recorded', () => {
    let valid = 0;
    let invalid = 0;
    let irregular = 0;
    for (const set of SETS) {
      expect(set.source.length).toBeGreaterThan(10);
      valid += set.valid?.length ?? 0;
      invalid += set.invalid?.length ?? 0;
      irregular += set.valid_irregular_spacing?.length ?? 0;
    }
    expect([valid, invalid, irregular]).toEqual([60, 35, 5]);
  });

  test('valid ones validate, match the rule written here, and are found with their exact span next to a context word', () => {
    for (const set of SETS) {
      for (const v of set.valid ?? []) {
        expect(thTninValid(v), `${v} (${set.source})`).toBe(true);
        const d = v.replace(/\D/g, '');
        expect(checkOf([...d.slice(0, 12)].map(Number)), v).toBe(Number(d[12]));
        const { text, start } = sentence(v);
        const found = detect(text).filter((f) => f.entity === 'TH_TNIN');
        expect(
          found.map((f) => [f.start, f.end]),
          `${v} (${set.source})`,
        ).toEqual([[start, start + v.length]]);
        expect((found[0] as PiiFinding).score).toBeGreaterThanOrEqual(0.79);
      }
      for (const v of set.valid_irregular_spacing ?? []) expect(thTninValid(v), v).toBe(true);
    }
  });

  test('invalid ones fail validation and are not reported', () => {
    for (const set of SETS) {
      for (const v of set.invalid ?? []) {
        expect(thTninValid(v), `${v} (${set.source})`).toBe(false);
        expect(detect(sentence(v).text, 0), `${v} (${set.source})`).toEqual([]);
      }
    }
  });

  test('a valid number needs a context word: 0.4 grouped, 0.35 bare, 0.85 and 0.8 with context', () => {
    for (const [v, score] of [
      ['3-1006-00445-63-5', 0.4],
      ['3 1006 00445 63 5', 0.4],
      ['3100600445635', 0.35],
    ] as const) {
      expect(detect(`Reference ${v} received.`), v).toEqual([]);
      expect(detect(`Reference ${v} received.`, 0.3).map((f) => f.score)).toEqual([score]);
      for (const context of [
        'TNIN:',
        'Thai ID',
        'my national identification no.',
        'เลขประจำตัวประชาชน',
        'เลขบัตรประชาชน',
      ]) {
        const { text, start } = sentence(v, context);
        expect(detect(text), `${context} ${v}`).toMatchObject([
          { entity: 'TH_TNIN', start, end: start + v.length, score: expect.closeTo(score + 0.45, 6) },
        ]);
      }
    }
    // A Thai context word glued to other Thai words, or to the number, counts (Thai has no spaces).
    for (const [text, v] of [
      ['เลขประจำตัวประชาชนของฉัน 3100600445635', '3100600445635'],
      ['กรุณากรอกเลขบัตรประชาชน3-1006-00445-63-5ค่ะ', '3-1006-00445-63-5'],
      ['หมายเลข 3 1006 00445 63 5 ตามบัตรประชาชนของผม', '3 1006 00445 63 5'],
      ['รหัสปชชคือ 3100600445635', '3100600445635'],
    ] as const) {
      const start = text.indexOf(v);
      expect(detect(text), text).toMatchObject([
        { entity: 'TH_TNIN', start, end: start + v.length, score: expect.closeTo(v.length === 13 ? 0.8 : 0.85, 6) },
      ]);
    }
    // Only inside the window (48 units before, 24 after), and only the context words: other Thai text
    // ("ของฉัน", "my") is none.
    expect(detect(`เลขบัตรประชาชน${'ก'.repeat(48)} 3100600445635`)).toEqual([]);
    expect(detect(`เลขบัตรประชาชน${'ก'.repeat(34)} 3100600445635`)).toHaveLength(1);
    expect(detect(`3100600445635 ${'ก'.repeat(23)}บัตรประชาชน`)).toEqual([]);
    expect(detect(`3100600445635 ${'ก'.repeat(12)}บัตรประชาชน`)).toHaveLength(1);
    expect(detect('ของฉันคือ 3100600445635')).toEqual([]);
  });

  test('thaiContextNear: a Thai context word anywhere in the window, as the plain definition says', () => {
    const words = ['เลขประจำตัวประชาชน', 'เลขบัตรประชาชน', 'บัตรประชาชน', 'รหัสปชช', 'ปชช'];
    const piece = fc.constantFrom('ก', 'ของ', 'ฉัน', ' ', '1', 'บัตร', 'ประชา', 'ชน', 'ปช', 'ช', ...words);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.nat(), fc.nat(), (parts, a, b) => {
        const text = parts.join('');
        const start = a % (text.length + 1);
        const end = start + (b % (text.length - start + 1));
        const before = text.slice(Math.max(0, start - 48), start);
        const after = text.slice(end, end + 24);
        const plain = words.some((w) => before.includes(w) || after.includes(w));
        expect(thaiContextNear(text, start, end)).toBe(plain);
      }),
      { numRuns: 2000 },
    );
  });

  test('the person type (1-8) and the province code (digits 2-3) are checked, whatever the check digit', () => {
    for (let check = 0; check <= 9; check++) {
      for (const head of ['0', '9']) expect(thTninValid(`${head}10060044563${check}`)).toBe(false);
      for (const province of ['00', '05', '28', '29', '59', '68', '69', '78', '79', '87', '88', '89', '97', '98', '99'])
        expect(thTninValid(`3${province}006004456${check}`)).toBe(false);
    }
    // Every person type 1-8 and every province code in use is accepted.
    for (let type = 1; type <= 8; type++)
      for (const p of PROVINCES) expect(thTninValid(tninOf(type, p, [0, 6, 0, 0, 4, 4, 5, 6, 3]))).toBe(true);
  });

  test('numbers inside words, decimals, longer digit runs or longer grouped numbers are not reported', () => {
    for (const text of [
      'TNIN 0.3100600445635',
      'TNIN 13100600445635',
      'TNIN 31006004456351',
      'TNIN 3-1006-00445-63-5-1',
      'TNIN 1-3-1006-00445-63-5',
      'TNIN 3 1006 00445 63 5 1',
      'TNIN 9 3 1006 00445 63 5',
      'TNIN 3-1006 00445-63-5',
      'TNIN 3/1006/00445/63/5',
      'TNIN 3-1006-00445-635',
      'TNIN x3100600445635',
      'TNIN 3100600445635x',
      'TNIN 3-1006-00445-63-5x',
    ]) {
      expect(detect(text, 0), text).toEqual([]);
    }
    expect(detect('(TNIN: 3-1006-00445-63-5).').map((f) => f.entity)).toEqual(['TH_TNIN']);
  });

  test('the recognizer list', () => {
    expect(TH_ID_RECOGNIZERS).toEqual([thTninRecognizer]);
    expect(Object.isFrozen(TH_ID_RECOGNIZERS)).toBe(true);
    expect(thTninRecognizer.entities).toEqual(['TH_TNIN']);
  });
});

describe('validator (fast-check)', () => {
  test('never throws, and rejects non-strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 80 }),
          fc.string({ unit: fc.constantFrom(...'0123456789 -/'), maxLength: 20 }),
        ),
        (s) => {
          expect(typeof thTninValid(s)).toBe('boolean');
        },
      ),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.anything(), (x) => {
        if (typeof x !== 'string') expect(thTninValid(x as string)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  test('generated numbers validate, compact and as printed', () => {
    fc.assert(
      fc.property(tninArb, ({ compact, printed }) => {
        expect(thTninValid(compact), compact).toBe(true);
        expect(thTninValid(printed), printed).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test('every change of the check digit is caught; of another digit, all but one of the third (weight 11) or a move of the sum mod 11 between 0 and 10', () => {
    let blindSeen = 0;
    fc.assert(
      fc.property(tninArb, fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 9 }), ({ compact }, i, k) => {
        const changed = replaceAt(compact, i, String((Number(compact[i]) + k) % 10));
        const d = [...changed].map(Number);
        const before = mod(
          [...compact.slice(0, 12)].reduce((acc, c, j) => acc + (13 - j) * Number(c), 0),
          11,
        );
        const after = mod(
          d.slice(0, 12).reduce((acc, v, j) => acc + (13 - j) * v, 0),
          11,
        );
        // Still a person type and a province in use, with a sum whose check digit did not change.
        const shapeOk = d[0] !== 0 && d[0] !== 9 && PROVINCES.includes((d[1] as number) * 10 + (d[2] as number));
        // The third digit weighs 11: the sum mod 11 does not move, only the province code can catch it.
        const blind = i < 12 && shapeOk && (i === 2 || (before + after === 10 && before * after === 0));
        if (blind) blindSeen++;
        expect(thTninValid(changed), changed).toBe(blind);
      }),
      { numRuns: 4000 },
    );
    expect(blindSeen).toBeGreaterThan(0); // the exception is exercised
  });

  test('the blind spot exists: sums 0 and 10 mod 11 share the check digit 1', () => {
    // 1 1 0 3 0...0: 13 + 12 + 10·3 = 55 ≡ 0; with a 4 for the 3: 65 ≡ 10. Both end in 1.
    expect(checkOf([1, 1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0])).toBe(1);
    expect(checkOf([1, 1, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0])).toBe(1);
    expect(thTninValid('1103000000001')).toBe(true);
    expect(thTninValid('1104000000001')).toBe(true);
    expect(thTninValid('1105000000001')).toBe(false);
  });
});

describe('recognizer (fast-check)', () => {
  test('spans index the original string, whatever surrounds the number', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 40 }),
        tninArb,
        fc.string({ unit: 'binary', maxLength: 40 }),
        (pre, { printed }, post) => {
          const before = `${pre} TNIN `;
          const text = `${before}${printed}; ${post}`;
          const found = detect(text);
          expect(found).toContainEqual(
            expect.objectContaining({ entity: 'TH_TNIN', start: before.length, end: before.length + printed.length }),
          );
          for (const f of found) {
            expect(f.start).toBeGreaterThanOrEqual(0);
            expect(f.end).toBeLessThanOrEqual(text.length);
            expect(f.end - f.start).toBeLessThanOrEqual(thTninRecognizer.maxLength);
            expect(thTninValid(text.slice(f.start, f.end))).toBe(true);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  test('arbitrary strings never throw, and every candidate indexes the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        for (const c of candidates(text)) {
          expect(c.start).toBeGreaterThanOrEqual(0);
          expect(c.end).toBeLessThanOrEqual(text.length);
          expect(thTninValid(text.slice(c.start, c.end))).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  /** Texts dense in candidate starts: valid numbers, digit groups, separators. */
  const soup = fc
    .array(
      fc.oneof(
        tninArb.map((x) => x.printed),
        fc.constantFrom(' ', ' ', '-', '-', '/', '.', ',', '\n', 'x', 'tnin '),
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 14 }),
      ),
      { maxLength: 16 },
    )
    .map((parts) => parts.join(''));

  test("the facts-based scan gives the global regex's validated matches", () => {
    fc.assert(
      fc.property(soup, (text) => {
        const expected = [...text.matchAll(TH_TNIN_RE)]
          .filter((m) => thTninValid(m[0]))
          .map((m) => [m.index, m.index + m[0].length]);
        expect(
          candidates(text).map((c) => [c.start, c.end]),
          JSON.stringify(text),
        ).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
    expect(TH_TNIN_RE.lastIndex).toBe(0);
  });
});

describe('adversarial and corpus inputs', () => {
  const MB = 1 << 20;
  const fill = (unit: string) => unit.repeat(Math.floor(MB / unit.length));

  test('1 MB adversarial strings complete in linear time', () => {
    const cases: [string, string, number][] = [
      // [name, text, expected findings at the default threshold]
      ['dash-grouped numbers', fill('3-1006-00445-63-5 '), 0],
      ['space-grouped numbers', fill('3 1006 00445 63 5 '), 0],
      ['bare numbers', fill('3100600445635 '), 0],
      ['one digit run', '1'.repeat(MB), 0],
      ['digit and space', fill('1 '), 0],
      ['digit and dash', fill('1-'), 0],
      ['digit, space, four digits', fill('3 1006 '), 0],
      ['digit, dash, four digits', fill('3-1006-'), 0],
      ['glued dash groups', fill('3-1006-00445-63-5-'), 0],
      ['numbers with context', fill('TNIN 3-1006-00445-63-5; '), Math.floor(MB / 24)],
    ];
    for (const [name, text, expected] of cases) {
      const t0 = performance.now();
      const found = detect(text);
      const ms = performance.now() - t0;
      expect(found.length, name).toBe(expected);
      expect(ms, name).toBeLessThan(15_000);
    }
  });

  test('cheap on texts without candidates: the pattern runs only where a digit run can start a match', () => {
    const execs = (text: string): number => {
      const exec = RegExp.prototype.exec;
      let n = 0;
      RegExp.prototype.exec = function (this: RegExp, s: string) {
        if (this.source === TH_TNIN_RE.source) n++;
        return exec.call(this, s);
      };
      try {
        expect(candidates(text)).toEqual([]);
      } finally {
        RegExp.prototype.exec = exec;
      }
      return n;
    };
    expect(
      execs('Page 1 of 12, on 2024-01-02, 1 2345 items; 12345678901234 and 123456789012 units. '.repeat(3000)),
    ).toBe(3000);
    expect(execs('Page 7 of 12. In 2024, on 31/12/2023. 1.5 km: 123456789012x. '.repeat(3000))).toBe(0);
    expect(execs('No digits at all. '.repeat(3000))).toBe(0);
  });

  test('no finding at the default threshold over the 2,109 Presidio texts', async () => {
    const records = await readSharedJSON<{ full_text: string }[]>('presidio/generated_large.json');
    expect(records.length).toBe(2109);
    const hits: string[] = [];
    for (const { full_text: t } of records) {
      for (const f of detectPII(t, { recognizers: TH_ID_RECOGNIZERS }))
        hits.push(`${t.slice(f.start, f.end)} in ${JSON.stringify(t.slice(Math.max(0, f.start - 40), f.end + 20))}`);
    }
    expect(hits).toEqual([]);
  });
});
