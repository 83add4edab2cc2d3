/**
 * Start-up checks of the model, in the order a careful service runs them before it serves anything:
 * verify the OpenSSF Model Signing bundle against the release key (tampering, substitution), scan the
 * bytes for unsafe content (a signed model from a compromised pipeline can still carry a payload), and
 * only then create the onnxruntime session. Universal code: the Node service and the serverless handler
 * both call it with the bytes they loaded.
 */
import { bytesToHex, type Classifier, classifierFromOnnx, digest, SecurityError } from '@modelsec/core';
import { memorySource, type PublicKeyInput, verifyModel } from '@modelsec/core/signing';
import { type ScanReport, scanModel } from '@modelsec/scanner';
import type * as ortTypes from 'onnxruntime-web';

/** The opt-mnist.onnx contract: input `Input3` [1, 1, 28, 28] (pixel / 255), output 10 logits. */
export const MNIST = { sampleShape: [1, 28, 28] as const, numClasses: 10, pixels: 784 } as const;

/** What the service needs to trust a model. */
export interface TrustedModelOptions {
  /** The model file's bytes (never loaded before the checks pass). */
  bytes: Uint8Array;
  /** Its OMS signature bundle (`model.sig`). */
  bundle: string | Uint8Array;
  /** The release key that must have signed it (PEM, JWK or CryptoKey). */
  publicKey: PublicKeyInput;
  /** File name used in the signature and the scan report. */
  name?: string;
  /** The onnxruntime module (onnxruntime-web here; onnxruntime-node works the same). */
  ort: Pick<typeof ortTypes, 'InferenceSession' | 'Tensor'>;
}

/** Evidence of the start-up checks, kept for the health endpoint, the audit log and `modelsec report`. */
export interface ModelEvidence {
  /** `sha256:<hex>` of the file. */
  sha256: string;
  /** Size in bytes. */
  bytes: number;
  /** The OMS root digest the signature covers. */
  rootDigest: string;
  /** Key hint (or certificate names) of the signer. */
  signer: string;
  /** The scanner's verdict and counts. */
  scan: { verdict: ScanReport['verdict']; format: string; findings: number; globals: number };
}

/** A verified, scanned, loaded model. */
export interface TrustedModel {
  /** The model behind core's Classifier contract. */
  classifier: Classifier;
  /** What was checked. */
  evidence: ModelEvidence;
}

/**
 * Verify, scan and load a model; throws before the model is ever parsed by onnxruntime when a check fails.
 *
 * @throws IntegrityError (`digest_mismatch`, `signature_invalid`, `key_mismatch`...) from the signature
 *   check; SecurityError `dangerous_code` when the scanner does not find the file clean.
 */
export async function loadTrustedModel(options: TrustedModelOptions): Promise<TrustedModel> {
  const name = options.name ?? 'model.onnx';
  const verified = await verifyModel(memorySource(name, options.bytes), options.bundle, {
    publicKey: options.publicKey,
  });
  const report = await scanModel(options.bytes, { name });
  const file = report.files[0];
  if (report.verdict !== 'clean') {
    throw new SecurityError('dangerous_code', `the model scan is ${report.verdict}; refusing to load it`, {
      details: { verdict: report.verdict, findings: file?.findings.map((f) => f.code) ?? [] },
    });
  }
  const session = await options.ort.InferenceSession.create(options.bytes);
  const classifier = classifierFromOnnx(session, {
    Tensor: options.ort.Tensor as never,
    sampleShape: MNIST.sampleShape,
    numClasses: MNIST.numClasses,
  });
  return {
    classifier,
    evidence: {
      sha256: `sha256:${bytesToHex(await digest('sha256', options.bytes))}`,
      bytes: options.bytes.length,
      rootDigest: `sha256:${verified.manifest.rootDigest}`,
      signer: verified.signer.hint ?? verified.signer.subjectAltNames?.join(', ') ?? verified.method,
      scan: {
        verdict: report.verdict,
        format: file?.format ?? 'unknown',
        findings: file?.findings.length ?? 0,
        globals: file?.globals.length ?? 0,
      },
    },
  };
}
