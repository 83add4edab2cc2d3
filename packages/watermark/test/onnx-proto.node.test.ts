/**
 * Cross-check with an independent protobuf decoder (onnx-proto, protobufjs): a model marked in place
 * decodes to the same graph with the new weights.
 */
import { loadMnistModelBytes } from '@modelsec-test/utils';
import { onnx } from 'onnx-proto';
import { expect, test } from 'vitest';
import { embedWeightWatermark, readInitializer } from '../src/index';

test('onnx-proto decodes the marked model: same nodes and tensors, new values in the marked one only', async () => {
  const model = await loadMnistModelBytes();
  const { model: marked, tensor } = embedWeightWatermark(model, {
    key: 'cross-check key for onnx-proto',
    bits: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8),
  });
  const before = onnx.ModelProto.decode(model);
  const after = onnx.ModelProto.decode(marked);
  expect(after.graph?.node?.length).toBe(before.graph?.node?.length);
  expect(after.graph?.initializer?.map((t) => t.name)).toEqual(before.graph?.initializer?.map((t) => t.name));
  for (const t of after.graph?.initializer ?? []) {
    const original = before.graph?.initializer?.find((x) => x.name === t.name);
    if (t.name !== tensor) {
      expect(t.rawData).toEqual(original?.rawData);
      expect(t.floatData).toEqual(original?.floatData);
      continue;
    }
    // Parameter87 is stored as packed float_data.
    const values = Float32Array.from(t.floatData ?? []);
    expect(values.length).toBe(3200);
    expect(values).toEqual(readInitializer(marked, tensor));
    expect(values).not.toEqual(readInitializer(model, tensor));
  }
});
