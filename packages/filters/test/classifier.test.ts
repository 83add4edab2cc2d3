import { argmax, classifierFromFunction, isModelSecError, runRulesSync } from '@modelsec/core';
import {
  confidenceThreshold,
  DEFAULT_SAFE_RESPONSE,
  filterClassifier,
  filterOutput,
  filterOutputSync,
  fromLogits,
  type Incident,
  labelOnly,
  noise,
  reverseSigmoid,
  roundProbabilities,
  topK,
  validateProbabilities,
} from '@modelsec/filters';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

const out = (value: unknown, rules: Parameters<typeof runRulesSync>[1]) =>
  runRulesSync(value, rules, { phase: 'output' });
const seeded = (seed: number) => {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
};
const dirichlet = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 12 }).map((xs) => {
  const s = xs.reduce((a, b) => a + b, 0);
  return s > 0 ? xs.map((x) => x / s) : xs.map(() => 1 / xs.length);
});

describe('filterOutput', () => {
  test('answers with the safe response when confidence is low, and reports the incident', async () => {
    const incidents: Incident[] = [];
    const r = await filterOutput([0.4, 0.35, 0.25], [confidenceThreshold(0.6)], {
      onIncident: (i) => incidents.push(i),
      meta: { requestId: 'r1' },
    });
    expect(r.ok).toBe(false);
    expect(r.output).toBe(DEFAULT_SAFE_RESPONSE);
    expect(r.usedSafeResponse).toBe(true);
    expect(r.blocked?.code).toBe('low_confidence');
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ action: 'blocked', code: 'low_confidence', meta: { requestId: 'r1' } });
    const ok = await filterOutput([0.7, 0.2, 0.1], [confidenceThreshold(0.6)], {
      onIncident: (i) => incidents.push(i),
    });
    expect(ok.output).toEqual([0.7, 0.2, 0.1]);
    expect(incidents).toHaveLength(1);
  });

  test('custom safe responses, throw mode, info findings are not incidents', async () => {
    const safe = await filterOutput([0.5, 0.5], [confidenceThreshold(0.9)], {
      safeResponse: (e) => ({ label: null, reason: e.code }),
    });
    expect(safe.output).toEqual({ label: null, reason: 'low_confidence' });
    await expect(filterOutput([0.5, 0.5], [confidenceThreshold(0.9)], { onBlock: 'throw' })).rejects.toMatchObject({
      code: 'low_confidence',
      kind: 'security',
    });
    let called = 0;
    const r = filterOutputSync([0.1, 0.6, 0.3], [topK(1), roundProbabilities(1)], { onIncident: () => called++ });
    expect(r.output).toEqual([0, 0.6, 0]);
    expect(r.findings.map((f) => f.rule)).toEqual(['topK', 'roundProbabilities']);
    expect(called).toBe(0);
  });

  test('sync runner refuses asynchronous rules; bad options are TypeErrors', () => {
    const slow = { name: 'slow', check: async () => undefined };
    expect(() => filterOutputSync([1], [slow])).toThrow(/asynchronous/);
    expect(() => filterOutputSync([1], [], { onIncident: 5 as never })).toThrow(TypeError);
    expect(() => filterOutputSync([1], [], { onBlock: 'x' as never })).toThrow(RangeError);
    expect(() => filterOutputSync([1], 'x' as never)).toThrow(TypeError);
  });
});

describe('classifier rules', () => {
  test('keep the shape and array type they were given', () => {
    const f32 = out(Float32Array.from([0.1, 0.6, 0.3]), [topK(2)]).value;
    expect(f32).toBeInstanceOf(Float32Array);
    expect(Array.from(f32 as Float32Array)).toEqual([0, Math.fround(0.6), Math.fround(0.3)]);
    const f64 = out(Float64Array.from([0.1, 0.6, 0.3]), [labelOnly()]).value;
    expect(f64).toEqual(Float64Array.from([0, 1, 0]));
    expect(
      out(
        [
          [0.1, 0.9],
          [0.8, 0.2],
        ],
        [labelOnly()],
      ).value,
    ).toEqual([
      [0, 1],
      [1, 0],
    ]);
    const batch = out({ probabilities: Float32Array.from([0.1, 0.9, 0.8, 0.2]), numClasses: 2 }, [
      labelOnly({ output: 'label' }),
    ]);
    expect(batch.value).toEqual(Int32Array.from([1, 0]));
    expect(out([0.2, 0.5, 0.3], [labelOnly({ output: 'label' })]).value).toBe(1);
  });

  test('confidenceThreshold zeroes low rows of a batch (or blocks it) and handles one binary column', () => {
    const v = out({ probabilities: [0.5, 0.3, 0.2, 0.9, 0.05, 0.05], numClasses: 3 }, [confidenceThreshold(0.6)]);
    expect(v.ok).toBe(true);
    expect(v.value).toEqual({ probabilities: [0, 0, 0, 0.9, 0.05, 0.05], numClasses: 3 });
    const b = out({ probabilities: [0.5, 0.3, 0.2, 0.9, 0.05, 0.05], numClasses: 3 }, [
      confidenceThreshold(0.6, { batch: 'block' }),
    ]);
    expect(b.ok).toBe(false);
    expect(out([0.2], [confidenceThreshold(0.7)]).ok).toBe(true); // P(class 1) = 0.2 → 80% class 0
    expect(out([0.45], [confidenceThreshold(0.7)]).ok).toBe(false);
  });

  test('topK: ties keep the lower index, renormalize on request', () => {
    expect(out([0.3, 0.3, 0.4], [topK(2)]).value).toEqual([0.3, 0, 0.4]);
    expect(out([0.2, 0.2, 0.6], [topK(1, { renormalize: true })]).value).toEqual([0, 0, 1]);
    expect(out([0.2, 0.8], [topK(5)]).value).toEqual([0.2, 0.8]);
    expect(out([0, 0, 0], [topK(2)]).value).toEqual([0, 0, 0]);
  });

  test('reverseSigmoid rejects non-probabilities and the zero-mass case with typed errors', () => {
    const bad = out([1.5, -0.5], [reverseSigmoid()]);
    expect(bad.ok).toBe(false);
    expect(bad.findings[0]?.code).toBe('out_of_range');
    // Every class perturbed below 0 (possible only for rows that do not sum to 1): ART divides by zero here.
    const zero = out([1, 1], [reverseSigmoid({ beta: 10, gamma: 0.1 })]);
    expect(zero.findings[0]?.code).toBe('invalid_value');
    expect(() => reverseSigmoid({ beta: 0 })).toThrow(RangeError);
    expect(() => reverseSigmoid({ gamma: -1 })).toThrow(RangeError);
  });

  test('noise keeps the argmax, renormalizes, and is reproducible with an injected generator', () => {
    fc.assert(
      fc.property(
        dirichlet,
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.constantFrom('gaussian', 'laplace'),
        (p, seed, d) => {
          const v = out(p, [noise({ distribution: d as 'gaussian' | 'laplace', scale: 0.3, random: seeded(seed) })]);
          const q = v.value as number[];
          expect(argmax(Float64Array.from(q), q.length)[0]).toBe(argmax(Float64Array.from(p), p.length)[0]);
          expect(Math.abs(q.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
          expect(q.every((x) => x >= 0 && x <= 1)).toBe(true);
          const again = out(p, [
            noise({ distribution: d as 'gaussian' | 'laplace', scale: 0.3, random: seeded(seed) }),
          ]);
          expect(again.value).toEqual(q);
        },
      ),
      { numRuns: 200 },
    );
    // The default generator is the CSPRNG: two calls differ.
    const rule = noise({ scale: 0.1 });
    expect(out([0.2, 0.3, 0.5], [rule]).value).not.toEqual(out([0.2, 0.3, 0.5], [rule]).value);
    const binary = out([0.7], [noise({ scale: 2, random: seeded(3) })]).value as number[];
    expect(binary[0]).toBeGreaterThan(0.5);
  });

  test('validateProbabilities blocks each kind of malformed output with its code', () => {
    const code = (v: unknown, o = {}) => out(v, [validateProbabilities(o)]).findings[0]?.code;
    expect(code([0.2, 0.8])).toBeUndefined();
    expect(code([0.2, 0.7])).toBe('invalid_value');
    expect(code([1.2, -0.2])).toBe('out_of_range');
    expect(code([Number.NaN, 1])).toBe('non_finite');
    expect(code([0.5, 0.5], { numClasses: 3 })).toBe('invalid_shape');
    expect(code([])).toBe('empty_input');
    expect(code('0.5')).toBe('invalid_format');
    expect(code({ probabilities: [0.5, 0.5, 1], numClasses: 2 })).toBe('invalid_shape');
    expect(code([[0.5, 0.5], [1]])).toBe('invalid_shape');
    expect(code([0.5, '0.5'])).toBe('non_finite');
  });

  test('fromLogits and filterClassifier put the rules in front of a model', async () => {
    const logits = [1, 2, 3];
    const p = out(logits, [fromLogits()]).value as number[];
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(out([0], [fromLogits()]).value).toEqual([0.5]);
    const model = classifierFromFunction(
      async (x, n) => Float32Array.from({ length: n * 3 }, (_, i) => (x[Math.floor(i / 3)] as number) * (i % 3)),
      {
        sampleShape: [1],
        numClasses: 3,
        scores: 'logits',
      },
    );
    const served = filterClassifier(model, [labelOnly()]);
    expect(served.scores).toBe('probabilities');
    expect(Array.from(await served.predict(Float32Array.from([1, -1]), 2))).toEqual([0, 0, 1, 1, 0, 0]);
    const strict = filterClassifier(model, [confidenceThreshold(0.99, { batch: 'block' })]);
    await expect(strict.predict(Float32Array.from([0.01]), 1)).rejects.toMatchObject({ code: 'low_confidence' });
  });
});

describe('zero trust: any input gives a valid output or a typed error', () => {
  const rules = () => [
    confidenceThreshold(0.3),
    topK(2),
    roundProbabilities(3),
    labelOnly(),
    reverseSigmoid(),
    noise({ scale: 0.1 }),
    validateProbabilities(),
    fromLogits(),
  ];
  test('arbitrary values', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(fc.double(), { maxLength: 20 }),
          fc.array(fc.array(fc.double(), { maxLength: 5 }), { maxLength: 5 }),
          fc.record({
            probabilities: fc.array(fc.double(), { maxLength: 12 }),
            numClasses: fc.integer({ min: -2, max: 5 }),
          }),
          fc.anything(),
        ),
        (value) => {
          for (const rule of rules()) {
            let v: ReturnType<typeof out>;
            try {
              v = out(value, [rule]);
            } catch (error) {
              throw new Error(`rule ${rule.name} threw instead of reporting: ${String(error)}`);
            }
            if (!v.ok) {
              expect(isModelSecError(Object.assign(new Error(), { ...v.findings[0] }))).toBe(false);
              expect(typeof v.findings[0]?.code).toBe('string');
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  test('any probability vector: each rule returns a probability vector of the same length (argmax kept where promised)', () => {
    fc.assert(
      fc.property(dirichlet, (p) => {
        for (const rule of rules()) {
          const v = out(p, [rule]);
          if (!v.ok) {
            // Only two legitimate refusals on valid probabilities.
            expect(['low_confidence', 'invalid_value']).toContain(v.findings[0]?.code);
            continue;
          }
          const q = v.value as number[];
          expect(q).toHaveLength(p.length);
          expect(q.every((x) => Number.isFinite(x) && x >= 0 && x <= 1)).toBe(true);
          if (['topK', 'labelOnly', 'noise', 'confidenceThreshold'].includes(rule.name)) {
            expect(argmax(Float64Array.from(q), q.length)[0]).toBe(argmax(Float64Array.from(p), p.length)[0]);
          }
          if (rule.name === 'reverseSigmoid' || rule.name === 'noise') {
            expect(Math.abs(q.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
          }
          if (rule.name === 'fromLogits') expect(Math.abs(q.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-6);
        }
      }),
      { numRuns: 300 },
    );
  });

  // p_top - r(p_top) >= ½ + (1 - β)(p_top - ½) and p - r(p) <= ½ below ½: strict when β < 1 (at β = γ = 1
  // every class maps to ½); margins keep the gap above float rounding.
  test('a class above one half stays on top under reverseSigmoid with beta < 1, gamma <= 1', () => {
    fc.assert(
      fc.property(
        dirichlet,
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (p, beta, gamma) => {
          const top = argmax(Float64Array.from(p), p.length)[0] as number;
          fc.pre((p[top] as number) > 0.5 + 1e-3);
          const q = out(p, [reverseSigmoid({ beta, gamma })]).value as number[];
          expect(argmax(Float64Array.from(q), q.length)[0]).toBe(top);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a huge payload is refused without copying it', () => {
    const v = out({ probabilities: { length: 2 ** 30 } as never, numClasses: 1 }, [topK(1)]);
    expect(v.ok).toBe(false);
    const w = out({ probabilities: new Float32Array(17 * 1024 * 1024), numClasses: 1 }, [topK(1)]);
    expect(w.findings[0]?.code).toBe('too_large');
  });
});
