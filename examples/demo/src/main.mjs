// The modelsec end-to-end demo (`pnpm demo`): the whole story on the MNIST model, offline, each step
// printing one line with its evidence: sign → tamper → verify fails → scan a malicious pickle →
// encrypt / decrypt-load → guarded inference → adversarial input caught → extraction attacker flagged
// and outputs perturbed → watermark verified on a stolen copy → drift report → audit log verified.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bytesToHex, digest, ModelSecError, randomBytes, softmax } from '@modelsec/core';
import { encryptBytes, loadEncryptedModel, rawKeyProvider } from '@modelsec/core/encryption';
import { memorySource, signModel, verifyModel } from '@modelsec/core/signing';
import {
  createAuditLog,
  ed25519AuditSigner,
  ed25519AuditVerifier,
  ed25519PublicKey,
  memoryAuditSink,
  verifyAuditLog,
} from '@modelsec/endpoint';
import { confidenceThreshold, filterOutput, reverseSigmoid, roundProbabilities, topK } from '@modelsec/filters';
import { createExtractionMonitor, detectDrift } from '@modelsec/monitor';
import { fgsm, finiteDifferences, makeBatchable } from '@modelsec/redteam';
import { scanModel } from '@modelsec/scanner';
import {
  bitDepth,
  calibrateProfile,
  createSqueezeDetector,
  featureRanges,
  finiteValues,
  fitInputProfile,
  medianSmoothing,
  normBound,
  robustZRule,
  squeezeRule,
  validateInput,
} from '@modelsec/validators';
import {
  embedWeightWatermark,
  pruneByMagnitude,
  quantizeInt8,
  readInitializer,
  replaceInitializer,
  verifyWeightWatermark,
} from '@modelsec/watermark';
import { accuracy, attackerQueries, classifier, loadDigits, ort, pick, row, sharedData } from './mnist.mjs';

const step = (name, evidence) => console.log(`${name.padEnd(24)} ${evidence}`);
const short = (hex) => `${hex.slice(0, 16)}…`;
const sha = async (bytes) => bytesToHex(await digest('sha256', bytes));

const data = sharedData();
if (!data) {
  console.error(
    'modelsec demo: the shared data folder (MNIST model, digits, picklescan samples) was not found next to the ' +
      'clone (../shared/data). Set MODELSEC_SHARED_DATA to its path. Nothing is downloaded.',
  );
  process.exit(2);
}

// Every step is also recorded in a signed, hash-chained audit log, verified at the end.
const auditKey = randomBytes(32);
const sink = memoryAuditSink();
const audit = createAuditLog({ sink, signer: ed25519AuditSigner(auditKey, { kid: 'demo' }), logId: 'modelsec-demo' });
const record = (type, evidence) => audit.append({ type, ...evidence });

// 1. Sign the released model (OpenSSF Model Signing, ECDSA P-256 key generated now, private half non-extractable).
const NAME = 'opt-mnist.onnx';
const model = new Uint8Array(await readFile(join(data, 'mnist', NAME)));
const keyPair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
const signed = await signModel(memorySource(NAME, model), { privateKey: keyPair });
const modelSha = await sha(model);
step('sign', `${NAME} sha256:${modelSha}, OMS root sha256:${short(signed.manifest.rootDigest)} (ECDSA P-256)`);
await record('model_signed', { sha256: modelSha, root: signed.manifest.rootDigest });

// 2. Tamper with one weight byte; verification refuses it.
const tampered = model.slice();
tampered[model.length - 100] ^= 0x01;
try {
  await verifyModel(memorySource(NAME, tampered), signed.text, { publicKey: keyPair.publicKey });
  step('tamper → verify', 'VERIFIED (this must not happen)');
  process.exitCode = 1;
} catch (error) {
  if (!ModelSecError.isInstance(error)) throw error;
  step(
    'tamper → verify',
    `refused: ${error.name} ${error.code} (one flipped bit, file sha256:${short(await sha(tampered))})`,
  );
  await record('verify_failed', { code: error.code });
}
const verified = await verifyModel(memorySource(NAME, model), signed.text, { publicKey: keyPair.publicKey });
step(
  'verify original',
  `verified: ${verified.files?.length ?? 1} file(s), signer key ${short(verified.signer.hint ?? '')}`,
);

// 3. Scan a malicious pickle (picklescan's test corpus): dangerous globals are found without unpickling.
const pickleName = 'malicious0.pkl';
const scan = await scanModel(new Uint8Array(await readFile(join(data, 'picklescan', 'data', pickleName))), {
  name: pickleName,
});
const file = scan.files[0];
const dangerous = file.globals.filter((g) => g.safety === 'dangerous').map((g) => `${g.module}.${g.name}`);
const cleanScan = await scanModel(model, { name: NAME });
step(
  'scan',
  `${pickleName}: ${scan.verdict}, ${file.findings.length} finding(s), dangerous globals [${dangerous.join(', ')}]; ${NAME}: ${cleanScan.verdict}`,
);
await record('scan', { file: pickleName, verdict: scan.verdict, findings: file.findings.length });

// 4. Encrypt at rest; load by decrypting in memory, verifying the signature before onnxruntime sees it.
const kek = randomBytes(32);
const container = await encryptBytes(model, {
  keyProvider: rawKeyProvider(kek.slice()),
  metadata: { digest: `sha256:${modelSha}` },
});
const verifyFirst = (bytes) => verifyModel(memorySource(NAME, bytes), signed.text, { publicKey: keyPair.publicKey });
const session = await loadEncryptedModel(container, rawKeyProvider(kek.slice()), { ort, verify: verifyFirst });
const flipped = container.slice();
flipped[flipped.length - 50] ^= 0x01;
const refused = await loadEncryptedModel(flipped, rawKeyProvider(kek.slice()), { ort, verify: verifyFirst }).then(
  () => 'LOADED (this must not happen)',
  (error) => `${error.name} ${error.code}`,
);
step(
  'encrypt → load',
  `AES-256-GCM container ${container.length} bytes, decrypted + verified + loaded; flipped bit: ${refused}`,
);
await record('encrypted_load', { bytes: container.length, tamperedContainer: refused });

// 5. Guarded inference: input rules fitted on legitimate digits (robust z-score at 1% FPR, feature
//    squeezing at 5% FPR), outputs filtered (abstain < 0.6, top-3, 2 decimals).
const digits = await loadDigits(data);
const model1 = classifier(session);
const fit = pick(digits, 0, 1000, 8);
const held = pick(digits, 2, 500, 16);
const squeezeSet = pick(digits, 6, 500, 16);
const profile = calibrateProfile(fitInputProfile(fit.images, { featureCount: 784, covariance: 'none' }), held.images, {
  fpr: 0.01,
  methods: ['robustZ'],
  aggregate: 'mean',
  cap: 10,
});
const detector = createSqueezeDetector(model1, { squeezers: [bitDepth(1), medianSmoothing(2)] });
const { threshold } = await detector.calibrate(squeezeSet.images, squeezeSet.count, { fpr: 0.05 });
const rules = [
  finiteValues(),
  featureRanges({ min: 0, max: 1 }),
  normBound({ p: 1, min: 10, featureCount: 784 }),
  robustZRule(profile, { aggregate: 'mean', cap: 10 }),
  squeezeRule(detector, { threshold }),
];
const STANDARD = [confidenceThreshold(0.6), topK(3), roundProbabilities(2)];
const refusedBy = async (x) => {
  try {
    await validateInput(x, rules);
    return undefined;
  } catch (error) {
    if (!ModelSecError.isInstance(error)) throw error;
    return error.code;
  }
};
const probabilities = async (x) => softmax(await model1.predict(x, 1), 10);
const top1 = (p) => p.indexOf(Math.max(...p));
const traffic = pick(digits, 1, 200, 10);
let answered = 0;
let correct = 0;
let refusedClean = 0;
for (let i = 0; i < traffic.count; i++) {
  const x = row(traffic.images, i);
  if (await refusedBy(x)) {
    refusedClean++;
    continue;
  }
  const out = await filterOutput(Array.from(await probabilities(x)), STANDARD);
  if (out.usedSafeResponse) continue;
  answered++;
  if (top1(out.output) === traffic.labels[i]) correct++;
}
step(
  'guarded inference',
  `${traffic.count} fresh digits: ${answered} answered (${((correct / answered) * 100).toFixed(1)}% correct), ${refusedClean} refused by the guards (targets 1% + 5% FPR)`,
);
await record('guarded_inference', { digits: traffic.count, answered, correct, refused: refusedClean });

// 6. Adversarial digits (FGSM, eps 0.2, black-box gradient) that fool the model are caught by the guards.
const batchSession = await ort.InferenceSession.create(makeBatchable(model).bytes);
const batchModel = classifier(batchSession, 4096);
const victims = pick(digits, 3, 16, 10);
const attack = await fgsm(
  batchModel,
  { inputs: victims.images, labels: victims.labels },
  { eps: 0.2, gradient: finiteDifferences(batchModel, { scheme: 'forward' }) },
);
const fooled = [...attack.success.keys()].filter((i) => attack.success[i] === 1);
const caught = [];
for (const i of fooled) {
  const code = await refusedBy(row(attack.adversarial, i));
  if (code) caught.push(code);
}
step(
  'adversarial input',
  `FGSM eps 0.2 fooled the model on ${fooled.length}/${victims.count} digits; guards caught ${caught.length}/${fooled.length} (${[...new Set(caught)].join(', ')})`,
);
await record('adversarial', { fooled: fooled.length, caught: caught.length });

// 7. Extraction: PRADA watches each client's query distances; a flagged client gets perturbed scores.
const prada = createExtractionMonitor({ delta: 0.91 });
const HARDENED = [confidenceThreshold(0.6), reverseSigmoid({ beta: 1, gamma: 0.1 })];
async function client(id, queries) {
  let flaggedAt;
  let w = null;
  const changes = [];
  for (const [n, x] of queries.entries()) {
    if (await refusedBy(x)) continue;
    const p = Array.from(await probabilities(x));
    const seen = await prada.observe(id, x, top1(p));
    w = seen.w;
    if (seen.flagged && flaggedAt === undefined) flaggedAt = n + 1;
    if (seen.flagged) {
      const out = await filterOutput(p, HARDENED);
      if (!out.usedSafeResponse)
        changes.push({
          l1: out.output.reduce((s, v, k) => s + Math.abs(v - p[k]), 0),
          kept: top1(out.output) === top1(p),
        });
    }
  }
  return { flaggedAt, w, changes };
}
const attacker = await client('attacker', attackerQueries(pick(digits, 5, 40, 20), 4));
const honest = await client(
  'honest',
  Array.from({ length: 160 }, (_, i) => row(pick(digits, 7, 160, 20).images, i)),
);
const meanL1 = attacker.changes.reduce((s, c) => s + c.l1, 0) / Math.max(1, attacker.changes.length);
step(
  'extraction attacker',
  `PRADA flagged the attacker at query ${attacker.flaggedAt ?? 'never'} (W ${attacker.w?.toFixed(3)} < 0.91), honest client not flagged (W ${honest.w?.toFixed(3)}); ${attacker.changes.length} answers perturbed (mean L1 ${meanL1.toFixed(3)}, top-1 kept ${attacker.changes.filter((c) => c.kept).length}/${attacker.changes.length})`,
);
await record('extraction', { flaggedAt: attacker.flaggedAt ?? null, perturbed: attacker.changes.length });

// 8. Watermark: embed a 64-bit mark; a stolen copy (pruned 20% + int8-quantized) still carries it.
const wmKey = randomBytes(32);
const bits = new TextEncoder().encode('modelsec');
const marked = embedWeightWatermark(model, { key: wmKey, bits });
const stolenWeights = quantizeInt8(pruneByMagnitude(readInitializer(marked.model, marked.tensor), 0.2));
const stolen = replaceInitializer(marked.model, marked.tensor, stolenWeights);
const onStolen = verifyWeightWatermark(stolen, { key: wmKey, bits });
const onOriginal = verifyWeightWatermark(model, { key: wmKey, bits });
const accStolen = await accuracy(classifier(await ort.InferenceSession.create(stolen)), traffic);
step(
  'watermark',
  `stolen copy: ${onStolen.detected ? 'DETECTED' : 'not detected'} ${onStolen.matches}/${onStolen.bits} bits, p = ${onStolen.pValue.toExponential(2)} (accuracy ${(accStolen * 100).toFixed(1)}%); unmarked original: ${onOriginal.matches}/${onOriginal.bits}, p = ${onOriginal.pValue.toFixed(2)}`,
);
await record('watermark', { detected: onStolen.detected, pValue: onStolen.pValue });

// 9. Drift: top-class confidence and ink per digit, reference vs today's traffic (clean, then faded scans).
//    Reference and today are interleaved over the same stretch of the test set (same writers).
async function columns(batch, fade = 1) {
  const confidence = [];
  const ink = [];
  for (let i = 0; i < batch.count; i++) {
    const x = row(batch.images, i).map((v) => v * fade);
    confidence.push(Math.max(...(await probabilities(x))));
    ink.push(x.reduce((s, v) => s + v, 0) / 784);
  }
  return { confidence, ink };
}
const reference = await columns(held);
const today = pick(digits, 10, 500, 16);
const clean = detectDrift(reference, await columns(today));
const faded = detectDrift(reference, await columns(today, 0.5));
const p = (r, c) => r.columns.find((x) => x.column === c).score.toExponential(2);
step(
  'drift report',
  `clean traffic: drift ${clean.datasetDrift} (p confidence ${p(clean, 'confidence')}, ink ${p(clean, 'ink')}); faded scans: drift ${faded.datasetDrift} (p ${p(faded, 'confidence')}, ${p(faded, 'ink')})`,
);
await record('drift', { clean: clean.datasetDrift, faded: faded.datasetDrift });

// 10. The audit log verifies; editing one entry breaks the chain.
const verifier = ed25519AuditVerifier(ed25519PublicKey(auditKey), { kid: 'demo' });
const report = await verifyAuditLog(sink.entries(), { verifier });
const edited = [...sink.lines];
edited[3] = edited[3].replace(/"type":"[a-z_]+"/, '"type":"nothing_happened"');
const broken = await verifyAuditLog(edited, { verifier });
step(
  'audit log',
  `${report.entries} entries, Ed25519-signed hash chain ${report.ok ? 'verifies' : 'FAILS'} (head ${short(report.head.hash)}); one edited entry: ${broken.problems[0]?.kind} at seq ${broken.problems[0]?.seq}`,
);
if (!report.ok || broken.ok) process.exitCode = 1;
