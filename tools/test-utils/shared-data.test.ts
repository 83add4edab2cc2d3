import { expect, test } from 'vitest';
import { hasSharedData, readSharedBytes, readSharedJSON } from './index';

test('shared data is reachable', async () => {
  expect(await hasSharedData()).toBe(true);
  const onnx = await readSharedBytes('mnist/opt-mnist.onnx');
  expect(onnx.length).toBe(25_905);
  const expected = await readSharedJSON<Record<string, unknown>>('picklescan/expected.json');
  expect(typeof expected).toBe('object');
});
