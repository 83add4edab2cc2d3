/**
 * `modelsec encrypt` / `modelsec decrypt`: round trips with a key file and a passphrase, exit codes
 * 0 / 1 / 2, and nothing left at the output path when decryption fails.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '@modelsec/cli';
import { describe, expect, test } from 'vitest';
import { memoryIO as sharedMemoryIO } from './support/memory-io';

const memoryIO = (env: Record<string, string> = {}) => sharedMemoryIO({ env });

describe('modelsec encrypt / decrypt', () => {
  test('key file (raw, hex or base64): round trip, JSON output', async () => {
    const m = memoryIO();
    const model = randomBytes(300_000);
    const key = randomBytes(32);
    writeFileSync(join(m.io.cwd, 'model.onnx'), model);
    writeFileSync(join(m.io.cwd, 'raw.key'), key);
    writeFileSync(join(m.io.cwd, 'hex.key'), `${key.toString('hex')}\n`);
    writeFileSync(join(m.io.cwd, 'b64.key'), key.toString('base64'));
    expect(await runCli(['encrypt', 'model.onnx', 'model.enc', '--key-file', 'raw.key', '--json'], m.io)).toBe(0);
    const result = JSON.parse(m.stdout());
    expect(result).toMatchObject({ ok: true, algorithm: 'aes-256-gcm', bytesIn: 300_000, keyId: 'local' });
    const enc = readFileSync(join(m.io.cwd, 'model.enc'));
    expect(enc.subarray(0, 8)).toEqual(Buffer.from('894d53454e430d0a', 'hex'));
    expect(enc.includes(model.subarray(0, 64))).toBe(false);
    for (const k of ['raw.key', 'hex.key', 'b64.key']) {
      const d = memoryIO();
      d.io.cwd = m.io.cwd;
      expect(await runCli(['decrypt', 'model.enc', `out-${k}`, '--key-file', k], d.io), d.stderr()).toBe(0);
      expect(readFileSync(join(m.io.cwd, `out-${k}`)).equals(model)).toBe(true);
      expect(d.stdout()).toContain('authenticated');
    }
  });

  test('passphrase from an environment variable, XChaCha20-Poly1305, key id', async () => {
    const m = memoryIO({ MODEL_PASS: 'correct horse battery staple' });
    writeFileSync(join(m.io.cwd, 'm'), 'weights');
    const args = ['--passphrase-env', 'MODEL_PASS', '--scrypt-log-n', '12', '--key-id', 'team-a'];
    expect(await runCli(['encrypt', 'm', 'm.enc', '-a', 'xchacha20-poly1305', ...args], m.io), m.stderr()).toBe(0);
    expect(await runCli(['decrypt', 'm.enc', 'm.out', '--passphrase-env', 'MODEL_PASS', '--json'], m.io)).toBe(0);
    expect(readFileSync(join(m.io.cwd, 'm.out'), 'utf8')).toBe('weights');
    expect(m.stdout()).toContain('"keyId": "team-a"');
    expect(m.stdout() + m.stderr()).not.toContain('correct horse');
  });

  test('exit 1 on a wrong key or a tampered file, and nothing at the output path', async () => {
    const m = memoryIO({ WRONG: 'nope' });
    writeFileSync(join(m.io.cwd, 'm'), randomBytes(200_000));
    writeFileSync(join(m.io.cwd, 'k'), randomBytes(32));
    writeFileSync(join(m.io.cwd, 'k2'), randomBytes(32));
    expect(await runCli(['encrypt', 'm', 'm.enc', '--key-file', 'k', '--chunk-size', '4096'], m.io)).toBe(0);
    const before = readdirSync(m.io.cwd).sort();
    const wrong = memoryIO();
    wrong.io.cwd = m.io.cwd;
    expect(await runCli(['decrypt', 'm.enc', 'out', '--key-file', 'k2'], wrong.io)).toBe(1);
    expect(wrong.stderr()).toContain('key_mismatch');
    const enc = readFileSync(join(m.io.cwd, 'm.enc'));
    flip(enc, enc.length - 100, 4);
    writeFileSync(join(m.io.cwd, 'bad.enc'), enc);
    const bad = memoryIO();
    bad.io.cwd = m.io.cwd;
    expect(await runCli(['decrypt', 'bad.enc', 'out', '--key-file', 'k'], bad.io)).toBe(1);
    expect(bad.stderr()).toContain('decryption_failed');
    const pass = memoryIO({ WRONG: 'nope' });
    pass.io.cwd = m.io.cwd;
    expect(await runCli(['decrypt', 'm.enc', 'out', '--passphrase-env', 'WRONG'], pass.io)).toBe(1);
    expect(readdirSync(m.io.cwd).sort()).toEqual([...before, 'bad.enc'].sort());
  });

  test('exit 2 on usage errors', async () => {
    const m = memoryIO({ EMPTY: '' });
    writeFileSync(join(m.io.cwd, 'm'), 'x');
    writeFileSync(join(m.io.cwd, 'short.key'), 'abcd');
    const cases = [
      ['encrypt', 'm', 'm.enc'],
      ['encrypt', 'm', 'm.enc', '--key-file', 'short.key', '--passphrase-env', 'EMPTY'],
      ['encrypt', 'm', 'm.enc', '--passphrase-env', 'UNSET'],
      ['encrypt', 'm', 'm.enc', '--passphrase-env', 'EMPTY'],
      ['encrypt', 'm', 'm.enc', '--key-file', 'short.key'],
      ['encrypt', 'm', '--key-file', 'short.key'],
      ['encrypt', 'm', 'm.enc', '--key-file', 'short.key', '-a', 'des'],
      ['encrypt', 'm', 'm.enc', '--key-file', 'short.key', '--chunk-size', '1000'],
      ['decrypt', 'm.enc', 'm', '--bogus'],
    ];
    for (const argv of cases) {
      const r = memoryIO({ EMPTY: '' });
      r.io.cwd = m.io.cwd;
      expect(await runCli(argv, r.io), argv.join(' ')).toBe(2);
    }
    expect(readdirSync(m.io.cwd).sort()).toEqual(['m', 'short.key']);
  });
});

function flip(bytes: Buffer, at: number, mask: number): void {
  bytes[at] = (bytes[at] as number) ^ mask;
}
