/**
 * Start the service from a release folder (Node): decrypt the model into memory, verify its signature,
 * scan it, then serve the Fetch handler through `node:http` on loopback, with a file audit log
 * (JSON Lines, hash-chained, Ed25519-signed). The start-up checks run before the port opens: a
 * tampered, substituted or unsafe model means no server at all.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { hexToBytes } from '@modelsec/core';
import { decryptBytes, rawKeyProvider } from '@modelsec/core/encryption';
import { type ApiKeyRecord, createAuditLog, ed25519AuditSigner, ed25519AuditVerifier } from '@modelsec/endpoint';
import { fileAuditSink, toNodeListener } from '@modelsec/endpoint/node';
import * as ort from 'onnxruntime-web';
import { parseGuardArtifacts } from './app/guards';
import { loadTrustedModel } from './app/model';
import { createInferenceService, type InferenceService, type ServiceLimits } from './app/service';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

/** Options of `startService`. */
export interface StartOptions {
  /** The release folder written by `prepareRelease`. */
  dir: string;
  /** Port (0 = any free port). */
  port?: number;
  /** Interface (default 127.0.0.1: loopback only). */
  host?: string;
  /** Limits overriding the defaults. */
  limits?: Partial<ServiceLimits>;
  /** Model file name inside `model/` (default opt-mnist.onnx). */
  modelName?: string;
}

/** A running service. */
export interface RunningService {
  /** Base URL. */
  url: string;
  /** The service (its monitors, its manifest). */
  service: InferenceService;
  /** The HTTP server. */
  server: Server;
  /** Stop accepting connections and close the server. */
  close(): Promise<void>;
}

/** Check the model, build the service and listen. */
export async function startService(options: StartOptions): Promise<RunningService> {
  const { dir } = options;
  const name = options.modelName ?? 'opt-mnist.onnx';
  const read = (...p: string[]) => readFile(join(dir, ...p));

  const kek = new Uint8Array(await read('secrets', 'model.kek'));
  const bytes = await decryptBytes(await read('model', `${name}.enc`), {
    keyProvider: rawKeyProvider(kek, { keyId: 'mnist-release-kek' }),
  });
  const model = await loadTrustedModel({
    bytes,
    bundle: await read('model', `${name}.sig`),
    publicKey: (await read('keys', 'release-signing.pub.pem')).toString('utf8'),
    name,
    ort,
  });
  bytes.fill(0); // the session holds its own copy; drop the plaintext

  const auditSecret = new Uint8Array(await read('secrets', 'audit-ed25519.key'));
  const auditPublic = hexToBytes((await read('keys', 'audit-ed25519.pub')).toString('utf8').trim());
  const sink = fileAuditSink(join(dir, 'audit.jsonl'));
  const kid = 'audit-ed25519-1';
  const audit = createAuditLog({ sink, signer: ed25519AuditSigner(auditSecret, { kid }), logId: 'mnist-node-service' });
  await audit.append({ type: 'startup', model: model.evidence });

  const service = createInferenceService({
    model,
    artifacts: parseGuardArtifacts((await read('guards.json')).toString('utf8')),
    apiKeys: {
      pepper: new Uint8Array(await read('secrets', 'pepper.key')),
      records: JSON.parse((await read('api-keys.json')).toString('utf8')) as ApiKeyRecord[],
    },
    audit,
    auditReader: { entries: () => sink.entries(), verifier: ed25519AuditVerifier(auditPublic, { kid }) },
    ...(options.limits ? { limits: options.limits } : {}),
  });
  await writeFile(join(dir, 'deployment.json'), JSON.stringify(service.describe(), null, 2));

  // toNodeListener closes the connection after a refusal sent before the body was read (413).
  const server = createServer(toNodeListener(service.fetch));
  // Idle keep-alive connections stay open longer than a client's or load balancer's (Node's 5 s default
  // races with clients that reuse a socket just as the server closes it: ECONNRESET).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen(options.port ?? 8080, options.host ?? '127.0.0.1');
  await new Promise<void>((ok, fail) => {
    server.once('listening', ok);
    server.once('error', fail);
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    service,
    server,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
