import { bytesToHex, digest, IntegrityError, isModelSecError, randomBytes } from '@modelsec/core';
import {
  cipherBackend,
  cryptoKeyProvider,
  decryptBytes,
  decryptFile,
  decryptModel,
  ENCRYPTION_ALGORITHMS,
  encryptBytes,
  encryptFile,
  encryptModel,
  inspectContainer,
  type KeyProvider,
  passphraseKeyProvider,
  rawKeyProvider,
  rewrapModel,
} from '@modelsec/core/encryption';
import { isNode, NOT_BYTES } from '@modelsec-test/utils';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

const KEK = Uint8Array.from({ length: 32 }, (_, i) => i);
const FAST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

// Not `new Response(stream)`: Chromium replaces a stream's error with "Failed to fetch".
async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const error = await consume(stream, parts);
  if (error !== undefined) throw error;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function pattern(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe('round trips', () => {
  test('backend matches the runtime', () => {
    expect(cipherBackend).toBe(isNode ? 'node:crypto+noble' : 'webcrypto+noble');
  });

  for (const algorithm of ENCRYPTION_ALGORITHMS) {
    test(`${algorithm}: bytes and streams, sizes around chunk boundaries`, async () => {
      const keyProvider = rawKeyProvider(KEK);
      for (const size of [0, 1, 255, 256, 257, 511, 512, 513, 1000]) {
        const data = pattern(size, size + 7);
        const container = await encryptBytes(data, { keyProvider, algorithm, chunkSize: 256 });
        const chunks = Math.max(1, Math.ceil(size / 256));
        const info = await inspectContainer(container);
        expect(container.length).toBe(info.headerLength + size + 16 * chunks);
        expect(await decryptBytes(container, { keyProvider })).toEqual(data);
        // The same through streams with uneven input pieces.
        const pieces = [data.subarray(0, 3), data.subarray(3, 300), data.subarray(300)];
        const streamed = await readAll(encryptModel(pieces, { keyProvider, algorithm, chunkSize: 256 }));
        expect(await readAll(decryptModel(new Blob([streamed as Uint8Array<ArrayBuffer>]), { keyProvider }))).toEqual(
          data,
        );
      }
    });
  }

  test('fresh data key and nonce prefix per container: same input, different ciphertext', async () => {
    const keyProvider = rawKeyProvider(KEK);
    const data = pattern(100);
    const a = await encryptBytes(data, { keyProvider });
    const b = await encryptBytes(data, { keyProvider });
    expect(bytesToHex(a)).not.toBe(bytesToHex(b));
  });

  test('fast-check: random sizes around chunk boundaries, random chunk sizes, both ciphers', async () => {
    const keyProvider = rawKeyProvider(KEK);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ENCRYPTION_ALGORITHMS),
        fc.integer({ min: 6, max: 11 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: -2, max: 2 }),
        fc.integer({ min: 1, max: 97 }),
        async (algorithm, log2, chunks, delta, piece) => {
          const chunkSize = 2 ** log2;
          const size = Math.max(0, chunks * chunkSize + delta);
          const data = pattern(size, size * 31 + log2);
          const parts: Uint8Array[] = [];
          for (let i = 0; i < size; i += piece) parts.push(data.subarray(i, i + piece));
          const container = await readAll(encryptModel(parts, { keyProvider, algorithm, chunkSize }));
          const back = await decryptBytes(container, { keyProvider });
          expect(back).toEqual(data);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('metadata is authenticated and readable without the key; digest and size are checked', async () => {
    const keyProvider = rawKeyProvider(KEK, { keyId: 'models-2026' });
    const data = pattern(3000);
    const d = `sha256:${bytesToHex(await digest('sha256', data))}`;
    const container = await encryptBytes(data, {
      keyProvider,
      chunkSize: 1024,
      metadata: { digest: d, size: '3000', name: 'demo' },
    });
    const info = await inspectContainer(container);
    expect(info).toMatchObject({
      version: 1,
      algorithm: 'aes-256-gcm',
      chunkSize: 1024,
      keyId: 'models-2026',
      provider: 'kek',
      metadata: { digest: d, size: '3000', name: 'demo' },
    });
    let seen: unknown;
    const onHeader = (h: unknown) => {
      seen = h;
    };
    expect(await decryptBytes(container, { keyProvider, onHeader })).toEqual(data);
    expect(seen).toEqual(info);
    // A key holder that records a wrong digest or size: decryption refuses to release the last chunk.
    for (const metadata of <Record<string, string>[]>[
      { digest: `sha256:${'0'.repeat(64)}` },
      { size: '2999' },
      { size: '3001' },
    ]) {
      const lying = await encryptBytes(data, { keyProvider, chunkSize: 1024, metadata });
      const got: Uint8Array[] = [];
      const error = await consume(decryptModel(lying, { keyProvider }), got);
      expect(error).toMatchObject({ code: 'digest_mismatch' });
      expect(got.length).toBe(2); // chunks 0 and 1 authenticated; the last one is withheld
      if ('digest' in metadata) expect(await decryptBytes(lying, { keyProvider, verifyDigest: false })).toEqual(data);
    }
  });
});

describe('key providers', () => {
  test('a raw key and the same key as a non-extractable CryptoKey interoperate', async () => {
    const ck = await crypto.subtle.importKey('raw', KEK, 'AES-GCM', false, ['encrypt', 'decrypt']);
    const data = pattern(700);
    const fromRaw = await encryptBytes(data, { keyProvider: rawKeyProvider(KEK) });
    expect(await decryptBytes(fromRaw, { keyProvider: cryptoKeyProvider(ck) })).toEqual(data);
    const fromKey = await encryptBytes(data, { keyProvider: cryptoKeyProvider(ck, { keyId: 'ck' }) });
    expect(await decryptBytes(fromKey, { keyProvider: rawKeyProvider(KEK) })).toEqual(data);
    expect(ck.extractable).toBe(false);
  });

  test('generated non-extractable CryptoKey', async () => {
    const ck = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const keyProvider = cryptoKeyProvider(ck);
    const data = pattern(5000);
    expect(await decryptBytes(await encryptBytes(data, { keyProvider }), { keyProvider })).toEqual(data);
  });

  test('passphrase: round trip, stored scrypt parameters, wrong passphrase is key_mismatch', async () => {
    const keyProvider = passphraseKeyProvider('correct horse battery staple', { scrypt: FAST_SCRYPT });
    const data = pattern(1234);
    const container = await encryptBytes(data, { keyProvider, algorithm: 'xchacha20-poly1305' });
    const info = await inspectContainer(container);
    expect(info.provider).toBe('passphrase');
    expect(info.keyId).toBe('passphrase');
    // Decryption reads the cost from the header: a reader with other defaults still opens it.
    expect(
      await decryptBytes(container, { keyProvider: passphraseKeyProvider('correct horse battery staple') }),
    ).toEqual(data);
    await expect(
      decryptBytes(container, { keyProvider: passphraseKeyProvider('wrong', { scrypt: FAST_SCRYPT }) }),
    ).rejects.toMatchObject({
      code: 'key_mismatch',
    });
    // Bytes passphrases are the UTF-8 of the string.
    const asBytes = passphraseKeyProvider(new TextEncoder().encode('correct horse battery staple'));
    expect(await decryptBytes(container, { keyProvider: asBytes })).toEqual(data);
  });

  test('a hostile header cannot request a huge scrypt cost: refused before any work', async () => {
    const strong = passphraseKeyProvider('pw', { scrypt: { N: 2 ** 20, r: 8, p: 1 } });
    // Wrapping would allocate 1 GiB; instead check the reader side with a provider whose header asks for it.
    const fake: KeyProvider = {
      kind: 'passphrase',
      keyId: 'passphrase',
      wrapKey: async () => ({
        wrappedKey: new Uint8Array(60),
        params: { kdf: 'scrypt', N: 2 ** 22, r: 8, p: 1, salt: 'AAAAAAAAAAAAAAAAAAAAAA' },
      }),
      unwrapKey: strong.unwrapKey,
    };
    const container = await encryptBytes(pattern(10), { keyProvider: fake });
    const err = await decryptBytes(container, { keyProvider: strong }).catch((e) => e);
    expect(IntegrityError.isInstance(err)).toBe(true);
    expect(err).toMatchObject({ code: 'container_malformed', details: { reason: 'kdf_params' } });
    for (const params of [
      { kdf: 'scrypt', N: 1000, r: 8, p: 1, salt: 'AAAAAAAAAAAAAAAAAAAAAA' },
      { kdf: 'scrypt', N: 1024, r: 8, p: 2 ** 20, salt: 'AAAAAAAAAAAAAAAAAAAAAA' },
      { kdf: 'pbkdf2', N: 1024, r: 8, p: 1, salt: 'AAAAAAAAAAAAAAAAAAAAAA' },
      { kdf: 'scrypt', N: 1024, r: 8, p: 1, salt: 'AA' },
    ]) {
      const c = await encryptBytes(pattern(10), {
        keyProvider: { ...fake, wrapKey: async () => ({ wrappedKey: new Uint8Array(60), params }) },
      });
      await expect(decryptBytes(c, { keyProvider: strong })).rejects.toMatchObject({ code: 'container_malformed' });
    }
  });

  test('a provider of another kind is a key_mismatch, not a crash', async () => {
    const container = await encryptBytes(pattern(10), { keyProvider: rawKeyProvider(KEK) });
    await expect(
      decryptBytes(container, { keyProvider: passphraseKeyProvider('x', { scrypt: FAST_SCRYPT }) }),
    ).rejects.toMatchObject({ code: 'key_mismatch', kind: 'integrity' });
  });

  test('rotation re-wraps the data key without touching a chunk', async () => {
    const oldP = rawKeyProvider(KEK, { keyId: 'old' });
    const newP = passphraseKeyProvider('new secret', { scrypt: FAST_SCRYPT, keyId: 'new' });
    const data = pattern(2000);
    const container = await encryptBytes(data, { keyProvider: oldP, chunkSize: 512 });
    const rotated = await readAll(rewrapModel(container, { from: oldP, to: newP }));
    const a = await inspectContainer(container);
    const b = await inspectContainer(rotated);
    expect(b).toMatchObject({ keyId: 'new', provider: 'passphrase' });
    // Every chunk byte is identical; only the envelope and MAC changed.
    expect(bytesToHex(rotated.subarray(b.headerLength))).toBe(bytesToHex(container.subarray(a.headerLength)));
    expect(await decryptBytes(rotated, { keyProvider: newP })).toEqual(data);
    await expect(decryptBytes(rotated, { keyProvider: oldP })).rejects.toMatchObject({ code: 'key_mismatch' });
    await expect(readAll(rewrapModel(container, { from: newP, to: oldP }))).rejects.toMatchObject({
      code: 'key_mismatch',
    });
  });
});

describe('zero trust in inputs', () => {
  test('bad arguments are labelled TypeErrors / RangeErrors', () => {
    for (const bad of NOT_BYTES) {
      if (bad instanceof Uint8Array) continue;
      expect(() => rawKeyProvider(bad as Uint8Array)).toThrow(TypeError);
    }
    expect(() => rawKeyProvider(new Uint8Array(16))).toThrow(RangeError);
    const keyProvider = rawKeyProvider(KEK);
    expect(() => encryptModel([], { keyProvider, chunkSize: 1000 })).toThrow(RangeError);
    expect(() => encryptModel([], { keyProvider, chunkSize: 32 })).toThrow(RangeError);
    expect(() => encryptModel([], { keyProvider, algorithm: 'rot13' as never })).toThrow(RangeError);
    expect(() => encryptModel([], { keyProvider, metadata: { 'bad key!': 'x' } })).toThrow(RangeError);
    expect(() => encryptModel([], { keyProvider, metadata: { digest: 'md5:00' } })).toThrow(RangeError);
    expect(() => encryptModel([], { keyProvider: {} as never })).toThrow(TypeError);
    expect(() => decryptModel([], { keyProvider: null as never })).toThrow(TypeError);
    expect(() => passphraseKeyProvider('')).toThrow(RangeError);
    expect(() => passphraseKeyProvider('x', { scrypt: { N: 1000 } })).toThrow(RangeError);
  });

  test('encryptBytes / decryptBytes reject non-bytes; file helpers say which runtime they need', async () => {
    const keyProvider = rawKeyProvider(KEK);
    for (const bad of NOT_BYTES) {
      await expect(encryptBytes(bad as Uint8Array, { keyProvider })).rejects.toThrow(TypeError);
    }
    for (const bad of [null, 0, 'abc', {}, [1, 2]]) {
      const error = await decryptBytes(bad as Uint8Array, { keyProvider }).catch((e) => e);
      expect(isModelSecError(error)).toBe(true);
    }
    if (!isNode) {
      await expect(encryptFile('a', 'b', { keyProvider })).rejects.toMatchObject({ code: 'unsupported_runtime' });
      await expect(decryptFile('a', 'b', { keyProvider })).rejects.toMatchObject({ code: 'unsupported_runtime' });
    }
  });

  test('fast-check: arbitrary bytes never decrypt and always give a typed IntegrityError', async () => {
    const keyProvider = rawKeyProvider(KEK);
    const valid = await encryptBytes(pattern(600), { keyProvider, chunkSize: 256 });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }),
          // Valid-looking prefixes with random tails exercise the parser past the magic.
          fc.tuple(fc.integer({ min: 0, max: valid.length }), fc.uint8Array({ maxLength: 300 })).map(([n, tail]) => {
            const out = new Uint8Array(n + tail.length);
            out.set(valid.subarray(0, n));
            out.set(tail, n);
            return out;
          }),
        ),
        async (bytes) => {
          const error = await decryptBytes(bytes, { keyProvider }).then(
            () => undefined,
            (e) => e,
          );
          if (error === undefined) {
            expect(bytesToHex(bytes)).toBe(bytesToHex(valid)); // only the genuine container opens
            return;
          }
          expect(isModelSecError(error)).toBe(true);
          expect(IntegrityError.isInstance(error)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('messages never contain key material or plaintext', async () => {
    const secret = randomBytes(32);
    const data = new TextEncoder().encode('TOP-SECRET-WEIGHTS '.repeat(20));
    const container = await encryptBytes(data, { keyProvider: rawKeyProvider(secret) });
    container[container.length - 1] = (container[container.length - 1] as number) ^ 1;
    const err = await decryptBytes(container, { keyProvider: rawKeyProvider(secret) }).catch((e) => e);
    const text = JSON.stringify(err.toJSON()) + err.message;
    expect(text).not.toContain('TOP-SECRET');
    expect(text).not.toContain(bytesToHex(secret).slice(0, 16));
    const wrong = await decryptBytes(container, {
      keyProvider: passphraseKeyProvider('hunter2', { scrypt: FAST_SCRYPT }),
    }).catch((e) => e);
    expect(JSON.stringify(wrong.toJSON())).not.toContain('hunter2');
  });
});

async function consume(stream: ReadableStream<Uint8Array>, into: Uint8Array[]): Promise<unknown> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return undefined;
      into.push(value);
    }
  } catch (error) {
    return error;
  }
}
