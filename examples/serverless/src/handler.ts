/**
 * The MNIST inference service as ONE Fetch-API handler for serverless and edge runtimes (Vercel Edge,
 * Cloudflare Workers, Deno Deploy, a service worker): web APIs only, no `node:` imports, no file system.
 *
 * It reuses the Node example's universal service (`@modelsec-examples/node-service/app`): the same
 * start-up checks (decrypt → verify the OMS signature → scan → load), the same `secureEndpoint` routes,
 * guards, output filters, PRADA and drift monitors. What changes is where things come from: the model,
 * its signature and the guard artifacts are bindings (object storage / KV in a real deployment), the
 * keys are secrets, and the audit log goes to an injected sink (memory by default; a queue or Redis
 * in production). The checks run once per cold start; when they fail the handler answers every
 * request with 503 and the error code, and never loads the model.
 */
import { ModelSecError } from '@modelsec/core';
import { decryptBytes, rawKeyProvider } from '@modelsec/core/encryption';
import {
  type ApiKeyRecord,
  type AuditSink,
  createAuditLog,
  ed25519AuditSigner,
  ed25519AuditVerifier,
  ed25519PublicKey,
  type FetchHandler,
  memoryAuditSink,
  type PlatformInfo,
} from '@modelsec/endpoint';
import {
  createInferenceService,
  type InferenceService,
  loadTrustedModel,
  parseGuardArtifacts,
  type ServiceLimits,
  type TrustedModelOptions,
} from '@modelsec-examples/node-service/app';

/** What the function is deployed with. */
export interface ServerlessConfig {
  /** The encrypted model, its OMS signature bundle and the release public key (PEM). */
  model: { name: string; encrypted: Uint8Array; signature: string; publicKeyPem: string };
  /** Secrets: the model key-encryption key, the API-key pepper and the audit signing key (32 bytes each). */
  secrets: { kek: Uint8Array; pepper: Uint8Array; auditKey: Uint8Array };
  /** `guards.json` from the release step. */
  guards: string;
  /** API key records (keyed hashes). */
  apiKeys: readonly ApiKeyRecord[];
  /** onnxruntime-web, configured by the caller (wasm binary, one thread). */
  ort: TrustedModelOptions['ort'];
  /** Where audit entries go (default: memory of this instance). */
  auditSink?: AuditSink & { entries(): AsyncIterable<import('@modelsec/endpoint').AuditEntry> };
  /** Limits overriding the defaults. */
  limits?: Partial<ServiceLimits>;
}

/** The handler and a way to see why it refused to start (for the platform's logs). */
export interface ServerlessHandler {
  /** The Fetch handler. */
  fetch: FetchHandler;
  /** Resolves to the service once the start-up checks passed, or rejects with their error. */
  ready(): Promise<InferenceService>;
}

/** Build the handler; the start-up checks run on the first request (cold start). */
export function createServerlessHandler(config: ServerlessConfig): ServerlessHandler {
  let starting: Promise<InferenceService> | undefined;
  const ready = () => {
    starting ??= start(config);
    return starting;
  };
  const fetch: FetchHandler = async (request: Request, platform?: PlatformInfo) => {
    let service: InferenceService;
    try {
      service = await ready();
    } catch (error) {
      const code = ModelSecError.isInstance(error) ? error.code : 'startup_failed';
      return Response.json(
        { error: { code, message: 'The model failed its start-up checks; the service is not serving.' } },
        { status: 503 },
      );
    }
    return service.fetch(request, platform);
  };
  return { fetch, ready };
}

async function start(config: ServerlessConfig): Promise<InferenceService> {
  const { model, secrets } = config;
  const bytes = await decryptBytes(model.encrypted, {
    keyProvider: rawKeyProvider(secrets.kek.slice(), { keyId: 'mnist-release-kek' }),
  });
  const trusted = await loadTrustedModel({
    bytes,
    bundle: model.signature,
    publicKey: model.publicKeyPem,
    name: model.name,
    ort: config.ort,
  });
  bytes.fill(0);
  const kid = 'audit-ed25519-1';
  const sink = config.auditSink ?? memoryAuditSink();
  const audit = createAuditLog({
    sink,
    signer: ed25519AuditSigner(secrets.auditKey, { kid }),
    logId: 'mnist-serverless',
  });
  await audit.append({ type: 'startup', model: trusted.evidence });
  return createInferenceService({
    model: trusted,
    artifacts: parseGuardArtifacts(config.guards),
    apiKeys: { pepper: secrets.pepper, records: config.apiKeys },
    audit,
    auditReader: {
      entries: () => sink.entries(),
      verifier: ed25519AuditVerifier(ed25519PublicKey(secrets.auditKey), { kid }),
    },
    resource: { model: 'mnist', version: '1' },
    ...(config.limits ? { limits: config.limits } : {}),
  });
}
