/**
 * Parsing an untrusted dataset manifest: strict JSON (duplicate keys rejected, size and depth bounded,
 * by core's signing parser), then every lineage field checked (names, 64-hex digests, at most 1,000
 * parents, a JSON transform/labels of bounded size). The bundle inside is parsed by core's
 * `parseBundle` when it is verified.
 */
import { describeValue, IntegrityError, isBytes, ModelSecTypeError } from '@modelsec/core';
import { isJsonObject, type JsonValue, parseStrictJson } from '@modelsec/core/signing';
import {
  DATASET_MANIFEST_FORMAT,
  DATASET_MANIFEST_VERSION,
  type DatasetLineage,
  type DatasetManifest,
  type ParentRef,
} from './types';

/** Largest manifest accepted (64 MiB, as bundles). */
export const MAX_MANIFEST_LENGTH = 64 * 1024 * 1024;
/** Most parents a lineage record may list. */
export const MAX_PARENTS = 1000;

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Parse and check a dataset manifest (text, bytes, or an already-parsed object).
 *
 * @throws IntegrityError `bundle_malformed` for anything that is not a well-formed dataset manifest.
 * @example
 * ```ts
 * const manifest = parseDatasetManifest(await readFile('train.manifest.json', 'utf8'));
 * manifest.lineage.parents.map((p) => p.name);
 * ```
 */
export function parseDatasetManifest(input: string | Uint8Array | DatasetManifest): DatasetManifest {
  let json: JsonValue;
  if (typeof input === 'string') json = parseStrictJson(input, { maxLength: MAX_MANIFEST_LENGTH });
  else if (isBytes(input)) {
    if (input.length > MAX_MANIFEST_LENGTH) malformed('manifest is too large');
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch (cause) {
      throw new IntegrityError('bundle_malformed', 'manifest is not UTF-8', { cause });
    }
    json = parseStrictJson(text, { maxLength: MAX_MANIFEST_LENGTH });
  } else if (typeof input === 'object' && input !== null) {
    // Re-read an object through JSON so that getters, prototypes and cycles cannot interfere.
    let text: string;
    try {
      text = JSON.stringify(input);
    } catch (cause) {
      throw new IntegrityError('bundle_malformed', 'manifest object is not JSON', { cause });
    }
    if (typeof text !== 'string') malformed('manifest object is not JSON');
    json = parseStrictJson(text, { maxLength: MAX_MANIFEST_LENGTH });
  } else {
    throw new ModelSecTypeError(
      `"manifest" expected JSON text, bytes or a manifest object, got ${describeValue(input)}`,
    );
  }
  if (!isJsonObject(json)) malformed('manifest is not a JSON object');
  if (json.format !== DATASET_MANIFEST_FORMAT) malformed(`manifest format is not ${DATASET_MANIFEST_FORMAT}`);
  if (json.version !== DATASET_MANIFEST_VERSION) malformed('unsupported manifest version');
  if (!isJsonObject(json.bundle)) malformed('manifest has no bundle object');
  return {
    format: DATASET_MANIFEST_FORMAT,
    version: DATASET_MANIFEST_VERSION,
    lineage: parseLineage(json.lineage),
    bundle: json.bundle,
  };
}

/** Check a lineage record. */
export function parseLineage(v: JsonValue | undefined): DatasetLineage {
  if (!isJsonObject(v)) malformed('lineage must be an object');
  for (const k of Object.keys(v)) {
    if (!['name', 'parents', 'transform', 'labels', 'createdAt'].includes(k)) malformed('lineage has an unknown field');
  }
  const name = checkName(v.name, 'lineage name');
  if (!Array.isArray(v.parents) || v.parents.length > MAX_PARENTS) malformed('lineage parents must be an array');
  const parents = v.parents.map(parseParent);
  const out: DatasetLineage = { name, parents };
  if (v.transform !== undefined) out.transform = v.transform;
  if (v.labels !== undefined) out.labels = v.labels;
  if (v.createdAt !== undefined) {
    if (typeof v.createdAt !== 'string' || v.createdAt.length > 64) malformed('lineage createdAt must be a string');
    out.createdAt = v.createdAt;
  }
  return out;
}

function parseParent(v: JsonValue): ParentRef {
  if (!isJsonObject(v)) malformed('each parent must be an object');
  for (const k of Object.keys(v)) {
    if (!['name', 'dataDigest', 'manifestDigest', 'uri'].includes(k)) malformed('a parent has an unknown field');
  }
  const ref: ParentRef = {
    name: checkName(v.name, 'parent name'),
    dataDigest: checkDigest(v.dataDigest),
    manifestDigest: checkDigest(v.manifestDigest),
  };
  if (v.uri !== undefined) {
    if (typeof v.uri !== 'string' || v.uri.length > 4096) malformed('parent uri must be a string');
    ref.uri = v.uri;
  }
  return ref;
}

function checkName(v: JsonValue | undefined, what: string): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > 1024) malformed(`${what} must be a non-empty string`);
  return v as string;
}

function checkDigest(v: JsonValue | undefined): string {
  if (typeof v !== 'string' || !HEX64.test(v)) malformed('digests must be 64 lower-case hex digits');
  return v as string;
}

function malformed(why: string): never {
  throw new IntegrityError('bundle_malformed', why);
}
