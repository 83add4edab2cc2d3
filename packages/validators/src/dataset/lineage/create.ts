/**
 * `createDatasetManifest()`: hash every file or shard of a dataset with core's model hashing, record
 * its lineage (parents pinned by digest, the transform, the labels) and sign both in one OMS bundle
 * with core's `signModel`, so any OMS verifier can check the data and modelsec can walk the lineage.
 */
import { aobject, describeValue, IntegrityError, ModelSecTypeError } from '@modelsec/core';
import {
  type JsonValue,
  type ModelSource,
  parseBundle,
  parseStatement,
  type SignModelOptions,
  signModel,
} from '@modelsec/core/signing';
import { parseDatasetManifest, parseLineage } from './parse';
import { dataDigest, lineageBytes, lineageMatches, statementDigest, withLineage } from './source';
import {
  DATASET_MANIFEST_FORMAT,
  DATASET_MANIFEST_VERSION,
  type DatasetLineage,
  type DatasetManifest,
  type ParentRef,
} from './types';

/** A parent given to `createDatasetManifest`: its manifest (object, text or bytes), optionally with a `uri`. */
export type ParentInput =
  | DatasetManifest
  | string
  | Uint8Array
  | { manifest: DatasetManifest | string | Uint8Array; uri: string };

/** Options of `createDatasetManifest`. */
export interface CreateDatasetManifestOptions extends SignModelOptions {
  /** Dataset name (default: the source's name). */
  name?: string;
  /** Parent datasets' manifests. */
  parents?: readonly ParentInput[];
  /** What produced this dataset (free-form JSON). */
  transform?: JsonValue;
  /** Label schema, class names, counts, labelling process (free-form JSON). */
  labels?: JsonValue;
  /** Creation time (default: now). Pass `null` to leave it out (reproducible manifests). */
  createdAt?: Date | string | null;
}

/** A created dataset manifest. */
export interface CreatedDatasetManifest {
  /** The manifest object. */
  manifest: DatasetManifest;
  /** The manifest as JSON text (what to store next to the data). */
  text: string;
  /** SHA-256 over the data resources. */
  dataDigest: string;
  /** SHA-256 of the signed statement: what children pin this dataset by. */
  manifestDigest: string;
}

/**
 * Hash, describe and sign a dataset.
 *
 * @param source - the data: `directorySource(path)` (Node), `fileListSource(files)`, `memorySource(...)`, `streamSource(...)`.
 * @param options - signing key (as `signModel`), hashing options (`method: 'shards'`, `shardSize`...),
 *   and the lineage: `parents`, `transform`, `labels`.
 * @throws IntegrityError `bundle_malformed` for a malformed parent manifest; signing and hashing errors as `signModel`.
 * @example
 * ```ts
 * const raw = await createDatasetManifest(directorySource('raw'), { privateKey });
 * const clean = await createDatasetManifest(directorySource('clean'), {
 *   privateKey,
 *   parents: [{ manifest: raw.text, uri: 'raw.manifest.json' }],
 *   transform: { description: 'dedup + PII redaction', code: 'sha256:…' },
 *   labels: { classes: ['cat', 'dog'] },
 * });
 * await writeFile('clean.manifest.json', clean.text);
 * ```
 */
export async function createDatasetManifest(
  source: ModelSource,
  options: CreateDatasetManifestOptions,
): Promise<CreatedDatasetManifest> {
  if (!source || typeof (source as ModelSource).list !== 'function') {
    throw new ModelSecTypeError(`"source" expected a ModelSource, got ${describeValue(source)}`);
  }
  aobject(options as unknown, 'options');
  const { name, parents = [], transform, labels, createdAt, ...signOptions } = options;
  if (!Array.isArray(parents))
    throw new ModelSecTypeError(`"options.parents" expected an array, got ${describeValue(parents)}`);
  const refs: ParentRef[] = [];
  for (const p of parents as readonly ParentInput[]) refs.push(await parentRef(p));
  const when = createdAt === undefined ? new Date() : createdAt;
  const draft: DatasetLineage = {
    name: name ?? source.name,
    parents: refs,
    ...(transform !== undefined ? { transform } : {}),
    ...(labels !== undefined ? { labels } : {}),
    ...(when !== null ? { createdAt: typeof when === 'string' ? when : when.toISOString() } : {}),
  };
  // Round-trip through the strict checker: what is signed is exactly what a verifier will accept.
  const lineage = parseLineage(JSON.parse(JSON.stringify(draft)) as JsonValue);
  const signed = await signModel(withLineage(source, lineageBytes(lineage)), signOptions);
  const manifest: DatasetManifest = {
    format: DATASET_MANIFEST_FORMAT,
    version: DATASET_MANIFEST_VERSION,
    lineage,
    bundle: signed.bundle as { [key: string]: JsonValue },
  };
  return {
    manifest,
    text: `${JSON.stringify(manifest, null, 2)}\n`,
    dataDigest: await dataDigest(signed.manifest),
    manifestDigest: await statementDigest(signed.text),
  };
}

async function parentRef(p: ParentInput): Promise<ParentRef> {
  const wrapped = typeof p === 'object' && p !== null && !(p instanceof Uint8Array) && 'manifest' in p && 'uri' in p;
  const parsed = parseDatasetManifest(wrapped ? (p as { manifest: DatasetManifest }).manifest : (p as DatasetManifest));
  const bundleText = JSON.stringify(parsed.bundle);
  const { manifest } = await parseStatement(parseBundle(bundleText).payload);
  if (!(await lineageMatches(manifest, parsed.lineage))) {
    throw new IntegrityError(
      'lineage_mismatch',
      `the lineage of parent "${parsed.lineage.name}" differs from its signed digest`,
    );
  }
  const ref: ParentRef = {
    name: parsed.lineage.name,
    dataDigest: await dataDigest(manifest),
    manifestDigest: await statementDigest(bundleText),
  };
  if (wrapped) ref.uri = (p as { uri: string }).uri;
  return ref;
}
