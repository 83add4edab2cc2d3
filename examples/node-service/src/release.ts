/**
 * The release step (Node), what a model owner's pipeline does once per model version:
 *
 * 1. sign the model with a release key in the OpenSSF Model Signing format (the key is generated here,
 *    at run time, non-extractable, and thrown away: only its public half is kept, as a test stand-in for
 *    a key in a KMS or HSM);
 * 2. encrypt the model at rest with a fresh key-encryption key (the service decrypts it into memory);
 * 3. fit the input guards on legitimate digits: a robust z-score profile and the feature-squeezing
 *    threshold, both calibrated at a target false-positive rate on held-out digits, plus the reference
 *    confidences of the drift monitor;
 * 4. create the API keys (stored as keyed hashes) and the audit-log signing key.
 *
 * Layout of the release folder (secrets/ is 0700, its files 0600; never commit any of it):
 *
 * ```
 * model/opt-mnist.onnx.enc      encrypted model          model/opt-mnist.onnx.sig  OMS bundle
 * keys/release-signing.pub.pem  signature verification   keys/audit-ed25519.pub    audit verification (hex)
 * guards.json                   fitted guard artifacts   api-keys.json             key ids, hashes, principals
 * secrets/model.kek  secrets/pepper.key  secrets/audit-ed25519.key  secrets/client-keys.json (demo clients)
 * release.json                  what was released (digests, signer, calibration)
 * ```
 */
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { bytesToHex, classifierFromOnnx, digest, randomBytes, softmax } from '@modelsec/core';
import { encryptBytes, rawKeyProvider } from '@modelsec/core/encryption';
import { memorySource, signModel } from '@modelsec/core/signing';
import { type ApiKeyRecord, createApiKey, ed25519PublicKey, hashApiKey } from '@modelsec/endpoint';
import {
  bitDepth,
  calibrateProfile,
  createSqueezeDetector,
  fitInputProfile,
  medianSmoothing,
} from '@modelsec/validators';
import * as ort from 'onnxruntime-web';
import type { GuardArtifacts } from './app/guards';
import { ROBUST_Z } from './app/guards';
import { MNIST } from './app/model';
import { loadMnistDigits, mnistModelPath, pickDigits } from './data';
import { redteamRelease, watermarkRelease } from './release-evidence';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

/** The demo clients created by the release step, and their roles. */
export const CLIENTS = {
  alice: ['ML Model Consumer'],
  mallory: ['ML Model Consumer'],
  auditor: ['ML Model Auditor'],
} as const satisfies Record<string, readonly string[]>;

/** Options of `prepareRelease`. */
export interface ReleaseOptions {
  /** Folder to write the release into. */
  out: string;
  /** The model file (default: MNIST_MODEL or the shared data folder's opt-mnist.onnx). */
  modelPath?: string;
  /**
   * False-positive rates on held-out legitimate digits of the anomaly score (default 0.01) and of the
   * feature-squeezing detector (default 0.05, the operating point measured in docs/validators.md).
   */
  fpr?: { anomaly?: number; adversarial?: number };
  /** Digits used for fitting (default 1,250, at most 1,250) and for each calibration (default 625, at most 625). */
  fitCount?: number;
  calibrationCount?: number;
  /** Embed an ownership watermark before signing (default true). */
  watermark?: boolean;
  /** Run a small red-team suite (FGSM on this many digits) for the report (default 0: skipped). */
  redteamSamples?: number;
}

/** What `prepareRelease` reports (also written to `release.json`). */
export interface ReleaseSummary {
  model: { file: string; bytes: number; sha256: string; rootDigest: string; signerHint: string };
  encrypted: { file: string; bytes: number };
  guards: {
    fpr: { anomaly: number; adversarial: number };
    robustZThreshold: number;
    squeezeThreshold: number;
    fittedOn: number;
    calibratedOn: number;
  };
  clients: string[];
}

/** Run the release step. */
export async function prepareRelease(options: ReleaseOptions): Promise<ReleaseSummary> {
  const out = options.out;
  const modelPath = options.modelPath ?? mnistModelPath();
  const name = basename(modelPath);
  const fpr = { anomaly: options.fpr?.anomaly ?? 0.01, adversarial: options.fpr?.adversarial ?? 0.05 };
  for (const d of ['model', 'keys', 'secrets']) await mkdir(join(out, d), { recursive: true });
  await chmod(join(out, 'secrets'), 0o700);
  const secret = (file: string, data: string | Uint8Array) =>
    writeFile(join(out, 'secrets', file), data, { mode: 0o600 });

  // 1. Sign with a key generated now (private half non-extractable, never written anywhere).
  // 0. Watermark the weights first, so that the signature covers the marked model.
  const original = new Uint8Array(await readFile(modelPath));
  const model = options.watermark === false ? original : await watermarkRelease(original, out, name);
  const keyPair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const signed = await signModel(memorySource(name, model), { privateKey: keyPair });
  await writeFile(join(out, 'model', `${name}.sig`), signed.text);
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', keyPair.publicKey));
  await writeFile(join(out, 'keys', 'release-signing.pub.pem'), pem('PUBLIC KEY', spki));
  const bundle = JSON.parse(signed.text) as { verificationMaterial?: { publicKey?: { hint?: string } } };

  // 2. Encrypt at rest (the plaintext digest and size go into the authenticated header).
  const sha256 = bytesToHex(await digest('sha256', model));
  const kek = randomBytes(32);
  await secret('model.kek', kek);
  const container = await encryptBytes(model, {
    keyProvider: rawKeyProvider(kek.slice(), { keyId: 'mnist-release-kek' }),
    metadata: { digest: `sha256:${sha256}`, size: String(model.length), name },
  });
  await writeFile(join(out, 'model', `${name}.enc`), container);

  // 3. Fit the guards on legitimate digits, strided over the whole MNIST test set so that no set comes
  //    from an easier stretch: fit on i ≡ 0 (mod 8), calibrate the anomaly score on i ≡ 2 (mod 16) and
  //    the squeeze detector on i ≡ 6 (mod 16). Odd indices are never used here: tests take their traffic there.
  const digits = await loadMnistDigits();
  const fit = pickDigits(digits, { offset: 0, count: options.fitCount ?? 1250, stride: 8 });
  const held = pickDigits(digits, { offset: 2, count: options.calibrationCount ?? 625, stride: 16 });
  const squeezeSet = pickDigits(digits, { offset: 6, count: options.calibrationCount ?? 625, stride: 16 });
  const profile = calibrateProfile(
    fitInputProfile(fit.images, { featureCount: 784, covariance: 'none' }),
    held.images,
    {
      fpr: fpr.anomaly,
      methods: ['robustZ'],
      ...ROBUST_Z,
    },
  );
  const session = await ort.InferenceSession.create(model);
  const classifier = classifierFromOnnx(session, {
    Tensor: ort.Tensor as never,
    sampleShape: MNIST.sampleShape,
    numClasses: 10,
  });
  const detector = createSqueezeDetector(classifier, { squeezers: [bitDepth(1), medianSmoothing(2)] });
  const { threshold: squeezeThreshold } = await detector.calibrate(squeezeSet.images, squeezeSet.count, {
    fpr: fpr.adversarial,
  });
  const logits = await classifier.predict(held.images, held.count);
  const probs = softmax(logits, 10);
  const referenceConfidences: number[] = [];
  let correct = 0;
  for (let i = 0; i < held.count; i++) {
    const row = probs.subarray(i * 10, i * 10 + 10);
    referenceConfidences.push(Math.max(...row));
    if (row.indexOf(Math.max(...row)) === held.labels[i]) correct++;
  }
  const artifacts: GuardArtifacts = { profile, squeezeThreshold, fpr, referenceConfidences };
  await writeFile(join(out, 'guards.json'), JSON.stringify(artifacts));

  // 4. API keys (only keyed hashes are stored) and the audit signing key.
  const pepper = randomBytes(32);
  await secret('pepper.key', pepper);
  const records: ApiKeyRecord[] = [];
  const clientKeys: Record<string, string> = {};
  for (const [id, roles] of Object.entries(CLIENTS)) {
    const k = createApiKey();
    clientKeys[id] = k.key;
    records.push({ id: k.id, hash: await hashApiKey(k.key, pepper), principal: { id, roles: [...roles] } });
  }
  await writeFile(join(out, 'api-keys.json'), JSON.stringify(records, null, 2));
  await secret('client-keys.json', JSON.stringify(clientKeys, null, 2));
  const auditKey = randomBytes(32);
  await secret('audit-ed25519.key', auditKey);
  await writeFile(join(out, 'keys', 'audit-ed25519.pub'), bytesToHex(ed25519PublicKey(auditKey)));

  const summary: ReleaseSummary = {
    model: {
      file: `model/${name}`,
      bytes: model.length,
      sha256: `sha256:${sha256}`,
      rootDigest: `sha256:${signed.manifest.rootDigest}`,
      signerHint: bundle.verificationMaterial?.publicKey?.hint ?? '',
    },
    encrypted: { file: `model/${name}.enc`, bytes: container.length },
    guards: {
      fpr,
      robustZThreshold: profile.calibration?.robustZ?.threshold ?? Number.NaN,
      squeezeThreshold,
      fittedOn: fit.count,
      calibratedOn: held.count,
    },
    clients: Object.keys(CLIENTS),
  };
  await writeFile(join(out, 'release.json'), JSON.stringify(summary, null, 2));
  // 5. Optional red-team evidence, on digits no other step uses (indices ≡ 10 mod 16).
  const redteamCount = Math.min(options.redteamSamples ?? 0, 200);
  if (redteamCount > 0) {
    const rt = pickDigits(digits, { offset: 10, count: redteamCount, stride: 16 });
    await redteamRelease(model, out, { inputs: rt.images, labels: rt.labels });
  }
  await writeFile(
    join(out, 'report.json'),
    JSON.stringify(
      reportConfig(correct / held.count, held.count, fpr, {
        watermark: options.watermark !== false,
        redteam: redteamCount > 0,
      }),
      null,
      2,
    ),
  );
  return summary;
}

/**
 * The `modelsec report` config of this release (paths relative to the release folder): the model card
 * fields the owner knows at release time, and where the evidence will be once the service has run
 * (`deployment.json` and `audit.jsonl` are written by the service).
 */
function reportConfig(
  accuracy: number,
  n: number,
  fpr: { anomaly: number; adversarial: number },
  extra: { watermark: boolean; redteam: boolean },
) {
  return {
    format: 'modelsec.report',
    version: 1,
    model: {
      name: 'MNIST digit classifier (opt-mnist.onnx)',
      version: '1',
      owner: 'modelsec examples',
      description: 'ONNX model zoo MNIST-8 CNN: 28x28 grey-scale digit in, 10 logits out.',
      intendedUse: 'Recognising single handwritten digits (0-9), centred on a 28x28 canvas, for the modelsec examples.',
      outOfScope: 'Letters, several digits, photographs, any decision about people.',
      limitations: [
        'Trained on MNIST only: accuracy drops on digits that are not centred and size-normalised like MNIST.',
        'Not robust to adversarial perturbations by itself: the service refuses inputs its guards flag, at a calibrated false-positive rate.',
        `Input guards refuse about ${Math.round((fpr.anomaly + fpr.adversarial) * 100)}% of legitimate digits (calibrated FPR ${fpr.anomaly} + ${fpr.adversarial}).`,
      ],
      metrics: [
        {
          name: 'accuracy',
          value: Number(accuracy.toFixed(4)),
          dataset: `${n} MNIST test digits held out from guard fitting`,
        },
        {
          name: 'anomaly guard false-positive rate (target)',
          value: fpr.anomaly,
          dataset: 'held-out MNIST test digits',
        },
        {
          name: 'adversarial guard false-positive rate (target)',
          value: fpr.adversarial,
          dataset: 'held-out MNIST test digits',
        },
      ],
      encrypted: { path: 'model/opt-mnist.onnx.enc', keyFile: 'secrets/model.kek' },
      signature: { bundle: 'model/opt-mnist.onnx.sig', publicKey: 'keys/release-signing.pub.pem' },
    },
    ...(extra.watermark ? { watermark: 'watermark-verify.json' } : {}),
    ...(extra.redteam ? { redteam: 'redteam-report.json' } : {}),
    deployment: 'deployment.json',
    audit: { log: 'audit.jsonl', publicKey: 'keys/audit-ed25519.pub', kid: 'audit-ed25519-1' },
    output: { markdown: 'report/security-report.md', html: 'report/security-report.html' },
  };
}

function pem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  return `-----BEGIN ${label}-----\n${b64.match(/.{1,64}/g)?.join('\n')}\n-----END ${label}-----\n`;
}
