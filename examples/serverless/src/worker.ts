/**
 * A worker-style entry (`addEventListener('fetch')`, the Service Worker API that Cloudflare Workers,
 * the Vercel Edge Runtime and browsers share). The platform provides the bindings: here they arrive
 * as the global `MODELSEC_BINDINGS` (in production: environment secrets and object storage). The
 * onnxruntime WebAssembly binary is passed in as bytes, because edge runtimes may not fetch or
 * compile code from URLs at run time. The client address comes from the platform's own header.
 */
import type { ApiKeyRecord } from '@modelsec/endpoint';
import * as ort from 'onnxruntime-web/wasm';
import { createServerlessHandler } from './handler';

/** The bindings the deployment provides (all bytes as Uint8Array, keys as raw 32-byte secrets). */
interface Bindings {
  ortWasm: Uint8Array;
  modelName: string;
  encryptedModel: Uint8Array;
  signature: string;
  publicKeyPem: string;
  guards: string;
  /** `api-keys.json` (key ids, keyed hashes, principals). */
  apiKeys: string;
  kek: Uint8Array;
  pepper: Uint8Array;
  auditKey: Uint8Array;
  limits?: { perMinute?: number; perDay?: number };
}

declare const MODELSEC_BINDINGS: Bindings;
declare function addEventListener(
  type: 'fetch',
  listener: (event: { request: Request; respondWith(response: Promise<Response>): void }) => void,
): void;

ort.env.wasm.numThreads = 1;
ort.env.wasm.proxy = false;
ort.env.wasm.wasmBinary = MODELSEC_BINDINGS.ortWasm;
ort.env.logLevel = 'error';

const b = MODELSEC_BINDINGS;
// Copy binding bytes into this realm's Uint8Array (a binding may come from another realm).
const own = (bytes: Uint8Array) => new Uint8Array(bytes);
const handler = createServerlessHandler({
  model: { name: b.modelName, encrypted: own(b.encryptedModel), signature: b.signature, publicKeyPem: b.publicKeyPem },
  secrets: { kek: own(b.kek), pepper: own(b.pepper), auditKey: own(b.auditKey) },
  guards: b.guards,
  apiKeys: JSON.parse(b.apiKeys) as ApiKeyRecord[],
  ort,
  ...(b.limits ? { limits: b.limits } : {}),
});

addEventListener('fetch', (event) => {
  const remoteAddress = event.request.headers.get('x-real-ip') ?? undefined;
  event.respondWith(handler.fetch(event.request, remoteAddress ? { remoteAddress } : undefined));
});
