/**
 * Node file helpers: encryptFile / decryptFile / rewrapFile, atomic output (temporary file + rename
 * only after the last chunk authenticated), and interoperability with the streaming API.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decryptBytes,
  decryptFile,
  encryptBytes,
  encryptFile,
  inspectContainer,
  passphraseKeyProvider,
  rawKeyProvider,
  rewrapFile,
} from '@modelsec/core/encryption';
import { describe, expect, test } from 'vitest';

const keyProvider = rawKeyProvider(new Uint8Array(32).fill(9));

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'modelsec-enc-'));
}

describe('encryptFile / decryptFile', () => {
  test('round trip with digest and size in the header; sizes around block and chunk boundaries', async () => {
    const dir = tmp();
    for (const size of [0, 1, 4095, 4096, 4097, 3 * 2 ** 20 + 5, 4 * 2 ** 20, 9 * 2 ** 20 + 1]) {
      const data = randomBytes(size);
      writeFileSync(join(dir, 'in'), data);
      const enc = await encryptFile(join(dir, 'in'), join(dir, 'in.enc'), { keyProvider, chunkSize: 4096 });
      const container = readFileSync(join(dir, 'in.enc'));
      expect(enc).toEqual({ bytesIn: size, bytesOut: container.length });
      const info = await inspectContainer(new Uint8Array(container));
      expect(info.metadata).toEqual({
        size: String(size),
        digest: `sha256:${createHash('sha256').update(data).digest('hex')}`,
      });
      const dec = await decryptFile(join(dir, 'in.enc'), join(dir, 'out'), { keyProvider });
      expect(dec).toEqual({ bytesIn: container.length, bytesOut: size });
      expect(readFileSync(join(dir, 'out')).equals(data)).toBe(true);
      // Same format as the streaming API, both ways.
      expect(Buffer.from(await decryptBytes(new Uint8Array(container), { keyProvider })).equals(data)).toBe(true);
    }
    const streamed = await encryptBytes(new Uint8Array(10_000).fill(1), {
      keyProvider,
      algorithm: 'xchacha20-poly1305',
    });
    writeFileSync(join(dir, 's.enc'), streamed);
    await decryptFile(join(dir, 's.enc'), join(dir, 's'), { keyProvider });
    expect(readFileSync(join(dir, 's'))).toEqual(Buffer.alloc(10_000, 1));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('digest: false skips the hashing pass; output files are private (0600)', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'in'), 'abc');
    await encryptFile(join(dir, 'in'), join(dir, 'in.enc'), { keyProvider, digest: false, metadata: { name: 'x' } });
    const info = await inspectContainer(new Uint8Array(readFileSync(join(dir, 'in.enc'))));
    expect(info.metadata).toEqual({ name: 'x', size: '3' });
    const { statSync } = await import('node:fs');
    expect(statSync(join(dir, 'in.enc')).mode & 0o777).toBe(0o600);
  });

  test('a tampered or truncated container leaves nothing at the output path (and no temporary file)', async () => {
    const dir = tmp();
    const data = randomBytes(50_000);
    writeFileSync(join(dir, 'in'), data);
    await encryptFile(join(dir, 'in'), join(dir, 'in.enc'), { keyProvider, chunkSize: 4096 });
    const container = readFileSync(join(dir, 'in.enc'));
    const cases: [string, Buffer][] = [
      ['flip in the last chunk', Buffer.from(container.map((b, i) => (i === container.length - 3 ? b ^ 1 : b)))],
      ['flip in the first chunk', Buffer.from(container.map((b, i) => (i === 400 ? b ^ 1 : b)))],
      ['truncated at a chunk boundary', container.subarray(0, container.length - (50_000 % 4096) - 16)],
      ['truncated by one byte', container.subarray(0, container.length - 1)],
    ];
    for (const [label, bytes] of cases) {
      writeFileSync(join(dir, 'bad.enc'), bytes);
      const err = await decryptFile(join(dir, 'bad.enc'), join(dir, 'plain'), { keyProvider }).catch((e) => e);
      expect(err?.kind, label).toBe('integrity');
      expect(readdirSync(dir).sort(), label).toEqual(['bad.enc', 'in', 'in.enc']);
    }
    // Wrong key: same.
    const err = await decryptFile(join(dir, 'in.enc'), join(dir, 'plain'), {
      keyProvider: rawKeyProvider(new Uint8Array(32)),
    }).catch((e) => e);
    expect(err).toMatchObject({ code: 'key_mismatch' });
    expect(readdirSync(dir)).not.toContain('plain');
  });

  test('an existing output is replaced only on success', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'in'), 'model');
    await encryptFile(join(dir, 'in'), join(dir, 'in.enc'), { keyProvider });
    writeFileSync(join(dir, 'plain'), 'previous');
    await expect(
      decryptFile(join(dir, 'in.enc'), join(dir, 'plain'), { keyProvider: rawKeyProvider(new Uint8Array(32)) }),
    ).rejects.toThrow();
    expect(readFileSync(join(dir, 'plain'), 'utf8')).toBe('previous');
    await decryptFile(join(dir, 'in.enc'), join(dir, 'plain'), { keyProvider });
    expect(readFileSync(join(dir, 'plain'), 'utf8')).toBe('model');
  });

  test('worker threads: same container format, round trip both ways, tamper and truncation detected', async () => {
    const dir = tmp();
    for (const size of [0, 5, 3 * 4096, 3 * 4096 + 7, 2 ** 20 + 123]) {
      const data = randomBytes(size);
      writeFileSync(join(dir, 'in'), data);
      // Sealed on 2 worker threads, opened here; sealed here, opened on 3 worker threads.
      await encryptFile(join(dir, 'in'), join(dir, 'w.enc'), { keyProvider, chunkSize: 4096, threads: 2 });
      await encryptFile(join(dir, 'in'), join(dir, 'h.enc'), { keyProvider, chunkSize: 4096, threads: 0 });
      const w = readFileSync(join(dir, 'w.enc'));
      const h = readFileSync(join(dir, 'h.enc'));
      expect(w.length).toBe(h.length);
      await decryptFile(join(dir, 'w.enc'), join(dir, 'w.out'), { keyProvider, threads: 0 });
      await decryptFile(join(dir, 'h.enc'), join(dir, 'h.out'), { keyProvider, threads: 3 });
      expect(readFileSync(join(dir, 'w.out')).equals(data), `size ${size}`).toBe(true);
      expect(readFileSync(join(dir, 'h.out')).equals(data), `size ${size}`).toBe(true);
      expect(Buffer.from(await decryptBytes(new Uint8Array(w), { keyProvider })).equals(data)).toBe(true);
    }
    const w = readFileSync(join(dir, 'w.enc'));
    const bad: [string, Buffer][] = [
      ['flip in a middle chunk', Buffer.from(w.map((b, i) => (i === w.length - 200_000 ? b ^ 1 : b)))],
      ['flip in the last tag', Buffer.from(w.map((b, i) => (i === w.length - 1 ? b ^ 0x80 : b)))],
      ['truncated at a chunk boundary', w.subarray(0, w.length - ((2 ** 20 + 123) % 4096) - 16)],
      ['truncated by one byte', w.subarray(0, w.length - 1)],
    ];
    for (const [label, bytes] of bad) {
      writeFileSync(join(dir, 'bad.enc'), bytes);
      const err = await decryptFile(join(dir, 'bad.enc'), join(dir, 'plain'), { keyProvider, threads: 2 }).catch(
        (e) => e,
      );
      expect(err?.kind, label).toBe('integrity');
      expect(readdirSync(dir).includes('plain'), label).toBe(false);
      expect(
        readdirSync(dir).filter((f) => f.endsWith('.tmp')),
        label,
      ).toEqual([]);
    }
    // A header digest that does not match: found while hashing back the plaintext the workers wrote.
    const plain = randomBytes(3 * 4096 + 1);
    writeFileSync(join(dir, 'in'), plain);
    const wrong = { digest: `sha256:${'00'.repeat(32)}` };
    await encryptFile(join(dir, 'in'), join(dir, 'd.enc'), {
      keyProvider,
      chunkSize: 4096,
      digest: false,
      metadata: wrong,
    });
    await expect(
      decryptFile(join(dir, 'd.enc'), join(dir, 'd.out'), { keyProvider, threads: 2 }),
    ).rejects.toMatchObject({ code: 'digest_mismatch' });
    expect(readdirSync(dir).includes('d.out')).toBe(false);
    await decryptFile(join(dir, 'd.enc'), join(dir, 'd.out'), { keyProvider, threads: 2, verifyDigest: false });
    expect(readFileSync(join(dir, 'd.out')).equals(plain)).toBe(true);
    await expect(encryptFile(join(dir, 'in'), join(dir, 'x.enc'), { keyProvider, threads: 65 })).rejects.toBeInstanceOf(
      RangeError,
    );
  });

  test('rewrapFile rotates the key in place, chunks byte-identical', async () => {
    const dir = tmp();
    const data = randomBytes(100_000);
    writeFileSync(join(dir, 'in'), data);
    const file = join(dir, 'm.enc');
    await encryptFile(join(dir, 'in'), file, { keyProvider, chunkSize: 8192 });
    const before = readFileSync(file);
    const next = passphraseKeyProvider('rotated', { scrypt: { N: 1024 } });
    await rewrapFile(file, file, { from: keyProvider, to: next });
    const after = readFileSync(file);
    const a = await inspectContainer(new Uint8Array(before));
    const b = await inspectContainer(new Uint8Array(after));
    expect(after.subarray(b.headerLength).equals(before.subarray(a.headerLength))).toBe(true);
    await decryptFile(file, join(dir, 'out'), { keyProvider: next });
    expect(readFileSync(join(dir, 'out')).equals(data)).toBe(true);
    await expect(decryptFile(file, join(dir, 'out2'), { keyProvider })).rejects.toMatchObject({ code: 'key_mismatch' });
  });
});
