/**
 * The dataset manifest: a lineage record (name, parents by digest, transform, labels) plus an OpenSSF
 * Model Signing bundle (`@modelsec/core/signing`) whose signed resources are the dataset's files or
 * shards and one extra resource, `LINEAGE_RESOURCE`, whose digest is the SHA-256 of the lineage
 * record's canonical JSON. One signature thus covers the data and its lineage, and each parent is
 * pinned by the digest of its own signed statement: a hash chain from any dataset to its sources.
 */
import type { JsonValue } from '@modelsec/core/signing';

/** Format name of dataset manifests. */
export const DATASET_MANIFEST_FORMAT = 'modelsec.dataset-manifest';

/** Format version. */
export const DATASET_MANIFEST_VERSION = 1;

/** Name of the signed resource that carries the lineage record's digest. */
export const LINEAGE_RESOURCE = '.modelsec-lineage.json';

/** A parent dataset, pinned by digests. */
export interface ParentRef {
  /** The parent's dataset name. */
  name: string;
  /** SHA-256 (hex) over the parent's data resource digests (its content, without its lineage). */
  dataDigest: string;
  /** SHA-256 (hex) of the parent manifest's signed statement (its content and its lineage). */
  manifestDigest: string;
  /** Where the parent manifest can be found (a relative path or URL; informational, not trusted). */
  uri?: string;
}

/** The lineage record of a dataset. */
export interface DatasetLineage {
  /** Dataset name. */
  name: string;
  /** Parent datasets, in the order given. */
  parents: ParentRef[];
  /** What produced this dataset from its parents (free-form JSON: a description, code digest, parameters). */
  transform?: JsonValue;
  /** The labels: schema, class names, counts, labelling process (free-form JSON). */
  labels?: JsonValue;
  /** Creation time, ISO 8601. */
  createdAt?: string;
}

/** A dataset manifest (`JSON.stringify(manifest)` is its file format). */
export interface DatasetManifest {
  /** Always `modelsec.dataset-manifest`. */
  format: typeof DATASET_MANIFEST_FORMAT;
  /** Format version (1). */
  version: typeof DATASET_MANIFEST_VERSION;
  /** The lineage record. */
  lineage: DatasetLineage;
  /** The OMS / Sigstore bundle v0.3 signing the data resources and the lineage digest. */
  bundle: { [key: string]: JsonValue };
}

/**
 * Canonical JSON: object keys sorted by code point, no whitespace; what the lineage digest is over.
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [true, null] }); // '{"a":[true,null],"b":1}'
 * ```
 */
export function canonicalJson(value: JsonValue | undefined): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys
    .filter((k) => value[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
    .join(',')}}`;
}
