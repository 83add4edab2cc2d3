/**
 * Helpers for the hidden setup and check code of the guides' snippets (import them as
 * `docs-fixtures`): real models, data, keys and files made at test time, so a snippet runs against the
 * same things an app would have. Nothing here is shown to readers.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { classifierFromOnnx } from '@modelsec/core';
import { createSurrogate, makeBatchable, trainSurrogate } from '@modelsec/redteam';
import { createSession, loadMnist, loadMnistModelBytes, MNIST_MODEL, ort, sharedDataDir } from '@modelsec-test/utils';

/** Shared test data and the MNIST model, re-exported for setup code. */
export {
  createSession,
  loadMnist,
  loadMnistModelBytes,
  MNIST_MODEL,
  ort,
  readSharedBytes,
  readSharedFile,
  readSharedText,
} from '@modelsec-test/utils';

/** The outcome of one command of a shell block (what `snippet-check` code of a shell block inspects). */
export interface ShellResult {
  /** The command's words. */
  argv: string[];
  /** Exit code. */
  code: number;
  /** Captured standard output. */
  stdout: string;
  /** Captured standard error. */
  stderr: string;
  /** The working directory (relative to the harness's temporary folder). */
  cwd: string;
}

/** The results of the shell block that ran last; set by the harness before its check code runs. */
export const shell: { results: ShellResult[] } = { results: [] };

/**
 * Write files relative to the working directory (folders are created).
 *
 * @example
 * ```ts
 * writeFiles({ 'bert/config.json': '{}', 'bert/model.bin': new Uint8Array(64) });
 * ```
 */
export function writeFiles(files: Record<string, string | Uint8Array>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

/**
 * A small model folder: a config, a tokenizer and some weights (deterministic bytes).
 *
 * @example
 * ```ts
 * writeModelFolder('bert');
 * ```
 */
export function writeModelFolder(dir: string): void {
  const weights = new Uint8Array(256 * 1024).map((_, i) => (i * 31 + 7) & 0xff);
  writeFiles({
    [`${dir}/config.json`]: '{"architectures":["BertModel"],"hidden_size":64}\n',
    [`${dir}/tokenizer.json`]: '{"version":"1.0","model":{"type":"WordPiece"}}\n',
    [`${dir}/model.safetensors`]: weights,
  });
}

/**
 * A fresh ECDSA P-256 key pair as PEM (`key.pem` / `key.pub` when `write` is true).
 *
 * @example
 * ```ts
 * const { privateKey, publicKey } = ecKeyPair(true);
 * ```
 */
export function ecKeyPair(write = false): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  if (write) writeFiles({ 'key.pem': privateKey, 'key.pub': publicKey });
  return { privateKey, publicKey };
}

/**
 * The real MNIST CNN (opt-mnist.onnx) in onnxruntime-web, as core's `Classifier` (it returns logits).
 * With `maxBatch` above 1 the model's fixed batch dimension is made symbolic first (redteam's
 * `makeBatchable`), so attacks and audits that query thousands of digits run in a few calls.
 *
 * @example
 * ```ts
 * const model = await mnistClassifier();
 * const batched = await mnistClassifier({ maxBatch: 1000 });
 * ```
 */
export async function mnistClassifier(options: { maxBatch?: number } = {}) {
  const maxBatch = options.maxBatch ?? 1;
  const bytes = await loadMnistModelBytes();
  const session = await createSession(maxBatch > 1 ? makeBatchable(bytes).bytes : bytes);
  return classifierFromOnnx(session, {
    Tensor: ort.Tensor,
    sampleShape: [...MNIST_MODEL.sampleShape],
    numClasses: MNIST_MODEL.numClasses,
    ...(maxBatch > 1 ? { maxBatch } : {}),
  });
}

/**
 * A small MNIST classifier (an MLP from `@modelsec/redteam`'s surrogate trainer, seeded) trained on
 * `count` test digits from `offset`: a cheap stand-in for the CNN in snippets whose attacks spend
 * thousands of queries (finite-difference gradients), so the docs test stays fast. It returns
 * probabilities and has an exact `inputGradient`.
 *
 * @example
 * ```ts
 * const model = await smallMnistModel({ hidden: [32] });
 * ```
 */
export function smallMnistModel(
  options: { hidden?: number[]; count?: number; offset?: number; epochs?: number; seed?: number } = {},
) {
  const key = JSON.stringify(options);
  const cached = smallModels.get(key) ?? trainSmallModel(options);
  smallModels.set(key, cached); // trained once per test run: snippets only query it
  return cached;
}

const smallModels = new Map<string, ReturnType<typeof trainSmallModel>>();

async function trainSmallModel(options: {
  hidden?: number[];
  count?: number;
  offset?: number;
  epochs?: number;
  seed?: number;
}) {
  const { images, labels } = await loadMnist({ limit: options.count ?? 1000, offset: options.offset ?? 8000 });
  const seed = options.seed ?? 1;
  const model = createSurrogate({ sampleShape: [1, 28, 28], numClasses: 10, hidden: options.hidden ?? [32], seed });
  await trainSurrogate(model, { inputs: images, labels }, { epochs: options.epochs ?? 10, seed });
  return model;
}

/**
 * Make `../shared/data` (the guides' path of the shared test data, relative to the repository root)
 * resolve from the snippet's temporary working directory: a symbolic link in its parent folder.
 *
 * @example
 * ```ts
 * await linkSharedData(); // then `modelsec redteam ../shared/data/mnist/opt-mnist.onnx ...` works
 * ```
 */
export async function linkSharedData(): Promise<void> {
  const link = resolve('..', 'shared', 'data');
  if (existsSync(link)) return;
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(await sharedDataDir(), link, 'dir');
}

/**
 * Fail with `message` unless `condition` holds (for check code).
 *
 * @example
 * ```ts
 * check(report.verdict === 'clean', 'clean model expected');
 * ```
 */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`snippet check failed: ${message}`);
}

/**
 * The error a promise (or a function) fails with; fails itself when there is none.
 *
 * @example
 * ```ts
 * const error = await errorOf(verifyModel(source, bundle, { publicKey }));
 * check(error.code === 'digest_mismatch', 'tampering detected');
 * ```
 */
export async function errorOf(work: Promise<unknown> | (() => unknown)): Promise<Error & { code?: string }> {
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
  throw new Error('snippet check failed: expected an error, got none');
}
