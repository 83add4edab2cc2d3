import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createTextWatermark, type TextScheme } from '../src/index';
import { HUMAN_TEXTS, TRAINING_TEXTS } from './helpers/corpus';
import { substituteTokens, trainBigramLm } from './helpers/ngram-lm';

const lm = trainBigramLm(TRAINING_TEXTS, 5000);
const key = 'llm text watermark key, 2026';

// A smaller run of the bench/watermark experiment (500 samples per cell there).
describe.each([
  ['lefthash', 50],
  ['selfhash', 25],
] as [TextScheme, number][])('KGW %s on a bigram model of State of the Union text', (scheme, runs) => {
  const wm = createTextWatermark({ key, vocabSize: lm.vocabSize, gamma: 0.25, delta: 2, scheme });

  test(`200-token samples: detected at z > 4, unwatermarked ones not; 30% substitution still detected (${runs} runs)`, () => {
    let detected = 0;
    let falsePositives = 0;
    let substituted = 0;
    for (let r = 0; r < runs; r++) {
      const marked = lm.generate(200, r, (logits, context) => wm.processor(logits, context));
      const plain = lm.generate(200, 100_000 + r);
      const d = wm.detect(marked);
      expect(d.scored).toBeGreaterThan(120);
      expect(d.pValue).toBeLessThan(1);
      if (d.z > 4) detected++;
      if (wm.detect(plain).z > 4) falsePositives++;
      if (wm.detect(substituteTokens(marked, 0.3, lm.vocabSize, r)).z > 4) substituted++;
    }
    expect(detected / runs).toBeGreaterThanOrEqual(0.98);
    expect(falsePositives / runs).toBeLessThanOrEqual(0.01);
    expect(substituted / runs).toBeGreaterThanOrEqual(0.8);
  }, 120_000); // a few seconds of CPU: the margin is for a loaded machine

  test('human text (held-out addresses, thousands of tokens) scores near z = 0', () => {
    for (const text of HUMAN_TEXTS) {
      const d = wm.detect(lm.encode(text));
      expect(d.scored).toBeGreaterThan(1000);
      expect(Math.abs(d.z)).toBeLessThan(4);
      expect(d.detected).toBe(false);
    }
  });

  test('a wrong key does not see the watermark', () => {
    const other = createTextWatermark({ key: 'some other key entirely', vocabSize: lm.vocabSize, scheme });
    const marked = lm.generate(200, 7, (logits, context) => wm.processor(logits, context));
    expect(wm.detect(marked).z).toBeGreaterThan(4);
    expect(other.detect(marked).z).toBeLessThan(4);
  });
});

describe('KGW mechanics', () => {
  const wm = createTextWatermark({ key, vocabSize: 1000, gamma: 0.25, delta: 2 });

  test('green lists hold about γ of the vocabulary, depend on the context and match the processor', () => {
    const a = wm.greenMask([5]);
    const b = wm.greenMask([6]);
    const sum = (m: Uint8Array) => m.reduce((s, v) => s + v, 0);
    expect(Math.abs(sum(a) / 1000 - 0.25)).toBeLessThan(0.05);
    let same = 0;
    for (let v = 0; v < 1000; v++) if (a[v] === b[v]) same++;
    expect(same).toBeLessThan(800); // independent lists agree on ~62.5%
    const biased = wm.processor(new Float32Array(1000), [5]);
    for (let v = 0; v < 1000; v++) expect(biased[v]).toBe(a[v] ? 2 : 0);
    expect(sum(wm.greenMask([]))).toBe(0);
    expect(wm.processor(new Float32Array(1000).fill(1), [])).toEqual(new Float32Array(1000).fill(1));
    // The detector agrees with the mask: a token drawn from the green list of its predecessor is green.
    const green = a.indexOf(1);
    expect(wm.detect([5, green]).green).toBe(1);
  });

  test('repeated (context, token) pairs count once unless asked otherwise', () => {
    const tokens = Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? 5 : 9));
    expect(wm.detect(tokens).scored).toBe(2);
    expect(wm.detect(tokens, { ignoreRepeatedNgrams: false }).scored).toBe(399);
  });

  test('windowed detection finds a watermarked passage inside human text', () => {
    const w = createTextWatermark({ key, vocabSize: lm.vocabSize });
    const human = lm.encode(HUMAN_TEXTS[0] as string).slice(0, 4000);
    expect(human.length).toBe(4000);
    const marked = lm.generate(100, 3, (logits, context) => w.processor(logits, context));
    const mixed = [...human.slice(0, 2000), ...marked, ...human.slice(2000)];
    expect(w.detect(mixed).detected).toBe(false); // 100 marked tokens diluted in 4,100
    const win = w.detectWindowed(mixed, { windows: [50, 100, 200] });
    expect(win.detected).toBe(true);
    expect(win.z).toBeGreaterThan(6);
    expect(win.window.start).toBeGreaterThanOrEqual(1900);
    expect(win.window.start).toBeLessThan(2100);
    expect(win.pValue).toBeGreaterThanOrEqual(win.rawPValue);
    expect(w.detectWindowed(human, { windows: [50, 100, 200] }).detected).toBe(false);
  });

  test('fast-check: arbitrary token arrays, keys and options give a result or a typed error', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -5, max: 1100 }), fc.double(), fc.constant('x' as unknown as number)), {
          maxLength: 300,
        }),
        (tokens) => {
          try {
            const d = wm.detect(tokens);
            expect(Number.isFinite(d.z)).toBe(true);
            wm.detectWindowed(tokens, { windows: [10, 50] });
            wm.processor(new Float32Array(1000), tokens);
          } catch (error) {
            expect((error as { code?: string }).code).toBe('out_of_range');
          }
        },
      ),
      { numRuns: 300 },
    );
    for (const bad of [null, 'tokens', 5, {}, new DataView(new ArrayBuffer(4))]) {
      expect(() => wm.detect(bad as never)).toThrow(TypeError);
    }
    expect(() => wm.processor(new Float32Array(10), [1])).toThrow(/expected 1000 logits/);
    expect(() => createTextWatermark({ key, vocabSize: 1, gamma: 0.25 })).toThrow(RangeError);
    expect(() => createTextWatermark({ key, vocabSize: 100, gamma: 1 })).toThrow(RangeError);
    expect(() => createTextWatermark({ key, vocabSize: 100, scheme: 'simple_1' as never })).toThrow(RangeError);
    expect(() => createTextWatermark({ key: 'short', vocabSize: 100 })).toThrow(RangeError);
    // A megabyte-scale sequence is scored in one linear pass.
    const long = Array.from({ length: 1 << 20 }, (_, i) => (i * 7919) % 1000);
    expect(wm.detect(long).scored).toBeGreaterThan(0);
  });
});
