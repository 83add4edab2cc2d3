/**
 * `modelsec sign` then `modelsec verify`: key and certificate-chain bundles with model_signing's
 * test keys, written where --signature says and left out of the manifest when inside the model.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '@modelsec/cli';
import { sharedDataDir } from '@modelsec-test/utils';
import { describe, expect, test } from 'vitest';
import { memoryIO as sharedMemoryIO } from './support/memory-io';

const memoryIO = (cwd?: string) => sharedMemoryIO(cwd === undefined ? {} : { cwd });

const keys = join(await sharedDataDir(), 'model-transparency/keys/certificate');

function model(cwd: string) {
  mkdirSync(join(cwd, 'm/sub'), { recursive: true });
  writeFileSync(join(cwd, 'm/weights.bin'), new Uint8Array(4096).fill(9));
  writeFileSync(join(cwd, 'm/sub/config.json'), '{"layers":3}');
}

describe('modelsec sign', () => {
  test('key method: writes model.sig in the working directory; verify accepts it', async () => {
    const s = memoryIO();
    model(s.io.cwd);
    expect(await runCli(['sign', 'm', '--private-key', join(keys, 'signing-key.pem')], s.io)).toBe(0);
    expect(s.stdout()).toMatch(/^signed m: sha256:[0-9a-f]{64} \(2 resources\) -> model.sig\n$/);
    const bundle = JSON.parse(readFileSync(join(s.io.cwd, 'model.sig'), 'utf8'));
    expect(bundle.verificationMaterial.publicKey.hint).toBe(
      'e8450dec4eb99dae995da9af1bc2cc9f76ed669ee2e744f57abba763df3e3f8e',
    );
    const v = memoryIO(s.io.cwd);
    expect(
      await runCli(
        ['verify', 'm', '--signature', 'model.sig', '--public-key', join(keys, 'signing-key-pub.pem')],
        v.io,
      ),
    ).toBe(0);
    expect(v.stdout()).toMatch(/^verified m: sha256:[0-9a-f]{64} signed by key e8450dec4eb99dae/);
  });
  test('a signature inside the model is left out and recorded in ignore_paths', async () => {
    const s = memoryIO();
    model(s.io.cwd);
    const argv = [
      'sign',
      'm',
      '--private-key',
      join(keys, 'signing-key.pem'),
      '--signature',
      'm/model.sig',
      '--json',
      '--shard-size',
      '1000',
    ];
    expect(await runCli(argv, s.io)).toBe(0);
    expect(JSON.parse(s.stdout())).toMatchObject({ ok: true, method: 'key', resources: 6 });
    const bundle = JSON.parse(readFileSync(join(s.io.cwd, 'm/model.sig'), 'utf8'));
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString());
    expect(statement.predicate.serialization.ignore_paths).toContain('model.sig');
    expect(statement.predicate.serialization.shard_size).toBe(1000);
    const v = memoryIO(s.io.cwd);
    expect(
      await runCli(
        ['verify', 'm', '--signature', 'm/model.sig', '--public-key', join(keys, 'signing-key-pub.pem')],
        v.io,
      ),
    ).toBe(0);
  });
  test('certificate method: signing certificate + intermediate; verified against the root CA', async () => {
    const s = memoryIO();
    model(s.io.cwd);
    const argv = [
      'sign',
      'm',
      '--private-key',
      join(keys, 'signing-key.pem'),
      '--certificate-chain',
      join(keys, 'signing-key-cert.pem'),
      '--certificate-chain',
      join(keys, 'int-ca-cert.pem'),
    ];
    expect(await runCli(argv, s.io)).toBe(0);
    const v = memoryIO(s.io.cwd);
    expect(
      await runCli(['verify', 'm', '--signature', 'model.sig', '--certificate-chain', join(keys, 'ca-cert.pem')], v.io),
    ).toBe(0);
    const wrong = memoryIO(s.io.cwd);
    expect(
      await runCli(
        ['verify', 'm', '--signature', 'model.sig', '--public-key', join(keys, 'signing-key-pub.pem')],
        wrong.io,
      ),
    ).toBe(1);
    expect(wrong.stderr()).toContain('NOT VERIFIED: key_mismatch');
  });
  test('usage errors exit 2', async () => {
    for (const argv of [
      ['sign', 'm'],
      ['sign', '--private-key', 'k'],
      ['sign', 'm', '--private-key', 'k', '--hash-type', 'md5'],
    ]) {
      expect(await runCli(argv, memoryIO().io)).toBe(2);
    }
  });
});
