import {
  bytesToHex,
  createHasher,
  digest,
  digestStream,
  HASH_ALGORITHMS,
  HASH_OUTPUT_LENGTH,
  type HashAlgorithm,
  hashBackend,
} from '@modelsec/core';
import { isNode, NOT_BYTES } from '@modelsec-test/utils';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import vectors from './vectors/digests.json';

function input(c: (typeof vectors.sha2_blake2b)[number]): Uint8Array {
  const i = c.input as { utf8?: string; repeat?: string; count?: number };
  return new TextEncoder().encode(i.utf8 ?? (i.repeat ?? '').repeat(i.count ?? 0));
}

describe('known-answer vectors', () => {
  const algs = ['sha256', 'sha384', 'sha512', 'blake2b'] as const;
  for (const c of vectors.sha2_blake2b) {
    for (const alg of algs) {
      test(`${alg}(${c.name})`, async () => {
        const data = input(c);
        expect(bytesToHex(await digest(alg, data))).toBe(c[alg]);
        // Incremental, in uneven pieces.
        const h = createHasher(alg);
        for (let i = 0; i < data.length; i += 7919) h.update(data.subarray(i, i + 7919));
        expect(bytesToHex(h.digest())).toBe(c[alg]);
      });
    }
  }
  for (const c of vectors.blake3) {
    test(`blake3(len=${c.input_len})`, async () => {
      const data = Uint8Array.from({ length: c.input_len }, (_, i) => i % 251);
      expect(bytesToHex(await digest('blake3', data))).toBe(c.hash);
    });
  }
  test('strings hash as UTF-8', async () => {
    expect(bytesToHex(await digest('sha256', 'abc'))).toBe(vectors.sha2_blake2b[1]?.sha256);
  });
});

describe('backend', () => {
  test('node:crypto under Node, noble+WebCrypto in the browser', () => {
    expect(hashBackend).toBe(isNode ? 'node:crypto' : 'noble+webcrypto');
  });
  test('output lengths', async () => {
    for (const alg of HASH_ALGORITHMS)
      expect((await digest(alg, new Uint8Array(3))).length).toBe(HASH_OUTPUT_LENGTH[alg]);
  });
});

describe('streams', () => {
  const data = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 31) & 255);
  test('ReadableStream, Blob, async iterable and array give the same digest as one shot', async () => {
    for (const alg of HASH_ALGORITHMS) {
      const expected = bytesToHex(await digest(alg, data));
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          for (let i = 0; i < data.length; i += 65536) c.enqueue(data.subarray(i, i + 65536));
          c.close();
        },
      });
      async function* gen() {
        yield data.subarray(0, 5);
        yield data.subarray(5);
      }
      expect(bytesToHex(await digestStream(alg, stream))).toBe(expected);
      expect(bytesToHex(await digestStream(alg, new Blob([data])))).toBe(expected);
      expect(bytesToHex(await digestStream(alg, gen()))).toBe(expected);
      expect(bytesToHex(await digestStream(alg, [data.subarray(0, 1), data.subarray(1)]))).toBe(expected);
    }
  });
  test('non-byte chunks are TypeErrors', async () => {
    await expect(digestStream('sha256', ['abc' as unknown as Uint8Array])).rejects.toThrow(TypeError);
    await expect(digestStream('sha256', 42 as unknown as Uint8Array[])).rejects.toThrow(TypeError);
  });
});

describe('arguments', () => {
  test('unknown algorithm is a RangeError, wrong data type a TypeError', async () => {
    await expect(digest('md5' as HashAlgorithm, 'x')).rejects.toThrow(RangeError);
    await expect(digest(5 as unknown as HashAlgorithm, 'x')).rejects.toThrow(TypeError);
    for (const bad of NOT_BYTES.filter((b) => typeof b !== 'string')) {
      await expect(digest('sha256', bad as Uint8Array)).rejects.toThrow(TypeError);
    }
  });
  test('incremental equals one-shot for arbitrary splits', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2000 }),
        fc.array(fc.nat(2000), { maxLength: 5 }),
        fc.constantFrom(...HASH_ALGORITHMS),
        async (data, cuts, alg) => {
          const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
          const h = createHasher(alg);
          let prev = 0;
          for (const p of [...points, data.length]) {
            h.update(data.subarray(prev, p));
            prev = p;
          }
          expect(bytesToHex(h.digest())).toBe(bytesToHex(await digest(alg, data)));
        },
      ),
      { numRuns: 200 },
    );
  });
});
