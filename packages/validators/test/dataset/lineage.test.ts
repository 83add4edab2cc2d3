/**
 * Dataset manifests and lineage: a three-generation chain (raw → deduplicated → labelled) signed with
 * core's signing code verifies end to end, and every tampering breaks the chain at the right link with
 * a specific IntegrityError code: a changed shard, a swapped parent, a parent or child re-signed with
 * another key, an edited lineage record, a missing parent.
 */
import { IntegrityError } from '@modelsec/core';
import { memorySource } from '@modelsec/core/signing';
import {
  createDatasetManifest,
  type DatasetManifest,
  LINEAGE_RESOURCE,
  parseDatasetManifest,
  verifyLineage,
} from '@modelsec/validators/dataset';
import { describe, expect, test } from 'vitest';

const keyPair = () => crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
const spki = async (k: CryptoKeyPair) => new Uint8Array(await crypto.subtle.exportKey('spki', k.publicKey));
const trusted = await keyPair();
const attacker = await keyPair();
const trustedPub = await spki(trusted);

const shard = (seed: number, size = 3000) => new Uint8Array(size).map((_, i) => (i * seed + 11) & 255);
const rawFiles = { 'part-0.csv': shard(3), 'part-1.csv': shard(5), 'part-2.csv': shard(7) };
const dedupFiles = { 'part-0.csv': shard(3), 'part-1.csv': shard(5, 2000) };
const labelledFiles = { 'train.jsonl': shard(13), 'labels.json': '{"classes":["cat","dog"]}' };
const opts = { privateKey: trusted, createdAt: null, method: 'shards' as const, shardSize: 1024 };

const raw = await createDatasetManifest(memorySource('raw', rawFiles), {
  ...opts,
  transform: { description: 'crawl' },
});
const dedup = await createDatasetManifest(memorySource('dedup', dedupFiles), {
  ...opts,
  parents: [{ manifest: raw.text, uri: 'raw.manifest.json' }],
  transform: { description: 'exact + near-duplicate removal', params: { threshold: 0.8 } },
});
const labelled = await createDatasetManifest(memorySource('labelled', labelledFiles), {
  ...opts,
  parents: [{ manifest: dedup.text, uri: 'dedup.manifest.json' }],
  transform: { description: 'human labelling' },
  labels: { classes: ['cat', 'dog'], counts: { cat: 10, dog: 12 } },
});

const store = new Map<string, string>([
  ['raw.manifest.json', raw.text],
  ['dedup.manifest.json', dedup.text],
]);
const data: Record<string, Record<string, string | Uint8Array>> = {
  raw: rawFiles,
  dedup: dedupFiles,
  labelled: labelledFiles,
};
const verifyOptions = (overrides: Partial<Parameters<typeof verifyLineage>[1]> = {}) => ({
  publicKey: trustedPub,
  resolveParent: (p: { uri?: string }) => store.get(p.uri ?? ''),
  source: (l: { name: string }) => memorySource(l.name, data[l.name] as Record<string, Uint8Array>),
  ...overrides,
});

describe('dataset manifests', () => {
  test('record parents by digest, transform, labels, and sign data + lineage together', () => {
    const m = labelled.manifest;
    expect(m.format).toBe('modelsec.dataset-manifest');
    expect(m.lineage.parents).toEqual([
      { name: 'dedup', dataDigest: dedup.dataDigest, manifestDigest: dedup.manifestDigest, uri: 'dedup.manifest.json' },
    ]);
    expect(m.lineage.labels).toEqual({ classes: ['cat', 'dog'], counts: { cat: 10, dog: 12 } });
    const statement = JSON.parse(atob((m.bundle.dsseEnvelope as { payload: string }).payload));
    const names = statement.predicate.resources.map((r: { name: string }) => r.name);
    expect(names.some((n: string) => n.startsWith(`${LINEAGE_RESOURCE}:`))).toBe(true);
    expect(names).toContain('train.jsonl:0:1024'); // shards of 1 KiB
    expect(parseDatasetManifest(labelled.text)).toEqual(m);
  });

  test('the whole chain verifies, data included', async () => {
    const report = await verifyLineage(labelled.text, verifyOptions());
    expect(report.issues).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.nodes.map((n) => [n.name, n.depth, n.dataVerified, n.ok])).toEqual([
      ['labelled', 0, true, true],
      ['dedup', 1, true, true],
      ['raw', 2, true, true],
    ]);
    expect(report.nodes[2]?.dataDigest).toBe(raw.dataDigest);
  });
});

describe('tampering breaks the chain at the right link', () => {
  const codes = async (manifest: string, overrides: Partial<Parameters<typeof verifyLineage>[1]> = {}) => {
    const r = await verifyLineage(manifest, verifyOptions(overrides));
    expect(r.ok).toBe(r.issues.length === 0);
    for (const i of r.issues) expect(IntegrityError.isInstance(i.error), i.message).toBe(true);
    return r.issues.map((i) => `${i.dataset}@${i.depth}:${i.code}`);
  };

  test('a changed shard in a parent', async () => {
    const changed = { ...rawFiles, 'part-1.csv': shard(5).map((v, i) => (i === 2500 ? v ^ 1 : v)) };
    const issues = await codes(labelled.text, {
      source: (l) => memorySource(l.name, (l.name === 'raw' ? changed : data[l.name]) as Record<string, Uint8Array>),
    });
    expect(issues).toEqual(['raw@2:digest_mismatch']);
  });

  test('a missing and an added shard', async () => {
    const { 'part-2.csv': _gone, ...fewer } = rawFiles;
    expect(await codes(raw.text, { source: () => memorySource('raw', fewer) })).toEqual(['raw@0:file_missing']);
    expect(await codes(raw.text, { source: () => memorySource('raw', { ...rawFiles, 'extra.csv': 'x' }) })).toEqual([
      'raw@0:file_added',
    ]);
  });

  test('a swapped parent (another validly signed manifest under the same name)', async () => {
    const impostor = await createDatasetManifest(memorySource('raw', { 'part-0.csv': shard(99) }), opts);
    const issues = await codes(labelled.text, {
      resolveParent: (p) => (p.uri === 'raw.manifest.json' ? impostor.text : store.get(p.uri ?? '')),
    });
    expect(issues).toEqual(['raw@2:parent_mismatch']);
  });

  test('a parent re-signed with a different key (same statement)', async () => {
    const resigned = await createDatasetManifest(memorySource('raw', rawFiles), {
      ...opts,
      privateKey: attacker,
      transform: { description: 'crawl' },
    });
    expect(resigned.manifestDigest).toBe(raw.manifestDigest); // same content and lineage: only the key differs
    const issues = await codes(labelled.text, {
      resolveParent: (p) => (p.uri === 'raw.manifest.json' ? resigned.text : store.get(p.uri ?? '')),
    });
    expect(issues).toEqual(['raw@2:key_mismatch']);
  });

  test('a child re-signed with a different key after editing its lineage', async () => {
    const forged = await createDatasetManifest(memorySource('labelled', labelledFiles), {
      ...opts,
      privateKey: attacker,
      parents: [{ manifest: dedup.text, uri: 'dedup.manifest.json' }],
      labels: { classes: ['cat', 'dog'], counts: { cat: 22, dog: 0 } },
    });
    expect(await codes(forged.text)).toEqual(['labelled@0:key_mismatch']);
    // Trusting the attacker's key too makes it verify: the trust anchors decide.
    const both = await verifyLineage(forged.text, verifyOptions({ publicKey: [trustedPub, await spki(attacker)] }));
    expect(both.ok).toBe(true);
  });

  test('a signature from another key under the trusted key hint', async () => {
    const forged = await createDatasetManifest(memorySource('labelled', labelledFiles), {
      ...opts,
      privateKey: attacker,
    });
    const m = JSON.parse(forged.text) as DatasetManifest;
    const genuine = JSON.parse(labelled.text) as DatasetManifest;
    (m.bundle.verificationMaterial as Record<string, unknown>) = genuine.bundle.verificationMaterial as Record<
      string,
      unknown
    >;
    expect(await codes(JSON.stringify(m), { source: () => undefined })).toEqual(['labelled@0:signature_invalid']);
  });

  test('an edited lineage record (parents, transform or labels changed, bundle kept)', async () => {
    const m = JSON.parse(labelled.text) as DatasetManifest;
    m.lineage.labels = { classes: ['cat', 'dog'], counts: { cat: 22, dog: 0 } };
    expect(await codes(JSON.stringify(m))).toEqual(['labelled@0:lineage_mismatch']);
    const p = JSON.parse(labelled.text) as DatasetManifest;
    (p.lineage.parents[0] as { uri?: string }).uri = 'raw.manifest.json'; // point the parent elsewhere
    expect((await codes(JSON.stringify(p)))[0]).toBe('labelled@0:lineage_mismatch');
  });

  test('a missing parent', async () => {
    expect(
      await codes(labelled.text, {
        resolveParent: (p) => (p.uri === 'raw.manifest.json' ? undefined : store.get(p.uri ?? '')),
      }),
    ).toEqual(['raw@2:parent_missing']);
    expect(await codes(labelled.text, { resolveParent: undefined })).toEqual(['dedup@1:parent_missing']);
  });

  test('a malformed manifest is bundle_malformed, never a crash', async () => {
    for (const bad of [
      '',
      '{}',
      '[]',
      'null',
      '{"format":"modelsec.dataset-manifest","version":1}',
      labelled.text.slice(0, 200),
    ]) {
      expect(await codes(bad)).toEqual([expect.stringMatching(/@0:bundle_malformed$/)]);
    }
    expect(() => parseDatasetManifest('{"a":1,"a":2}')).toThrow(IntegrityError);
  });

  test('creating a child from a tampered parent is refused', async () => {
    const m = JSON.parse(raw.text) as DatasetManifest;
    m.lineage.transform = { description: 'something else' };
    await expect(
      createDatasetManifest(memorySource('x', { a: 'b' }), { ...opts, parents: [JSON.stringify(m)] }),
    ).rejects.toMatchObject({ code: 'lineage_mismatch' });
  });
});
