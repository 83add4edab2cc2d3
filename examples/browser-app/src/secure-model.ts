/**
 * The page's security logic (browser, universal code): download the encrypted model, decrypt it in
 * memory, verify its OpenSSF Model Signing signature and scan it before onnxruntime-web ever parses it
 * (the same start-up checks as the Node service, `loadTrustedModel`), then classify a digit through
 * the input guards (finite, range, blank, robust z-score anomaly, feature squeezing) and the output
 * filter (abstain below 60%, top-3 rounded scores).
 */
import { type AnyRule, hexToBytes, ModelSecError, softmax } from '@modelsec/core';
import { decryptBytes, rawKeyProvider } from '@modelsec/core/encryption';
import { validateInput } from '@modelsec/validators';
import {
  type Answer,
  filterAnswer,
  inputRules,
  loadTrustedModel,
  type ModelEvidence,
  parseGuardArtifacts,
  type TrustedModel,
} from '@modelsec-examples/node-service/app';
import * as ort from 'onnxruntime-web/wasm';

ort.env.wasm.numThreads = 1; // no cross-origin isolation needed
ort.env.wasm.wasmPaths = new URL('ort/', document.baseURI).href;
ort.env.logLevel = 'error';

/** A model that passed the checks, with its guards. */
export interface LoadedModel {
  evidence: ModelEvidence;
  model: TrustedModel;
  rules: AnyRule[];
}

/** The outcome of loading: verified, or refused with the error code and message. */
export type LoadOutcome = { ok: true; loaded: LoadedModel } | { ok: false; code: string; message: string };

/** The outcome of classifying one digit. */
export type Classification =
  | { ok: true; answer: Answer; findings: string[] }
  | { ok: false; code: string; rule: string; message: string };

const fetchBytes = async (url: string) => {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
};
const fetchText = async (url: string) => new TextDecoder().decode(await fetchBytes(url));

/** Download, decrypt, verify, scan and load a model from the release folder. */
export async function loadModel(base: string, which: 'clean' | 'tampered'): Promise<LoadOutcome> {
  try {
    const config = JSON.parse(await fetchText(`${base}config.json`)) as { kek: string; models: Record<string, string> };
    const encrypted = await fetchBytes(`${base}${config.models[which]}`);
    const bytes = await decryptBytes(encrypted, { keyProvider: rawKeyProvider(hexToBytes(config.kek)) });
    const model = await loadTrustedModel({
      bytes,
      bundle: await fetchText(`${base}opt-mnist.onnx.sig`),
      publicKey: await fetchText(`${base}release-signing.pub.pem`),
      name: 'opt-mnist.onnx',
      ort,
    });
    bytes.fill(0);
    const artifacts = parseGuardArtifacts(await fetchText(`${base}guards.json`));
    return { ok: true, loaded: { evidence: model.evidence, model, rules: inputRules(model.classifier, artifacts) } };
  } catch (error) {
    if (!ModelSecError.isInstance(error)) throw error;
    return { ok: false, code: error.code, message: `${error.name} ${error.code}: ${error.message}` };
  }
}

/** Validate and classify a digit (784 pixels in [0, 1]). */
export async function classify(loaded: LoadedModel, pixels: Float32Array): Promise<Classification> {
  const findings: string[] = [];
  try {
    await validateInput(pixels, loaded.rules, {
      onSuspicious: (list: readonly { rule: string; message: string }[]) => {
        for (const f of list) findings.push(`${f.rule}: ${f.message}`);
      },
    });
  } catch (error) {
    if (!ModelSecError.isInstance(error)) throw error;
    const rule = String((error.details as { rule?: string } | undefined)?.rule ?? '');
    return { ok: false, code: error.code, rule, message: error.message };
  }
  const probabilities = softmax(await loaded.model.classifier.predict(pixels, 1), 10);
  const answer = await filterAnswer(probabilities, false, (incident) => {
    for (const f of incident.findings) findings.push(`output ${incident.action}: ${f.rule}: ${f.message}`);
  });
  return { ok: true, answer, findings };
}
