/**
 * model_signing's 21 golden payloads (shared/data/model-transparency/golden-payloads): every root
 * digest and resource list is reproduced exactly from the model descriptions in models.json,
 * including the shard variants (default 1,000,000,000 and 8-byte shards). The symlink model needs a
 * real symbolic link, so it is covered in signing-golden.node.test.ts.
 */
import { hashModel, memorySource } from '@modelsec/core/signing';
import { readSharedJSON } from '@modelsec-test/utils';
import { describe, expect, test } from 'vitest';

interface Golden {
  subject: { name: string; digest: { sha256: string } }[];
  predicate: {
    serialization: { method: string; hash_type: string; allow_symlinks: boolean; shard_size?: number };
    resources: { name: string; algorithm: string; digest: string }[];
  };
}
interface ModelsJson {
  models: Record<string, { kind: 'file' | 'folder'; name: string; content?: string; files?: Record<string, string> }>;
}

const DIR = 'model-transparency/golden-payloads';
const models = (await readSharedJSON<ModelsJson>(`${DIR}/models.json`)).models;

describe('golden payloads (model_signing TestPayload)', () => {
  for (const [model, desc] of Object.entries(models)) {
    if (model === 'symlink_model_folder') continue;
    for (const variant of ['', '_shard', '_small_shards']) {
      test(`${model}${variant}`, async () => {
        const golden = await readSharedJSON<Golden>(`${DIR}/${model}${variant}`);
        const source =
          desc.kind === 'file'
            ? memorySource(desc.name, desc.content ?? '')
            : memorySource(desc.name, { ...(desc.files ?? {}) });
        const manifest = await hashModel(source, {
          method: variant ? 'shards' : 'files',
          shardSize: variant === '_small_shards' ? 8 : undefined,
          allowSymlinks: true,
        });
        expect(manifest.modelName).toBe(golden.subject[0]?.name);
        expect(manifest.rootDigest).toBe(golden.subject[0]?.digest.sha256);
        expect(manifest.resources).toEqual(
          golden.predicate.resources.map(({ name, algorithm, digest }) => ({ name, algorithm, digest })),
        );
        const s = golden.predicate.serialization;
        expect(manifest.serialization).toEqual({
          method: s.method,
          hashType: s.hash_type,
          allowSymlinks: s.allow_symlinks,
          ...(s.shard_size !== undefined ? { shardSize: s.shard_size } : {}),
        });
      });
    }
  }
});
