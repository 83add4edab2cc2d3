/**
 * The in-toto Statement v1 that a model signature signs: build it from a manifest (predicate type
 * `https://model_signing/signature/v1.0`) and parse an untrusted one back into a manifest, checking
 * every field, every resource name, the resource order and the root digest. model_signing v0.2's
 * `https://model_signing/Digests/v0.1` statements (digests as subjects) are read too.
 */
import { utf8ToBytes } from '../bytes/encoding';
import { HASH_OUTPUT_LENGTH } from '../digest/algorithms';
import { IntegrityError } from '../errors/model-sec-error';
import type { ModelHashType } from './hash-engine';
import { type ModelManifest, type Resource, rootDigest, type Serialization } from './manifest';
import { compareReferenceOrder, compareSpecOrder, parseResourceName, type ResourceKey } from './names';
import { isJsonObject, type JsonValue, parseStrictJson } from './strict-json';

/** in-toto Statement v1 type. */
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
/** OMS v1.0 predicate type. */
export const PREDICATE_TYPE = 'https://model_signing/signature/v1.0';
/** model_signing v0.2 predicate type (read only). */
export const PREDICATE_TYPE_V01 = 'https://model_signing/Digests/v0.1';

const MAX_RESOURCES = 1_000_000;

/** A statement parsed from a signature. */
export interface ParsedStatement {
  /** The manifest it describes. */
  manifest: ModelManifest;
  /** `v1.0` (current) or `v0.1` (model_signing v0.2 `Digests/v0.1`, no serialization and no root digest). */
  format: 'v1.0' | 'v0.1';
}

/**
 * Encode a manifest as the statement payload bytes (2-space indented JSON, key order as model_signing
 * writes it). `shard_size` is written as an integer (see docs/signing.md on why not `1e9.0`).
 *
 * @example
 * ```ts
 * const payload = statementBytes(await hashModel(source));
 * ```
 */
export function statementBytes(manifest: ModelManifest): Uint8Array {
  const s = manifest.serialization;
  const serialization: Record<string, unknown> = {
    method: s.method,
    hash_type: s.hashType,
    allow_symlinks: s.allowSymlinks,
  };
  if (s.method === 'shards') serialization.shard_size = s.shardSize;
  if (s.ignorePaths && s.ignorePaths.length > 0) serialization.ignore_paths = s.ignorePaths;
  const statement = {
    _type: STATEMENT_TYPE,
    subject: [{ name: manifest.modelName, digest: { sha256: manifest.rootDigest } }],
    predicateType: PREDICATE_TYPE,
    predicate: {
      serialization,
      resources: manifest.resources.map((r) => ({ algorithm: r.algorithm, digest: r.digest, name: r.name })),
    },
  };
  return utf8ToBytes(JSON.stringify(statement, null, 2));
}

/**
 * Parse and check an untrusted statement payload.
 *
 * @throws IntegrityError: `bundle_malformed` / `bundle_duplicate_key` (bad JSON or fields),
 *   `predicate_unsupported`, `algorithm_mismatch`, `unsupported_algorithm`, `path_traversal`,
 *   `manifest_unordered`, `manifest_mismatch` (duplicate resources), `root_digest_mismatch`.
 * @example
 * ```ts
 * const { manifest } = await parseStatement(payloadBytes);
 * ```
 */
export async function parseStatement(payload: Uint8Array): Promise<ParsedStatement> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(payload);
  } catch (cause) {
    throw new IntegrityError('bundle_malformed', 'statement is not UTF-8', { cause });
  }
  const st = parseStrictJson(text);
  if (!isJsonObject(st)) malformed('statement is not a JSON object');
  if (st._type !== STATEMENT_TYPE) malformed('statement _type is not in-toto Statement v1');
  if (st.predicateType === PREDICATE_TYPE_V01) return { manifest: parseV01(st), format: 'v0.1' };
  if (st.predicateType !== PREDICATE_TYPE) {
    throw new IntegrityError(
      'predicate_unsupported',
      'statement predicateType is not https://model_signing/signature/v1.0',
    );
  }
  const subjects = st.subject;
  if (!Array.isArray(subjects) || subjects.length !== 1 || !isJsonObject(subjects[0]))
    malformed('statement needs exactly one subject');
  const subject = subjects[0] as { [k: string]: JsonValue };
  if (typeof subject.name !== 'string' || subject.name.length === 0)
    malformed('subject name must be a non-empty string');
  const subjectDigest = isJsonObject(subject.digest) ? subject.digest.sha256 : undefined;
  if (typeof subjectDigest !== 'string' || !/^[0-9a-f]{64}$/.test(subjectDigest))
    malformed('subject digest.sha256 must be 64 hex digits');
  const predicate = st.predicate;
  if (!isJsonObject(predicate)) malformed('predicate must be an object');
  const serialization = parseSerialization(predicate.serialization);
  const list = predicate.resources;
  if (!Array.isArray(list)) malformed('predicate resources must be an array');
  if (list.length > MAX_RESOURCES) malformed('too many resources');
  const resources: Resource[] = [];
  const keys: ResourceKey[] = [];
  const expectedLength = HASH_OUTPUT_LENGTH[serialization.hashType] * 2;
  const accepted = new Set<string>([serialization.hashType]);
  if (serialization.method === 'shards') accepted.add(`${serialization.hashType}-sharded-${serialization.shardSize}`);
  for (const r of list) {
    if (
      !isJsonObject(r) ||
      typeof r.name !== 'string' ||
      typeof r.algorithm !== 'string' ||
      typeof r.digest !== 'string'
    ) {
      malformed('each resource needs string name, algorithm and digest');
    }
    const res = r as { name: string; algorithm: string; digest: string };
    if (!accepted.has(res.algorithm)) {
      throw new IntegrityError('algorithm_mismatch', "a resource's algorithm differs from the serialization hash_type");
    }
    if (res.digest.length !== expectedLength || !/^[0-9a-f]+$/.test(res.digest))
      malformed('resource digest has the wrong form or length');
    keys.push(parseResourceName(res.name, serialization.method));
    resources.push({ name: res.name, algorithm: res.algorithm, digest: res.digest });
  }
  checkOrder(resources, keys);
  if ((await rootDigest(resources)) !== subjectDigest) {
    throw new IntegrityError('root_digest_mismatch', 'statement subject digest does not match its resources');
  }
  return {
    manifest: { modelName: subject.name as string, serialization, resources, rootDigest: subjectDigest },
    format: 'v1.0',
  };
}

function malformed(why: string): never {
  throw new IntegrityError('bundle_malformed', why);
}

function parseSerialization(v: JsonValue | undefined): Serialization {
  if (!isJsonObject(v)) malformed('predicate serialization must be an object');
  const {
    method,
    hash_type: hashType,
    allow_symlinks: allowSymlinks,
    shard_size: shardSize,
    ignore_paths: ignorePaths,
  } = v;
  if (method !== 'files' && method !== 'shards') malformed('serialization method must be "files" or "shards"');
  if (hashType !== 'sha256' && hashType !== 'blake2b' && hashType !== 'blake3') {
    throw new IntegrityError('unsupported_algorithm', 'serialization hash_type must be sha256, blake2b or blake3');
  }
  if (typeof allowSymlinks !== 'boolean') malformed('serialization allow_symlinks must be a boolean');
  const out: Serialization = { method, hashType: hashType as ModelHashType, allowSymlinks };
  if (method === 'shards') {
    if (typeof shardSize !== 'number' || !Number.isSafeInteger(shardSize) || shardSize <= 0) {
      malformed('serialization shard_size must be a positive integer');
    }
    out.shardSize = shardSize as number;
  }
  if (ignorePaths !== undefined) {
    if (
      !Array.isArray(ignorePaths) ||
      ignorePaths.length > 10_000 ||
      !ignorePaths.every((p) => typeof p === 'string')
    ) {
      malformed('serialization ignore_paths must be an array of strings');
    }
    out.ignorePaths = ignorePaths as string[];
  }
  return out;
}

/** Resources must be strictly sorted in model_signing's order or in the spec's name order. */
function checkOrder(resources: Resource[], keys: ResourceKey[]) {
  const names = new Set<string>();
  for (const r of resources) {
    if (names.has(r.name)) throw new IntegrityError('manifest_mismatch', 'a resource is listed twice');
    names.add(r.name);
  }
  let reference = true;
  let spec = true;
  for (let i = 1; i < resources.length; i++) {
    if (compareReferenceOrder(keys[i - 1] as ResourceKey, keys[i] as ResourceKey) >= 0) reference = false;
    if (compareSpecOrder((resources[i - 1] as Resource).name, (resources[i] as Resource).name) >= 0) spec = false;
  }
  if (!reference && !spec) throw new IntegrityError('manifest_unordered', 'resources are not in canonical order');
}

function parseV01(st: { [k: string]: JsonValue }): ModelManifest {
  const subjects = st.subject;
  if (!Array.isArray(subjects) || subjects.length > MAX_RESOURCES) malformed('v0.1 statement needs a subject array');
  const resources: Resource[] = [];
  const seen = new Set<string>();
  for (const s of subjects) {
    const digest = isJsonObject(s) && isJsonObject(s.digest) ? s.digest.sha256 : undefined;
    if (
      !isJsonObject(s) ||
      typeof s.name !== 'string' ||
      typeof digest !== 'string' ||
      !/^[0-9a-f]{64}$/.test(digest)
    ) {
      malformed('v0.1 subjects need a name and a sha256 digest');
    }
    const name = parseResourceName(s.name as string, 'files').path;
    if (seen.has(name)) throw new IntegrityError('manifest_mismatch', 'a resource is listed twice');
    seen.add(name);
    resources.push({ name, algorithm: 'sha256', digest: digest as string });
  }
  return {
    modelName: 'compat-undefined-not-present',
    serialization: { method: 'files', hashType: 'sha256', allowSymlinks: false },
    resources,
    rootDigest: '',
  };
}
