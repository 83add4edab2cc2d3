/**
 * `modelsec hash`: prints `sha256:<root digest>` like `model_signing digest`, reproducing the
 * upstream v1.1.0 model's digest and model_signing's golden root digests (files and shards).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '@modelsec/cli';
import { readSharedJSON, sharedDataDir } from '@modelsec-test/utils';
import { describe, expect, test } from 'vitest';
import { memoryIO as sharedMemoryIO } from './support/memory-io';

const memoryIO = (cwd?: string) => sharedMemoryIO(cwd === undefined ? {} : { cwd });

const shared = await sharedDataDir();

describe('modelsec hash', () => {
  test('the upstream v1.1.0 model (ignore paths relative to the working directory)', async () => {
    const m = memoryIO(join(shared, 'model-transparency'));
    const argv = [
      'hash',
      'v1.1.0-elliptic-key',
      '--ignore-paths',
      'v1.1.0-elliptic-key/ignore-me',
      '--ignore-paths',
      'v1.1.0-elliptic-key/model.sig',
    ];
    expect(await runCli(argv, m.io)).toBe(0);
    expect(m.stdout()).toBe('sha256:92745110b1ab4368471cbe31664e10174e954b113a3df333db860317b2c6dec4\n');
  });
  test('golden root digests for files, default shards and 8-byte shards', async () => {
    type Models = { models: { sample_model_folder: { name: string; files: Record<string, string> } } };
    const { name, files } = (await readSharedJSON<Models>('model-transparency/golden-payloads/models.json')).models
      .sample_model_folder;
    const m = memoryIO();
    for (const [p, c] of Object.entries(files)) {
      mkdirSync(join(m.io.cwd, name, p, '..'), { recursive: true });
      writeFileSync(join(m.io.cwd, name, p), c);
    }
    for (const [variant, extra] of [
      ['', []],
      ['_shard', ['--shard-size', '1000000000']],
      ['_small_shards', ['--shard-size', '8']],
    ] as const) {
      type Golden = { subject: { digest: { sha256: string } }[] };
      const golden = await readSharedJSON<Golden>(`model-transparency/golden-payloads/sample_model_folder${variant}`);
      const r = memoryIO(m.io.cwd);
      expect(await runCli(['hash', name, ...extra], r.io)).toBe(0);
      expect(r.stdout().trim()).toBe(`sha256:${golden.subject[0]?.digest.sha256}`);
    }
    const j = memoryIO(m.io.cwd);
    expect(await runCli(['hash', name, '--json', '--hash-type', 'blake3'], j.io)).toBe(0);
    const out = JSON.parse(j.stdout());
    expect(out.serialization).toEqual({ method: 'files', hashType: 'blake3', allowSymlinks: false });
    expect(out.resources).toHaveLength(10);
    expect(out.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
  test('usage errors exit 2, missing models exit 1', async () => {
    for (const argv of [
      ['hash'],
      ['hash', 'a', 'b'],
      ['hash', '.', '--hash-type', 'md5'],
      ['hash', '.', '--shard-size', '0'],
      ['hash', '.', '--shard-size', 'x'],
    ]) {
      expect(await runCli(argv, memoryIO().io)).toBe(2);
    }
    expect(await runCli(['hash', 'does-not-exist'], memoryIO().io)).toBe(1);
  });
});
