import { ModelSecError } from '@modelsec/core';
import { gunzip, parseCsvDataset, parseIdxDataset, parseJsonDataset } from '@modelsec/redteam';
import { loadMnist, readSharedBytes, readSharedText } from '@modelsec-test/utils';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

const typed = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(ModelSecError.isInstance(error)).toBe(true);
  }
};

describe('dataset formats', () => {
  test('IDX (gzip) and CSV copies of the MNIST test digits parse to the same data', async () => {
    const images = await gunzip(await readSharedBytes('mnist/t10k-images-idx3-ubyte.gz'));
    const labels = await gunzip(await readSharedBytes('mnist/t10k-labels-idx1-ubyte.gz'));
    const idx = parseIdxDataset(images, labels, { limit: 50 });
    expect(idx.count).toBe(50);
    expect(idx.sampleShape).toEqual([28, 28]);
    const reference = await loadMnist({ limit: 50 });
    expect(Array.from(idx.inputs)).toEqual(Array.from(reference.images));
    expect(Array.from(idx.labels)).toEqual(Array.from(reference.labels));
    const csv = parseCsvDataset(await readSharedText('mnist/mnist_test_first1000.csv'), { limit: 50 });
    expect(csv.sampleShape).toEqual([784]);
    expect(Array.from(csv.inputs)).toEqual(Array.from(idx.inputs)); // `auto` scale: values > 1 → /255
    expect(Array.from(csv.labels)).toEqual(Array.from(idx.labels));
  });

  test('JSON datasets, headers, scales', () => {
    const j = parseJsonDataset('{"inputs":[[0,2],[4,6]],"labels":[1,0]}', { scale: 2 });
    expect(Array.from(j.inputs)).toEqual([0, 1, 2, 3]);
    expect(parseJsonDataset('{"inputs":[1,2,3,4],"labels":[0,1]}').sampleShape).toEqual([2]);
    const c = parseCsvDataset('label,a,b\n1,0.5,0.25\n0,1,0\n');
    expect(Array.from(c.inputs)).toEqual([0.5, 0.25, 1, 0]);
    expect(() => parseCsvDataset('1,2\n3\n')).toThrow(expect.objectContaining({ code: 'malformed_file' }));
    expect(() => parseCsvDataset('1,x\n')).toThrow(expect.objectContaining({ code: 'non_finite' }));
    expect(() => parseJsonDataset('{"inputs":[1,2,3],"labels":[0,1]}')).toThrow(
      expect.objectContaining({ code: 'malformed_file' }),
    );
  });

  test('arbitrary bytes and text give typed errors, never crashes; headers cannot force huge allocations', async () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ maxLength: 50 }), (a, b) => {
        typed(() => parseIdxDataset(a, b));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string(), (t) => typed(() => parseCsvDataset(t))),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.json(), (t) => typed(() => parseJsonDataset(t))),
      { numRuns: 300 },
    );
    // A header claiming 2^32 × 2^32 values is refused before any allocation.
    const huge = Uint8Array.from([0, 0, 8, 2, 255, 255, 255, 255, 255, 255, 255, 255]);
    expect(() => parseIdxDataset(huge, Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 1, 0]))).toThrow(
      expect.objectContaining({ code: 'too_large' }),
    );
    // A gzip bomb stops at the cap.
    const zeros = new Uint8Array(1 << 20);
    const bomb = new Uint8Array(
      await new Response(new Blob([zeros]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer(),
    );
    await expect(gunzip(bomb, 1000)).rejects.toMatchObject({ code: 'too_large' });
    await expect(gunzip(Uint8Array.from([0x1f, 0x8b, 1, 2, 3]))).rejects.toMatchObject({ code: 'malformed_file' });
  });
});
