/**
 * Test helpers: bundle the worker entry with esbuild for a web-only runtime (as an edge deployment
 * would, against the BUILT @modelsec packages), and start it in an Edge Runtime VM with bindings read
 * from a release folder written by the Node example's release step.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { EdgeVM } from '@edge-runtime/vm';

const EXAMPLE_DIR = join(import.meta.dirname, '..');

export { bundleWorker } from '../scripts/bundle';

/** The onnxruntime-web WebAssembly binary the bundle's `onnxruntime-web/wasm` entry needs. */
export async function ortWasm(): Promise<Uint8Array> {
  const require = createRequire(join(EXAMPLE_DIR, 'package.json'));
  const dist = join(require.resolve('onnxruntime-web/wasm'), '..');
  return new Uint8Array(await readFile(join(dist, 'ort-wasm-simd-threaded.wasm')));
}

/** Bindings read from a release folder; `change` lets a test tamper with them. */
export async function bindingsFrom(dir: string, wasm: Uint8Array, extra: Record<string, unknown> = {}) {
  const bytes = async (...p: string[]) => new Uint8Array(await readFile(join(dir, ...p)));
  const text = (...p: string[]) => readFile(join(dir, ...p), 'utf8');
  return {
    ortWasm: wasm,
    modelName: 'opt-mnist.onnx',
    encryptedModel: await bytes('model', 'opt-mnist.onnx.enc'),
    signature: await text('model', 'opt-mnist.onnx.sig'),
    publicKeyPem: await text('keys', 'release-signing.pub.pem'),
    guards: await text('guards.json'),
    apiKeys: await text('api-keys.json'),
    kek: await bytes('secrets', 'model.kek'),
    pepper: await bytes('secrets', 'pepper.key'),
    auditKey: await bytes('secrets', 'audit-ed25519.key'),
    ...extra,
  };
}

/** Start the bundled worker in a fresh Edge Runtime VM with these bindings. */
export function startEdge(code: string, bindings: Record<string, unknown>): EdgeVM {
  const vm = new EdgeVM({
    extend: (context) => {
      Object.assign(context, { MODELSEC_BINDINGS: bindings });
      return context;
    },
  });
  vm.evaluate(code);
  return vm;
}

/** POST pixels to /v1/predict inside the VM. */
export async function predict(
  vm: EdgeVM,
  key: string | undefined,
  pixels: ArrayLike<number>,
  // biome-ignore lint/suspicious/noExplicitAny: parsed JSON response bodies, inspected by the tests
): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await vm.dispatchFetch('https://mnist.example/v1/predict', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-real-ip': '203.0.113.7', ...(key ? { 'x-api-key': key } : {}) },
    body: JSON.stringify({ pixels: Array.from(pixels) }),
  });
  return { status: res.status, body: await res.json(), headers: res.headers as unknown as Headers };
}

/** GET a route inside the VM. */
// biome-ignore lint/suspicious/noExplicitAny: parsed JSON response bodies, inspected by the tests
export async function get(vm: EdgeVM, path: string, key?: string): Promise<{ status: number; body: any }> {
  const res = await vm.dispatchFetch(`https://mnist.example${path}`, { headers: key ? { 'x-api-key': key } : {} });
  return { status: res.status, body: await res.json() };
}
