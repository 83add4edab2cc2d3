// A tiny ONNX classifier built in code with onnx-proto: 4 features → MatMul → Add → Softmax → 3 class
// probabilities. Deterministic weights, so the demo's numbers are the same on every machine.
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;

/** Weights [4, 3] (row-major) and bias [3] of the demo classifier. */
export const WEIGHTS = [1.2, -0.4, -0.8, 0.9, 0.1, -1.0, -1.6, 0.3, 1.3, -1.8, 0.2, 1.6];
export const BIAS = [0.5, 0.6, -1.1];

const valueInfo = (name, dims) =>
  onnx.ValueInfoProto.create({
    name,
    type: { tensorType: { elemType: FLOAT, shape: { dim: dims.map((d) => ({ dimValue: d })) } } },
  });

/** The serialized ONNX model (input `features` float[1,4], output `probabilities` float[1,3]). */
export function buildClassifier() {
  const graph = onnx.GraphProto.create({
    name: 'demo-linear-classifier',
    node: [
      onnx.NodeProto.create({ opType: 'MatMul', input: ['features', 'W'], output: ['logits_raw'] }),
      onnx.NodeProto.create({ opType: 'Add', input: ['logits_raw', 'b'], output: ['logits'] }),
      onnx.NodeProto.create({
        opType: 'Softmax',
        input: ['logits'],
        output: ['probabilities'],
        attribute: [onnx.AttributeProto.create({ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 1 })],
      }),
    ],
    initializer: [
      onnx.TensorProto.create({ name: 'W', dataType: FLOAT, dims: [4, 3], floatData: WEIGHTS }),
      onnx.TensorProto.create({ name: 'b', dataType: FLOAT, dims: [3], floatData: BIAS }),
    ],
    input: [valueInfo('features', [1, 4])],
    output: [valueInfo('probabilities', [1, 3])],
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'modelsec-demo',
    opsetImport: [{ domain: '', version: 17 }],
    graph,
  });
  // Copy out of protobufjs's pooled Buffer into a plain Uint8Array that owns its memory.
  return new Uint8Array(onnx.ModelProto.encode(model).finish());
}
