/**
 * Tensor reading and the structural rules: shapes, dtypes, NaN/Infinity, subnormals, ranges,
 * vocabularies, norms, images, quantization; bounded allocation on hostile sizes.
 */
import { isModelSecError, runRules, ValidationError } from '@modelsec/core';
import {
  categories,
  denormals,
  featureRanges,
  finiteValues,
  imageRule,
  normBound,
  quantize,
  readTensor,
  tensorDtype,
  tensorShape,
} from '@modelsec/validators';
import { ort } from '@modelsec-test/utils';
import { describe, expect, test } from 'vitest';

const run = (value: unknown, rule: Parameters<typeof runRules>[1][number]) =>
  runRules(value, [rule], { phase: 'input' });

describe('readTensor', () => {
  test('nested arrays, typed arrays and ort Tensors give one flat view', () => {
    expect(
      readTensor([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ).toMatchObject({ kind: 'array', dtype: 'number', shape: [2, 3], size: 6 });
    const t = new ort.Tensor('float32', Float32Array.from([1, 2, 3, 4]), [2, 2]);
    const view = readTensor(t);
    expect(view).toMatchObject({ kind: 'ort', dtype: 'float32', shape: [2, 2], size: 4 });
    expect(view.data).toBe(t.data); // no copy
    expect(readTensor(new BigInt64Array([1n, -2n])).data).toEqual(Float64Array.of(1, -2));
  });

  test('malformed tensors are typed ValidationErrors', () => {
    const code = (v: unknown) => {
      try {
        readTensor(v);
        return 'ok';
      } catch (e) {
        expect(ValidationError.isInstance(e)).toBe(true);
        return (e as ValidationError).code;
      }
    };
    expect(code([[1, 2], [3]])).toBe('invalid_shape');
    expect(code([1, '2'])).toBe('invalid_format');
    expect(code([[1], 2])).toBe('invalid_shape');
    expect(code('1,2,3')).toBe('invalid_format');
    expect(code({ type: 'float32', dims: [3], data: new Float32Array(2) })).toBe('invalid_shape');
    expect(code({ type: 'string', dims: [1], data: ['a'] })).toBe('invalid_dtype');
    expect(code({ type: 'float32', dims: [-1], data: new Float32Array(0) })).toBe('invalid_shape');
    expect(code(new ort.Tensor('string', ['a', 'b'], [2]))).toBe('invalid_dtype');
    expect(code(new DataView(new ArrayBuffer(8)))).toBe('invalid_format');
    let deep: unknown = [1];
    for (let i = 0; i < 20; i++) deep = [deep];
    expect(code(deep)).toBe('too_deep');
  });

  test('oversize inputs are rejected before anything is allocated', () => {
    // A sparse array of 2^31 holes, dims promising 10^18 elements: both refused from their lengths alone.
    expect(() => readTensor(new Array(2 ** 31))).toThrow(expect.objectContaining({ code: 'too_large' }));
    expect(() => readTensor({ type: 'float32', dims: [1e9, 1e9], data: new Float32Array(1) })).toThrow(
      expect.objectContaining({ code: 'too_large' }),
    );
    const rows = new Array(70_000).fill(new Array(300).fill(0)); // 21M elements by shape, shared rows
    expect(() => readTensor(rows)).toThrow(expect.objectContaining({ code: 'too_large' }));
    expect(() => readTensor(new Float32Array(100), { maxElements: 99 })).toThrow(
      expect.objectContaining({ code: 'too_large' }),
    );
    // Accessors that throw (GPU-resident ort tensors) are a format error, not a crash.
    const gpu = {
      type: 'float32',
      dims: [1],
      get data(): never {
        throw new Error('data is on the GPU');
      },
    };
    expect(() => readTensor(gpu)).toThrow(expect.objectContaining({ code: 'invalid_format' }));
  });
});

describe('tensor rules', () => {
  test('tensorShape: exact ranks for arrays and Tensors, whole samples for flat typed arrays', async () => {
    const rule = tensorShape({ shape: [null, 1, 28, 28] });
    expect((await run(new ort.Tensor('float32', new Float32Array(784 * 2), [2, 1, 28, 28]), rule)).ok).toBe(true);
    expect((await run(new ort.Tensor('float32', new Float32Array(784), [1, 28, 28]), rule)).findings[0]?.code).toBe(
      'invalid_shape',
    );
    expect((await run(new Float32Array(784 * 3), rule)).ok).toBe(true);
    expect((await run(new Float32Array(785), rule)).ok).toBe(false);
    expect((await run(new Float32Array(0), rule)).ok).toBe(false);
    expect((await run([[1, 2]], tensorShape({ shape: [1, 2] }))).ok).toBe(true);
  });

  test('tensorDtype', async () => {
    expect((await run(new Float32Array(2), tensorDtype(['float32']))).ok).toBe(true);
    const v = await run(new Float64Array(2), tensorDtype(['float32']));
    expect(v.findings[0]).toMatchObject({ code: 'invalid_dtype', action: 'block' });
  });

  test('finiteValues blocks NaN and ±Infinity, or replaces them', async () => {
    const bad = Float32Array.of(0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
    const v = await run(bad, finiteValues());
    expect(v.ok).toBe(false);
    expect(v.findings[0]).toMatchObject({ code: 'non_finite', details: { nan: 1, infinite: 2, firstIndex: 1 } });
    const r = await run([[1, Number.NaN]], finiteValues({ action: 'replace', replacement: -1 }));
    expect(r.ok).toBe(true);
    expect(r.value).toEqual([[1, -1]]);
  });

  test('denormals: subnormal float32 values are flushed, blocked or flagged', async () => {
    const tiny = 1e-40; // subnormal as float32
    const input = Float32Array.of(1, tiny, -tiny, 0);
    expect((input[1] as number) > 0).toBe(true);
    const flushed = await run(input, denormals());
    expect(Array.from(flushed.value as Float32Array)).toEqual([1, 0, 0, 0]);
    expect(flushed.findings[0]).toMatchObject({ action: 'modify', details: { count: 2 } });
    expect((await run(input, denormals({ action: 'block' }))).ok).toBe(false);
    expect((await run([1e-300], denormals({ precision: 'float64' }))).findings).toHaveLength(0);
    expect((await run([1e-310], denormals({ precision: 'float64', action: 'flag' }))).findings[0]?.action).toBe('flag');
  });

  test('featureRanges: per-feature bounds, clip keeps the input kind', async () => {
    const rule = featureRanges({ min: [0, -1], max: [1, 1] });
    expect(
      (
        await run(
          [
            [0.5, 0],
            [1, -1],
          ],
          rule,
        )
      ).ok,
    ).toBe(true);
    const v = await run(
      [
        [0.5, 0],
        [2, -3],
      ],
      rule,
    );
    expect(v.findings[0]).toMatchObject({ code: 'out_of_range', details: { above: 1, below: 1, features: [0, 1] } });
    const t = new ort.Tensor('float32', Float32Array.of(2, -3, 0.5, 0), [2, 2]);
    const clipped = await run(t, featureRanges({ min: [0, -1], max: [1, 1], action: 'clip' }));
    expect(clipped.value).toBeInstanceOf(ort.Tensor);
    expect(Array.from((clipped.value as ort.Tensor).data as Float32Array)).toEqual([1, -1, 0.5, 0]);
    expect(
      (await run(Float32Array.of(Number.NaN), featureRanges({ min: 0, max: 1, action: 'clip' }))).findings[0]?.code,
    ).toBe('non_finite');
    expect((await run([1, 2, 3], rule)).findings[0]?.code).toBe('invalid_shape'); // not whole samples of 2
    expect(() => featureRanges({ min: [1], max: [0] })).toThrow(RangeError);
  });

  test('categories on records and on tensor features', async () => {
    const rule = categories({ country: ['FR', 'DE'], plan: ['free', 'pro'] });
    expect((await run({ country: 'FR', plan: 'pro', age: 3 }, rule)).ok).toBe(true);
    const v = await run({ country: 'XX', plan: 'pro' }, rule);
    expect(v.findings[0]).toMatchObject({ code: 'invalid_value', details: { unknown: 1, fields: ['country'] } });
    expect(JSON.stringify(v.findings)).not.toContain('XX');
    const replaced = await run({ country: 'XX' }, categories({ country: ['FR', 'DE'] }, { onUnknown: 'replace' }));
    expect(replaced.value).toEqual({ country: 'FR' });
    const codes = categories({ 1: [0, 1, 2] }, { featureCount: 3, onUnknown: 'replace', replacement: 0 });
    expect((await run([[5, 7, 9]], codes)).value).toEqual([[5, 0, 9]]);
  });

  test('normBound', async () => {
    const rule = normBound({ p: 2, min: 1, max: 5, featureCount: 2 });
    expect((await run([[3, 4]], rule)).ok).toBe(true);
    const v = await run(
      [
        [3, 4],
        [30, 40],
        [0, 0],
      ],
      rule,
    );
    expect(v.findings[0]).toMatchObject({ code: 'out_of_range', score: 50, details: { samples: 2 } });
    expect((await run([1, 1, 1, 0], normBound({ p: 0, max: 2 }))).ok).toBe(false);
    expect((await run([1, -3], normBound({ p: 'inf', max: 2 }))).findings[0]?.score).toBe(3);
    expect((await run([Number.NaN, 1], normBound({ p: 1, max: 2 }))).findings[0]?.code).toBe('non_finite');
    expect((await run([2, 2], normBound({ p: 1, max: 1, center: [2, 2] }))).ok).toBe(true);
  });

  test('imageRule: size, channels, pixel range on tensors and ImageData', async () => {
    const rule = imageRule({ layout: 'chw', width: 28, height: 28, channels: 1, range: [0, 1] });
    const good = new ort.Tensor('float32', new Float32Array(784).fill(0.5), [1, 1, 28, 28]);
    expect((await run(good, rule)).ok).toBe(true);
    const wrong = new ort.Tensor('float32', new Float32Array(3 * 32 * 32), [1, 3, 32, 32]);
    expect((await run(wrong, rule)).findings[0]).toMatchObject({
      code: 'invalid_shape',
      details: { channels: 3, width: 32 },
    });
    const bright = new ort.Tensor('float32', new Float32Array(784).fill(255), [1, 1, 28, 28]);
    expect((await run(bright, rule)).findings[0]?.code).toBe('out_of_range');
    const clip = imageRule({ range: [0, 1], action: 'clip' });
    expect(Array.from(((await run(bright, clip)).value as ort.Tensor).data as Float32Array).every((x) => x === 1)).toBe(
      true,
    );
    const imageData = { width: 2, height: 2, data: new Uint8ClampedArray(16).fill(7) };
    expect((await run(imageData, imageRule({ channels: 4, width: 2, range: [0, 255], integer: true }))).ok).toBe(true);
    expect((await run({ width: 3, height: 2, data: new Uint8ClampedArray(16) }, imageRule())).findings[0]?.code).toBe(
      'invalid_shape',
    );
    const hwc = imageRule({ layout: 'hwc', channels: 3, width: 4, height: 2 });
    expect((await run(new ort.Tensor('float32', new Float32Array(24), [2, 4, 3]), hwc)).ok).toBe(true);
    expect((await run([[0.5, 1.5]], imageRule({ integer: true }))).findings[0]?.code).toBe('invalid_value');
  });

  test('quantize snaps onto the grid (ties to even) and keeps the kind', async () => {
    const v = await run(Float32Array.of(0.5, 0.2, 0.9, 1.7, -1), quantize({ bits: 1 }));
    expect(Array.from(v.value as Float32Array)).toEqual([0, 0, 1, 1, 0]);
    expect(v.findings).toHaveLength(0); // routine sanitization is not a suspicion
    const q = await run([[0, 127.4, 255]], quantize({ levels: 256, range: [0, 255] }));
    expect(q.value).toEqual([[0, 127, 255]]);
  });

  test('every rule turns unreadable input into a typed blocking finding', async () => {
    const rules = [
      tensorShape({ shape: [2] }),
      tensorDtype(['float32']),
      finiteValues(),
      denormals(),
      featureRanges({ min: 0, max: 1 }),
      normBound(),
      imageRule(),
      quantize({ bits: 8 }),
    ];
    for (const rule of rules) {
      for (const input of [undefined, null, 'text', 42, {}, [['a']], new Array(2 ** 30)]) {
        const v = await run(input, rule);
        expect(v.ok).toBe(false);
        expect(v.findings[0]?.action).toBe('block');
        expect(['invalid_format', 'invalid_shape', 'too_large', 'invalid_dtype']).toContain(v.findings[0]?.code);
        expect(isModelSecError(new ValidationError(v.findings[0]?.code as 'invalid_format', 'x'))).toBe(true);
      }
    }
  });
});
