/**
 * `modelsec verify`: exit 0 for model_signing's own signed models (key, certificate, keyless
 * Sigstore), 1 with the reason and the differing files for tampered models, 2 for usage errors.
 */
import { appendFileSync, cpSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '@modelsec/cli';
import { sharedDataDir } from '@modelsec-test/utils';
import { describe, expect, test } from 'vitest';
import legacy from '../../core/test/vectors/signing-legacy.json';
import { memoryIO as sharedMemoryIO } from './support/memory-io';

const memoryIO = (cwd?: string) => sharedMemoryIO(cwd === undefined ? {} : { cwd });

const mt = join(await sharedDataDir(), 'model-transparency');
const pub = join(mt, 'keys/certificate/signing-key-pub.pem');

function copyV110(cwd: string) {
  cpSync(join(mt, 'v1.1.0-elliptic-key'), join(cwd, 'm'), { recursive: true });
}

describe('modelsec verify', () => {
  test('the upstream v1.1.0 elliptic-key model, invoked as upstream CI does', async () => {
    const m = memoryIO(mt);
    const argv = [
      'verify',
      'v1.1.0-elliptic-key',
      '--signature',
      'v1.1.0-elliptic-key/model.sig',
      '--public-key',
      'keys/certificate/signing-key-pub.pem',
      '--ignore-paths',
      'v1.1.0-elliptic-key/ignore-me',
    ];
    expect(await runCli(argv, m.io)).toBe(0);
    expect(m.stdout()).toContain(
      'verified v1.1.0-elliptic-key: sha256:92745110b1ab4368471cbe31664e10174e954b113a3df333db860317b2c6dec4',
    );
  });
  test('tampering exits 1 and names the files', async () => {
    const m = memoryIO();
    copyV110(m.io.cwd);
    const argv = ['verify', 'm', '--signature', 'm/model.sig', '--public-key', pub];
    appendFileSync(join(m.io.cwd, 'm/signme-1'), 'x');
    expect(await runCli(argv, m.io)).toBe(1);
    expect(m.stderr()).toContain('NOT VERIFIED: digest_mismatch');
    expect(m.stderr()).toContain('changed: signme-1');
    const r = memoryIO(m.io.cwd);
    rmSync(join(m.io.cwd, 'm'), { recursive: true });
    copyV110(m.io.cwd);
    renameSync(join(m.io.cwd, 'm/signme-2'), join(m.io.cwd, 'm/signme-3'));
    expect(await runCli([...argv, '--json'], r.io)).toBe(1);
    expect(JSON.parse(r.stdout()).error).toMatchObject({
      code: 'file_renamed',
      details: { renamed: [{ from: 'signme-2', to: 'signme-3' }] },
    });
    const a = memoryIO(m.io.cwd);
    renameSync(join(m.io.cwd, 'm/signme-3'), join(m.io.cwd, 'm/signme-2'));
    writeFileSync(join(m.io.cwd, 'm/extra'), 'x');
    expect(await runCli(argv, a.io)).toBe(1);
    expect(a.stderr()).toContain('added: extra');
    expect(await runCli([...argv, '--ignore-unsigned-files'], memoryIO(m.io.cwd).io)).toBe(0);
  });
  test('keyless Sigstore bundle with identity and issuer (offline, public-good root)', async () => {
    const c = legacy.cases.find((x) => x.name === 'v1.1.0-sigstore') as (typeof legacy.cases)[number];
    const m = memoryIO();
    mkdirSync(join(m.io.cwd, 'm'));
    for (const [n, t] of Object.entries(c.files as Record<string, string>)) writeFileSync(join(m.io.cwd, 'm', n), t);
    writeFileSync(join(m.io.cwd, 'model.sig'), c.signature);
    const base = ['verify', 'm', '--signature', 'model.sig', '--ignore-paths', 'm/ignore-me'];
    expect(
      await runCli(
        [...base, '--identity', c.identity as string, '--identity-provider', c.identity_provider as string],
        m.io,
      ),
    ).toBe(0);
    expect(m.stdout()).toContain('signed by stefanb@us.ibm.com');
    const bad = memoryIO(m.io.cwd);
    expect(
      await runCli(
        [...base, '--identity', 'mallory@example.com', '--identity-provider', c.identity_provider as string],
        bad.io,
      ),
    ).toBe(1);
    expect(bad.stderr()).toContain('identity_mismatch');
  });
  test('usage errors exit 2', async () => {
    const cases = [
      ['verify', 'm', '--public-key', pub],
      ['verify', 'm', '--signature', 's'],
      ['verify', 'm', '--signature', 's', '--public-key', pub, '--certificate-chain', pub],
      ['verify', 'm', '--signature', 's', '--identity', 'x'],
      ['verify', 'm', '--signature', 's', '--public-key'],
    ];
    for (const argv of cases) expect(await runCli(argv, memoryIO().io), argv.join(' ')).toBe(2);
  });
});
