/**
 * Node file-system models: directorySource walks real folders (git paths left out, special files
 * refused), the worker-thread engine gives the same digests as one thread and as memory sources,
 * symbolic links are refused unless allowed (and links leaving the model unless explicitly
 * followed), and model_signing's symlink golden payloads are reproduced with a real link.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { directorySource, hashEngine, hashModel, memorySource, signModel, verifyModel } from '@modelsec/core/signing';
import { readSharedJSON } from '@modelsec-test/utils';
import { afterAll, describe, expect, test } from 'vitest';

const base = mkdtempSync(join(tmpdir(), 'modelsec-signing-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function makeModel(name: string, files: Record<string, string | Uint8Array>): string {
  const dir = join(base, name);
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), c);
  }
  return dir;
}

const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
const publicKey = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));

describe('directorySource', () => {
  test('engine is worker_threads + node:crypto', () => expect(hashEngine).toBe('node:worker_threads+node:crypto'));
  test('walks folders, leaves out top-level git paths only, equals a memory source', async () => {
    const files = { 'a.bin': 'A', 'd/e/f.bin': 'F', 'd/.git/x': 'nested git is kept', '.gitattributes': 'x' };
    const dir = makeModel('walk', { ...files, '.git/HEAD': 'ref', '.github/w.yml': 'y' });
    const m = await hashModel(directorySource(dir));
    expect(m.resources.map((r) => r.name)).toEqual(['a.bin', 'd/.git/x', 'd/e/f.bin']);
    const { '.gitattributes': _, ...kept } = files;
    expect(m.rootDigest).toBe((await hashModel(memorySource('walk', kept))).rootDigest);
    expect(m.modelName).toBe('walk');
  });
  test('a single file is a single-file model named "."', async () => {
    const dir = makeModel('single', { 'model.onnx': 'onnx bytes' });
    const m = await hashModel(directorySource(join(dir, 'model.onnx')));
    expect(m.modelName).toBe('model.onnx');
    expect(m.resources.map((r) => r.name)).toEqual(['.']);
  });
  test('worker threads, one thread and memory agree (files and shards, sha256 and blake2b)', async () => {
    // Above the engine's 16 MiB threshold, so the worker pool really runs.
    const big = new Uint8Array(24 << 20);
    crypto.getRandomValues(big.subarray(0, 65536));
    for (let o = 65536; o < big.length; o *= 2) big.copyWithin(o, 0, o);
    const files = { 'big.bin': big, 'small.bin': big.subarray(0, 1000), 'mid/x.bin': big.subarray(5, 9 << 20) };
    const dir = makeModel('big', files);
    for (const hashType of ['sha256', 'blake2b'] as const) {
      for (const method of ['files', 'shards'] as const) {
        const o = { hashType, method, shardSize: 7 << 20 };
        const pooled = await hashModel(directorySource(dir), { ...o, threads: 2 });
        const single = await hashModel(directorySource(dir), { ...o, threads: 1 });
        const mem = await hashModel(memorySource('big', files), o);
        expect(pooled).toEqual(single);
        expect(pooled.resources).toEqual(mem.resources);
      }
    }
  });
  test('special files are refused', async () => {
    const dir = makeModel('fifo', { 'a.bin': 'A' });
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    await expect(hashModel(directorySource(dir))).rejects.toMatchObject({ code: 'unsupported_format' });
  });
});

describe('symbolic links', () => {
  test('a file swapped for a link → symlink_refused; allowed links inside the model are followed', async () => {
    const dir = makeModel('links', { 'a.bin': 'AAAA', 'b.bin': 'BBBB' });
    const { text } = await signModel(directorySource(dir), { privateKey: pair });
    unlinkSync(join(dir, 'b.bin'));
    writeFileSync(join(dir, 'real-b'), 'BBBB');
    symlinkSync(join(dir, 'real-b'), join(dir, 'b.bin'));
    await expect(verifyModel(directorySource(dir), text, { publicKey })).rejects.toMatchObject({
      code: 'symlink_refused',
    });
    const allowed = await hashModel(directorySource(dir), { allowSymlinks: true });
    expect(allowed.resources.map((r) => r.name)).toEqual(['a.bin', 'b.bin', 'real-b']);
  });
  test('links leaving the model are refused even when links are allowed, unless followExternalSymlinks', async () => {
    const outside = makeModel('outside', { 'secret.txt': 'not part of the model' });
    const dir = makeModel('escape', { 'a.bin': 'A' });
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'leak'));
    await expect(hashModel(directorySource(dir), { allowSymlinks: true })).rejects.toMatchObject({
      code: 'symlink_refused',
    });
    const m = await hashModel(directorySource(dir), { allowSymlinks: true, followExternalSymlinks: true });
    expect(m.resources.map((r) => r.name)).toEqual(['a.bin', 'leak']);
  });
  test('model_signing symlink golden payloads (absolute link to a file outside the model)', async () => {
    const target = makeModel('symlink-target', { file: 'This is a simple model' });
    const dir = join(base, 'symlink_model');
    mkdirSync(dir);
    symlinkSync(join(target, 'file'), join(dir, 'symlink_file'));
    for (const variant of ['', '_shard', '_small_shards']) {
      type Golden = { subject: { name: string; digest: { sha256: string } }[]; predicate: { resources: unknown[] } };
      const golden = await readSharedJSON<Golden>(`model-transparency/golden-payloads/symlink_model_folder${variant}`);
      const m = await hashModel(directorySource(dir), {
        allowSymlinks: true,
        followExternalSymlinks: true,
        method: variant ? 'shards' : 'files',
        shardSize: variant === '_small_shards' ? 8 : undefined,
      });
      expect(m.modelName).toBe(golden.subject[0]?.name);
      expect(m.rootDigest).toBe(golden.subject[0]?.digest.sha256);
      expect(m.resources).toEqual(golden.predicate.resources);
    }
  });
});
