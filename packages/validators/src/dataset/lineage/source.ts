/**
 * Wrapping a dataset source (core's `ModelSource`: a folder in Node, `File`s, an in-memory map, a
 * stream) so that its signed manifest also lists the lineage record as one extra resource, and the
 * digest helpers that pin a manifest: the data digest (over the data resources only) and the manifest
 * digest (SHA-256 of the signed statement).
 */
import { bytesToHex, digest, IntegrityError, utf8ToBytes } from '@modelsec/core';
import {
  hashModel,
  type ModelFile,
  type ModelManifest,
  type ModelSource,
  memorySource,
  parseBundle,
  rootDigest,
} from '@modelsec/core/signing';
import { canonicalJson, type DatasetLineage, LINEAGE_RESOURCE } from './types';

/** The canonical bytes of a lineage record. */
export function lineageBytes(lineage: DatasetLineage): Uint8Array {
  return utf8ToBytes(canonicalJson(lineage as unknown as Parameters<typeof canonicalJson>[0]));
}

/** `source` plus the lineage record as the resource `LINEAGE_RESOURCE` (a single file keeps its name). */
export function withLineage(source: ModelSource, lineage: Uint8Array): ModelSource {
  const extra = memorySource('lineage', { [LINEAGE_RESOURCE]: lineage });
  return {
    name: source.name,
    single: false,
    async list(options) {
      const files = await source.list(options);
      const out: ModelFile[] = files.map((f) => (source.single ? { ...f, path: source.name } : f));
      if (out.some((f) => f.path === LINEAGE_RESOURCE)) {
        throw new IntegrityError('manifest_mismatch', `the dataset already holds a file named ${LINEAGE_RESOURCE}`);
      }
      return [...out, ...(await extra.list({ allowSymlinks: false, ignore: [] }))];
    },
  };
}

/** True for the resource(s) of the lineage record (`files`: its name; `shards`: `<name>:<start>:<end>`). */
export function isLineageResource(name: string): boolean {
  return name === LINEAGE_RESOURCE || name.startsWith(`${LINEAGE_RESOURCE}:`);
}

/** SHA-256 (hex) over the digests of the data resources (every resource but the lineage one). */
export async function dataDigest(manifest: ModelManifest): Promise<string> {
  return rootDigest(manifest.resources.filter((r) => !isLineageResource(r.name)));
}

/**
 * True when the signed manifest's lineage resources are exactly those of `lineage`, hashed with the
 * manifest's own serialization (hash type, files or shards) by core's `hashModel`.
 */
export async function lineageMatches(manifest: ModelManifest, lineage: DatasetLineage): Promise<boolean> {
  const s = manifest.serialization;
  const expected = await hashModel(memorySource('lineage', { [LINEAGE_RESOURCE]: lineageBytes(lineage) }), {
    method: s.method,
    hashType: s.hashType,
    ...(s.shardSize !== undefined ? { shardSize: s.shardSize } : {}),
    threads: 1,
  });
  const signed = manifest.resources.filter((r) => isLineageResource(r.name));
  if (signed.length !== expected.resources.length) return false;
  return signed.every((r, i) => {
    const e = expected.resources[i] as { name: string; digest: string };
    return r.name === e.name && r.digest === e.digest;
  });
}

/** SHA-256 (hex) of a bundle's signed statement: what a child manifest pins its parent by. */
export async function statementDigest(bundle: string | Uint8Array): Promise<string> {
  return bytesToHex(await digest('sha256', parseBundle(bundle).payload));
}
