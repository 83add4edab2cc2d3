import { expect, test } from 'vitest';
import { hasSharedData, isBrowser, readSharedBytes, readSharedJSON } from './index';

test('shared data is reachable', async () => {
  expect(await hasSharedData()).toBe(true);
  const onnx = await readSharedBytes('mnist/opt-mnist.onnx');
  expect(onnx.length).toBe(25_905);
  const expected = await readSharedJSON<Record<string, unknown>>('picklescan/expected.json');
  expect(typeof expected).toBe('object');
  // Raw bytes, not transparently decompressed by the dev server (gzip magic 1f 8b).
  const gz = await readSharedBytes('mnist/t10k-labels-idx1-ubyte.gz');
  expect([gz[0], gz[1]]).toEqual([0x1f, 0x8b]);
});

test.runIf(isBrowser)('the browser command reads only inside the shared data folder', async () => {
  await expect(readSharedBytes('../README.md')).rejects.toThrow(/outside the shared data/);
  await expect(readSharedBytes('mnist/no-such-file')).rejects.toThrow();
  expect(await hasSharedData()).toBe(true);
});
