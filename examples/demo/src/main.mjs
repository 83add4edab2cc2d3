// The modelsec end-to-end demo. Runs offline after `pnpm install`; every line prints its evidence.
// It grows with each capability: today integrity digests and guard() around an ONNX model.
import { bytesToHex, digest, equalBytes, guard, IntegrityError, ModelSecError } from '@modelsec/core';
import * as ort from 'onnxruntime-web';
import { buildClassifier } from './model.mjs';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

const CLASSES = ['setosa', 'versicolor', 'virginica'];
const SAFE_RESPONSE = { label: 'Unable to provide prediction' };
const step = (name, evidence) => console.log(`${name.padEnd(22)} ${evidence}`);

// 1. Build the model and record its digest, as a release pipeline would.
const modelBytes = buildClassifier();
const releasedDigest = await digest('sha256', modelBytes);
step('model', `linear classifier (${modelBytes.length} bytes, onnx-proto), sha256:${bytesToHex(releasedDigest)}`);

// 2. Before loading, check the bytes against the released digest (a flipped byte is caught).
async function loadVerified(bytes) {
  const actual = await digest('sha256', bytes);
  if (!equalBytes(actual, releasedDigest)) {
    throw new IntegrityError('digest_mismatch', 'model bytes do not match the released digest', {
      details: { expected: bytesToHex(releasedDigest).slice(0, 16), actual: bytesToHex(actual).slice(0, 16) },
    });
  }
  return ort.InferenceSession.create(bytes);
}
const tampered = new Uint8Array(modelBytes);
tampered[tampered.length - 5] ^= 0x01;
try {
  await loadVerified(tampered);
  step('tampered model', 'LOADED (this must not happen)');
  process.exitCode = 1;
} catch (error) {
  if (!ModelSecError.isInstance(error)) throw error;
  step(
    'tampered model',
    `refused: ${error.name} ${error.code} (digest ${error.details?.actual}… ≠ ${error.details?.expected}…)`,
  );
}
const session = await loadVerified(modelBytes);
step(
  'verified model',
  `loaded by onnxruntime-web ${ort.env.versions?.web ?? ''} (${session.inputNames} → ${session.outputNames})`,
);

// 3. Rules: plain objects. Input: finite numbers only (block), features clipped to the training range.
const finite = {
  name: 'finite',
  check: (x) =>
    x.every(Number.isFinite)
      ? undefined
      : {
          findings: [
            { rule: 'finite', severity: 'high', message: 'non-finite feature', code: 'non_finite', action: 'block' },
          ],
        },
};
const clipToRange = {
  name: 'clipToRange',
  check: (x) => {
    const clipped = x.map((v) => Math.min(10, Math.max(0, v)));
    const n = clipped.filter((v, i) => v !== x[i]).length;
    return n === 0
      ? undefined
      : {
          value: clipped,
          findings: [
            { rule: 'clipToRange', severity: 'low', message: `${n} feature(s) clipped to [0, 10]`, action: 'modify' },
          ],
        };
  },
};
// Output: abstain below 60% confidence (the design's "Unable to provide prediction").
const confidence = {
  name: 'confidence',
  check: (out) =>
    out.confidence >= 0.6
      ? undefined
      : {
          value: { ...SAFE_RESPONSE, confidence: out.confidence },
          findings: [
            { rule: 'confidence', severity: 'low', message: 'below 0.6', score: out.confidence, action: 'modify' },
          ],
        },
};

async function predict(features) {
  const input = new ort.Tensor('float32', Float32Array.from(features), [1, 4]);
  const { probabilities } = await session.run({ features: input });
  const p = Array.from(probabilities.data);
  const k = p.indexOf(Math.max(...p));
  return { label: CLASSES[k], confidence: p[k] };
}

let modelCalls = 0;
const counted = async (x) => {
  modelCalls++;
  return predict(x);
};
const findings = [];
const safePredict = guard(counted, {
  input: [finite, clipToRange],
  output: [confidence],
  onFinding: (f, phase) => findings.push(`${phase}:${f.rule}`),
});

const fmt = (r) => `${r.label}${r.confidence === undefined ? '' : ` (p=${r.confidence.toFixed(3)})`}`;
step('guarded prediction', `[5.1, 3.5, 1.4, 0.2] → ${fmt(await safePredict([5.1, 3.5, 1.4, 0.2]))}`);

try {
  await safePredict([5.1, Number.NaN, 1.4, 0.2]);
} catch (error) {
  if (!ModelSecError.isInstance(error)) throw error;
  step('NaN input', `blocked before the model: ${error.name} ${error.code} (model calls so far: ${modelCalls})`);
}

const clipped = await safePredict.run([5.1, 3.5, 42, 0.2]);
step(
  'out-of-range input',
  `feature 42 clipped to 10 → ${fmt(clipped.output)}; findings: ${clipped.input.findings.map((f) => f.message)}`,
);

const unsure = await safePredict([2.2, 2.0, 2.1, 2.0]);
step('low confidence', `[2.2, 2.0, 2.1, 2.0] → "${unsure.label}" (p=${unsure.confidence.toFixed(3)} < 0.6)`);

step('findings log', `${findings.length} findings: ${findings.join(', ')}; model calls: ${modelCalls}`);
