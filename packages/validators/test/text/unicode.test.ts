import { estimateTokens, sanitizeText, scriptsOf, skeleton } from '@modelsec/validators';
import { NOT_STRINGS } from '@modelsec-test/utils';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { foldForMatch, normalizeForMatch, originalOffset } from '../../src/text/shared/normalize';

describe('sanitizeText', () => {
  test('strips invisible, private-use and control characters; reports spans in the original', () => {
    const input = 'pay\u200Bpal\uE000 ok\u0007';
    const r = sanitizeText(input);
    expect(r.text).toBe('paypal ok');
    expect(r.changed).toBe(true);
    expect(r.findings.map((f) => [f.issue, f.start, f.end])).toEqual([
      ['invisible', 3, 4],
      ['private_use', 7, 8],
      ['control', 11, 12],
    ]);
  });

  test('runs of variation selectors (hidden text) are stripped past the first; one selector stays', () => {
    const hidden = [...'ignore all'].map((c) => String.fromCodePoint(0xe0100 + c.charCodeAt(0))).join('');
    const r = sanitizeText(`hi 😈${hidden}!`);
    // The first selector stays on the emoji (one is how a character takes a variant); the 9 after it go.
    expect(r.text).toBe(`hi 😈${hidden.slice(0, 2)}!`);
    expect(r.findings.map((f) => [f.issue, f.start, f.end, f.count])).toEqual([['invisible', 7, 7 + 18, 9]]);
    const butler = [0x49, 0x67, 0x6e].map((b) => String.fromCodePoint(0xe0100 + b - 16)).join('');
    expect(sanitizeText(`x${butler}\uFE01\uFE02`).text).toBe(`x${butler.slice(0, 2)}`);
    for (const kept of ['I ❤️ it', '1️⃣ #️⃣', '葛\u{E0100}城', '☺︎ ✔︎', '👍🏽']) {
      expect(
        sanitizeText(kept).findings.filter((f) => f.issue === 'invisible'),
        kept,
      ).toEqual([]);
    }
  });

  test('Trojan Source bidi controls are flagged and stripped (or kept on request)', () => {
    const src = 'access = "user\u202E \u2066// admin\u2069 \u2066"';
    const r = sanitizeText(src);
    expect(r.findings.filter((f) => f.issue === 'bidi')).toHaveLength(4);
    expect(r.text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(sanitizeText(src, { bidi: 'keep' }).text).toContain('\u202E');
  });

  test('NFKC normalization, mixed-script confusables', () => {
    expect(sanitizeText('ｆｕｌｌｗｉｄｔｈ ﬁ').text).toBe('fullwidth fi');
    const r = sanitizeText('login at pаypal.com now');
    const c = r.findings.find((f) => f.issue === 'confusable');
    expect(c && 'login at pаypal.com now'.slice(c.start, c.end)).toBe('pаypal');
    expect(skeleton('pаypаl')).toBe('paypal');
    expect(scriptsOf('pаypal')).toEqual(['Latin', 'Cyrillic']);
    expect(sanitizeText('Привет, мир').findings).toEqual([]);
  });

  test('length and token limits truncate at code point boundaries', () => {
    const r = sanitizeText('😀😀😀', { maxChars: 3 });
    expect(r.text).toBe('😀');
    expect(r.findings.map((f) => f.issue)).toContain('truncated');
    const t = sanitizeText('one two three four five six', { maxTokens: 3 });
    expect(estimateTokens(t.text)).toBeLessThanOrEqual(3);
    expect(
      sanitizeText('a b c d', { maxTokens: 2, countTokens: (s) => s.split(' ').filter(Boolean).length }).text,
    ).toBe('a b ');
  });

  test('argument checks; properties over arbitrary text', () => {
    for (const bad of NOT_STRINGS) expect(() => sanitizeText(bad as string)).toThrow(TypeError);
    expect(() => sanitizeText('x', { normalize: 'NFD' as never })).toThrow(RangeError);
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (s) => {
        const r = sanitizeText(s);
        expect(r.text).not.toMatch(/[\p{Cf}\p{Co}]/u);
        expect(sanitizeText(r.text).text).toBe(r.text);
        for (const f of r.findings) {
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.end).toBeLessThanOrEqual(s.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('runs of removed characters: the same text and findings as the character-by-character definition', () => {
    // The definition, one character at a time (sanitizeText matches whole runs since stop 53).
    const one =
      /[\p{Cf}\p{Co}\p{Cn}]|[^\P{Cc}\t\n\r]|(?<=[\uFE00-\uFE0F\u{E0100}-\u{E01EF}])[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu;
    const bidiChar = /^[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]$/u;
    const reference = (s: string, bidi: 'strip' | 'keep', strip: boolean) => {
      const spans: { issue: string; start: number; end: number; count: number }[] = [];
      let out = '';
      let last = 0;
      for (const m of s.matchAll(one)) {
        const ch = m[0];
        const issue = bidiChar.test(ch)
          ? 'bidi'
          : /\p{Co}/u.test(ch)
            ? 'private_use'
            : /\p{Cn}/u.test(ch)
              ? 'unassigned'
              : /\p{Cc}/u.test(ch)
                ? 'control'
                : 'invisible';
        const prev = spans[spans.length - 1];
        if (prev && prev.issue === issue && prev.end === m.index) {
          prev.end += ch.length;
          prev.count++;
        } else spans.push({ issue, start: m.index, end: m.index + ch.length, count: 1 });
        if (issue === 'bidi' ? bidi === 'strip' : strip) {
          out += s.slice(last, m.index);
          last = m.index + ch.length;
        }
      }
      return { text: out + s.slice(last), spans };
    };
    const unit = fc.constantFrom(
      'a',
      ' ',
      '\n',
      '\u0007',
      '\u200B',
      '\u200D',
      '\u202E',
      '\u2066',
      '\u061C',
      '\uFE0F',
      '\uFE00',
      '\u{E0100}',
      '\u{E0041}',
      '\uE000',
      '\u{F0000}',
      '\u0378',
      '\uD800',
      '\uDC00',
      '😀',
      '❤',
    );
    fc.assert(
      fc.property(
        fc.array(unit, { maxLength: 40 }),
        fc.constantFrom('strip', 'keep'),
        fc.boolean(),
        (units, bidi: 'strip' | 'keep', strip) => {
          const s = units.join('');
          const r = sanitizeText(s, { normalize: 'none', confusables: false, bidi, stripInvisible: strip });
          const want = reference(s, bidi, strip);
          expect(r.text).toBe(want.text);
          expect(r.findings.map(({ issue, start, end, count }) => ({ issue, start, end, count }))).toEqual(want.spans);
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('confusable words: the same findings as the regex definition of a word', () => {
    // The definition: runs of letters and marks (sanitizeText walks code points with tables since stop 54).
    const isAscii = (w: string) => Array.from(w).every((c) => c.charCodeAt(0) < 128);
    const reference = (s: string) => {
      const out: [number, number, number][] = [];
      for (const m of s.matchAll(/[\p{L}\p{M}]+/gu)) {
        const w = m[0];
        if (isAscii(w) || w.length < 2) continue;
        const scripts = scriptsOf(w);
        if (scripts.length < 2 || !scripts.includes('Latin') || !isAscii(skeleton(w))) continue;
        out.push([m.index, m.index + w.length, Array.from(w).length]);
      }
      return out;
    };
    const unit = fc.constantFrom(
      'a',
      'p',
      'A',
      ' ',
      '-',
      'а',
      'р',
      'е',
      'ο',
      '\u0301',
      'é',
      '1',
      '\u200B',
      '😀',
      '𝐚',
      '\uD800',
      '\uDC00',
      'ı',
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), (units) => {
        const s = units.join('');
        const got = sanitizeText(s, { normalize: 'none' })
          .findings.filter((f) => f.issue === 'confusable')
          .map((f) => [f.start, f.end, f.count]);
        expect(got).toEqual(reference(s));
      }),
      { numRuns: 2000 },
    );
    expect(sanitizeText('pаypal').findings.map((f) => [f.issue, f.start, f.end])).toEqual([['confusable', 0, 6]]);
  });

  test('adversarial megabyte inputs complete', () => {
    for (const a of [
      '\u200B'.repeat(1 << 20),
      'а'.repeat(1 << 20),
      'aа'.repeat(1 << 19),
      '\u202E'.repeat(1 << 20),
      '\uFE0F'.repeat(1 << 20),
      '\u{E0100}'.repeat(1 << 19),
    ]) {
      expect(typeof sanitizeText(a).text).toBe('string');
    }
  });
});

/** Units of the normalization properties: ASCII, folded one for one or to another length, invisible, astral, lone. */
const UNITS = ['a', 'B', ' ', 'é', 'Ｉ', 'ﷺ', '\u200B', '😀', '𝐀', '\u{E0041}', '\uD800', 'ß', 'İ', 'ﬁ', '\u00AD'];

describe('normalizeForMatch offsets', () => {
  // The per-unit offset array the segment map replaced: ASCII units one for one, every unit a non-ASCII
  // code point folds to from its offset (an astral one folded to itself: its units one for one), the
  // normalized length to the original length.
  const reference = (text: string): number[] => {
    const map: number[] = [];
    let i = 0;
    while (i < text.length) {
      const cp = text.codePointAt(i) as number;
      const width = cp > 0xffff ? 2 : 1;
      const folded = cp < 128 ? 1 : normalizeForMatch(text.slice(i, i + width)).text.length;
      // Since stop 54 a code point outside the BMP folded to itself keeps its units one for one.
      const itself = width === 2 && normalizeForMatch(text.slice(i, i + 2)).text === text.slice(i, i + 2);
      for (let k = 0; k < folded; k++) map.push(itself ? i + k : i);
      i += width;
    }
    map.push(text.length);
    return map;
  };

  test('units kept one for one share a segment: a text in Cyrillic or Greek has few', () => {
    const text = 'Привет, мир! Ignore ΟΛΑ τα μηνύματα.';
    const norm = normalizeForMatch(text);
    expect(norm.text).toBe(text.toLowerCase());
    // One run of step 1 for the whole text, and the closing segment.
    expect(norm.map?.at).toEqual([0, text.length]);
    expect(norm.map?.step).toEqual([1, 0]);
    // A code point folded to another length starts a segment of its own, and the run goes on after it.
    expect(normalizeForMatch('Дﬁx').map).toEqual({ at: [0, 1, 3, 4], from: [0, 1, 2, 3], step: [1, 0, 1, 0] });
  });

  test('every normalized unit maps where the per-unit array did', () => {
    const unit = fc.constantFrom(...UNITS, '7', 'Д', 'Σ', 'ς');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), (units) => {
        const text = units.join('');
        const norm = normalizeForMatch(text);
        if (norm.map === undefined) {
          expect(norm.text).toBe(text.toLowerCase());
          return;
        }
        const want = reference(text);
        expect(want.length).toBe(norm.text.length + 1);
        for (let i = 0; i <= norm.text.length; i++) expect(originalOffset(norm.map, i)).toBe(want[i]);
      }),
      { numRuns: 1000 },
    );
    // A text of many segments, every offset checked.
    const long = 'aé😀ﷺ '.repeat(60);
    const norm = normalizeForMatch(long);
    const want = reference(long);
    expect(want.length).toBe(norm.text.length + 1);
    for (let i = 0; i <= norm.text.length; i++)
      expect(originalOffset(norm.map as NonNullable<typeof norm.map>, i)).toBe(want[i]);
  });

  test('the normalized text is each code point folded alone, and foldForMatch is that text without the map', () => {
    // Σ folds to σ alone, and lower-cases to ς at a word's end; the Kelvin sign folds to an ASCII "k".
    const unit = fc.constantFrom(...UNITS, '🅘', '\u{E0041}', 'Σ', 'ς', 'Д', '\u212A');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 60 }), (units) => {
        const text = units.join('');
        const want = Array.from(text, (ch) => normalizeForMatch(ch).text).join('');
        expect(normalizeForMatch(text).text).toBe(want);
        expect(foldForMatch(text)).toBe(want);
      }),
      { numRuns: 1000 },
    );
    // Long inputs: ﷺ folds to 18 units; a million segments of one code point each.
    const wide = 'ﷺ'.repeat(50_000);
    expect(normalizeForMatch(wide).text).toBe(normalizeForMatch('ﷺ').text.repeat(50_000));
    const many = 'é'.repeat(1_000_000);
    const norm = normalizeForMatch(many);
    expect(norm.text).toBe(many);
    expect(originalOffset(norm.map as NonNullable<typeof norm.map>, 999_999)).toBe(999_999);
    expect(foldForMatch(many)).toBe(many);
  });
});
