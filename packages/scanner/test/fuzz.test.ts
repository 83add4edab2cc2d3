/**
 * Property tests: arbitrary and mutated inputs (pickles, zips, safetensors, GGUF, ONNX, npy, 7z)
 * always give a report (typed findings), never a crash or an untyped error; wrong argument types
 * give labelled TypeErrors.
 */

import { isModelSecError } from '@modelsec/core';
import { scanModel } from '@modelsec/scanner';
import { NOT_BYTES } from '@modelsec-test/utils';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { callPickle, cat, gguf, onnx, P, safetensors, zip } from './helpers/build';
import vectors from './vectors/reference-files.json';

const VERDICTS = ['clean', 'suspicious', 'dangerous'];

async function ok(bytes: Uint8Array, name = 'fuzz.bin') {
  const r = await scanModel(bytes, { name, limits: { maxEntryInflated: 1 << 20, maxTotalInflated: 1 << 22 } });
  expect(VERDICTS).toContain(r.verdict);
  expect(r.files).toHaveLength(1);
  for (const f of r.files[0]?.findings ?? []) expect(typeof f.code).toBe('string');
  return r.files[0];
}

/** Mutations: flip bytes, truncate, splice random chunks. */
const mutated = (seed: Uint8Array) =>
  fc
    .tuple(
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
      fc.option(fc.nat(), { nil: undefined }),
      fc.uint8Array({ maxLength: 64 }),
      fc.nat(),
    )
    .map(([flips, cut, insert, at]) => {
      let b = seed.slice();
      for (const [i, v] of flips) if (b.length) b[i % b.length] = v;
      if (cut !== undefined && b.length) b = b.subarray(0, cut % b.length);
      const p = b.length ? at % b.length : 0;
      return cat(b.subarray(0, p), insert, b.subarray(p));
    });

const seeds: Promise<[string, Uint8Array][]> = (async () => [
  ['pickle', callPickle('os', 'system')],
  ['pickle0', cat(P.mark, P.su('x'), P.inst('a', 'b'), P.global('os', 'system'), P.stop)],
  [
    'zip',
    await zip([
      { name: 'a/data.pkl', data: callPickle('builtins', 'eval') },
      { name: 'a/x.npy', data: cat([0x93], 'NUMPY', [1, 0, 6, 0], "{'a':1}") },
    ]),
  ],
  ['zipd', await zip([{ name: 'm.pkl', data: callPickle('os', 'system'), deflate: true }])],
  ['safetensors', safetensors({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }, 8)],
  ['gguf', gguf({ kv: { 'tokenizer.chat_template': '{{ x }}' }, tensors: [{ name: 't', dims: [2, 2] }] })],
  ['onnx', onnx({ domain: 'x', location: 'w.bin' })],
  ...vectors.files
    .filter((v) => v.b64.length < 2000)
    .map((v) => [v.name, Uint8Array.from(atob(v.b64), (c) => c.charCodeAt(0))] as [string, Uint8Array]),
])();

describe('fuzz', () => {
  test('arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (b) => void (await ok(b))),
      { numRuns: 300 },
    );
  });
  test('arbitrary bytes behind every magic number', async () => {
    const magics = [
      [0x80, 4],
      [0x50, 0x4b, 3, 4],
      [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c],
      [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59],
      [0x47, 0x47, 0x55, 0x46],
      [0x1f, 0x8b],
      [0x78, 0x9c],
      [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a],
      [0x08, 7, 0x12],
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...magics),
        fc.uint8Array({ maxLength: 1024 }),
        async (m, b) => void (await ok(cat(m, b), 'f.onnx')),
      ),
      { numRuns: 300 },
    );
  });
  test('mutated seeds of every format', async () => {
    for (const [name, seed] of await seeds) {
      await fc.assert(
        fc.asyncProperty(mutated(seed), async (b) => void (await ok(b, name))),
        { numRuns: 60 },
      );
    }
  });
  test('random opcode soup is disassembled without crashing', async () => {
    const op = fc.oneof(
      fc.constantFrom(
        ...[
          0x28, 0x2e, 0x30, 0x31, 0x32, 0x4e, 0x52, 0x61, 0x62, 0x65, 0x6c, 0x74, 0x29, 0x5d, 0x7d, 0x73, 0x75, 0x6f,
          0x81, 0x85, 0x86, 0x87, 0x8f, 0x90, 0x91, 0x92, 0x93, 0x94, 0x97, 0x98,
        ].map((x) => [x]),
      ),
      fc.constantFrom(
        [0x8c, 2, 0x6f, 0x73],
        [0x68, 0],
        [0x71, 1],
        [0x4b, 5],
        [0x63, 0x61, 0x0a, 0x62, 0x0a],
        [0x82, 3],
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { maxLength: 300 }),
        async (ops) => void (await ok(cat([0x80, 4], ...ops.map((o) => [...o])), 'x.pkl')),
      ),
      { numRuns: 300 },
    );
  });
  test('wrong argument types are labelled TypeErrors', async () => {
    for (const bad of NOT_BYTES.filter((v) => typeof v !== 'string' && !(Array.isArray(v) && v.length === 0))) {
      const err = await scanModel(bad as Uint8Array).catch((e) => e);
      expect(isModelSecError(err)).toBe(true);
      expect(err).toBeInstanceOf(TypeError);
    }
    await expect(scanModel([])).rejects.toThrow(RangeError);
    await expect(scanModel('')).rejects.toThrow(RangeError);
    await expect(scanModel(new Uint8Array(1), { strict: 'yes' as unknown as boolean })).rejects.toThrow(TypeError);
    await expect(scanModel(new Uint8Array(1), { limits: { maxMemo: 0 } })).rejects.toThrow(RangeError);
  });
});

describe('fast path', () => {
  test('the hot-opcode fast path has exactly the effects of the generic path', async () => {
    const { PickleMachine } = await import('../src/pickle/machine');
    const op = fc.oneof(
      fc.constantFrom(
        ...[
          0x28, 0x2e, 0x30, 0x31, 0x4e, 0x52, 0x61, 0x65, 0x6c, 0x74, 0x29, 0x5d, 0x7d, 0x73, 0x75, 0x85, 0x86, 0x88,
          0x89, 0x93, 0x94,
        ].map((x) => [x]),
      ),
      fc.tuple(fc.constantFrom(0x71, 0x68), fc.integer({ min: 0, max: 6 })).map(([c, k]) => [c, k]),
      fc.tuple(fc.constantFrom(0x72, 0x6a), fc.integer({ min: 0, max: 6 })).map(([c, k]) => [c, k, 0, 0, 0]),
      fc.constantFrom(['os', 'system', 'eval', 'builtins', 'x']).map(() => [0x8c, 2, 0x6f, 0x73]),
      fc
        .constantFrom('os', 'system', 'builtins', 'eval')
        .map((s) => [0x58, s.length, 0, 0, 0, ...new TextEncoder().encode(s)]),
      fc.integer({ min: 0, max: 70000 }).map((n) => [0x4a, n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, 0]),
      fc.constant([0x47, 0, 0, 0, 0, 0, 0, 0, 0]),
      fc.constant([0x4b, 3]),
      fc.constant([0x4d, 1, 2]),
    );
    const run = (bytes: Uint8Array, fast: boolean) => {
      const m = new PickleMachine();
      m.stable = true;
      if (!fast) (m as unknown as { fast: () => number }).fast = () => -1;
      const end = m.run(bytes, 0, bytes.length, true);
      return { end, globals: [...m.globals.values()], issues: m.issues, error: m.error, pickles: m.pickles };
    };
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const bytes = cat([0x80, 4], ...ops.map((o) => [...o]));
        expect(run(bytes, true)).toEqual(run(bytes, false));
      }),
      { numRuns: 500 },
    );
  });
});
