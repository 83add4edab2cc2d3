/**
 * Tamper tests: every single-bit flip, truncation at every byte and chunk boundary, chunk swaps and
 * duplication, splices, header edits and wrong keys all fail with an IntegrityError, and a streaming
 * reader never receives plaintext of any chunk at or after the first bad one.
 */
import { concatBytes, IntegrityError } from '@modelsec/core';
import {
  decryptModel,
  encryptBytes,
  inspectContainer,
  type KeyProvider,
  passphraseKeyProvider,
  rawKeyProvider,
} from '@modelsec/core/encryption';
import { describe, expect, test } from 'vitest';

const KEK = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
const CHUNK = 64;
const RECORD = CHUNK + 16;
const PLAIN = Uint8Array.from({ length: 150 }, (_, i) => (i * 7 + 3) & 0xff); // chunks of 64, 64, 22
const CHUNKS = [PLAIN.subarray(0, 64), PLAIN.subarray(64, 128), PLAIN.subarray(128)];
const keyProvider = rawKeyProvider(KEK);

/** Decrypt as a stream; return the chunks released before the error (or the end), and the error. */
async function attempt(container: Uint8Array, provider: KeyProvider = keyProvider) {
  const released: Uint8Array[] = [];
  const reader = decryptModel(container, { keyProvider: provider }).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { released, error: undefined };
      released.push(value);
    }
  } catch (error) {
    return { released, error };
  }
}

/** Assert failure with an IntegrityError and exactly the first `good` chunks (genuine) released. */
function expectRejected(result: Awaited<ReturnType<typeof attempt>>, good: number, label: string) {
  if (!IntegrityError.isInstance(result.error)) {
    throw new Error(`${label}: expected IntegrityError, got ${String(result.error)}`);
  }
  if (result.released.length !== good) {
    throw new Error(`${label}: released ${result.released.length} chunks, expected ${good}`);
  }
  result.released.forEach((c, i) => {
    expect(c).toEqual(CHUNKS[i]);
  });
}

async function fixture(provider: KeyProvider = keyProvider) {
  const container = await encryptBytes(PLAIN, { keyProvider: provider, chunkSize: CHUNK, metadata: { name: 'm' } });
  const { headerLength } = await inspectContainer(container);
  expect(container.length).toBe(headerLength + 2 * RECORD + 22 + 16);
  return {
    container,
    h: headerLength,
    records: [0, 1, 2].map((k) =>
      container.slice(
        headerLength + k * RECORD,
        headerLength + Math.min((k + 1) * RECORD, container.length - headerLength),
      ),
    ),
  };
}

describe('tampering', () => {
  test('the untouched container decrypts (control)', async () => {
    const { container } = await fixture();
    const r = await attempt(container);
    expect(r.error).toBeUndefined();
    expect(concatBytes(...r.released)).toEqual(PLAIN);
  });

  test('every single-bit flip anywhere is detected; chunks before the flipped one are the only plaintext released', async () => {
    const { container, h } = await fixture();
    let checked = 0;
    for (let bit = 0; bit < container.length * 8; bit++) {
      const copy = container.slice();
      const byte = bit >>> 3;
      copy[byte] = (copy[byte] as number) ^ (1 << (bit & 7));
      const firstBad = byte < h ? 0 : Math.floor((byte - h) / RECORD);
      expectRejected(await attempt(copy), firstBad, `bit ${bit}`);
      checked++;
    }
    expect(checked).toBe(container.length * 8);
  });

  test('truncation at every byte, including every chunk boundary', async () => {
    const { container, h } = await fixture();
    for (let cut = 0; cut < container.length; cut++) {
      const r = await attempt(container.subarray(0, cut));
      // Records wholly before the cut that are followed by more bytes authenticate as non-final chunks.
      const whole = cut <= h ? 0 : Math.floor((cut - h) / RECORD);
      const atBoundary = cut > h && (cut - h) % RECORD === 0;
      expectRejected(r, cut <= h ? 0 : atBoundary ? whole - 1 : whole, `cut ${cut}`);
    }
  });

  test('chunk swaps, duplication, deletion and appended bytes', async () => {
    const { container, h, records } = await fixture();
    const head = container.subarray(0, h);
    const [r0, r1, r2] = records as [Uint8Array, Uint8Array, Uint8Array];
    const cases: [string, Uint8Array, number][] = [
      ['swap 0 and 1', concatBytes(head, r1, r0, r2), 0],
      ['swap 1 and 2', concatBytes(head, r0, r2, r1), 1],
      ['duplicate chunk 0', concatBytes(head, r0, r0, r1, r2), 1],
      ['duplicate chunk 1', concatBytes(head, r0, r1, r1, r2), 2],
      ['duplicate last chunk', concatBytes(head, r0, r1, r2, r2), 2],
      ['drop chunk 1', concatBytes(head, r0, r2), 1],
      ['drop last chunk', concatBytes(head, r0, r1), 1],
      ['append a byte', concatBytes(container, Uint8Array.of(0)), 2],
      ['append a whole chunk', concatBytes(container, r1), 2],
    ];
    for (const [label, bytes, good] of cases) expectRejected(await attempt(bytes), good, label);
  });

  test('splicing the header of one container onto the chunks of another (same key)', async () => {
    const a = await fixture();
    const b = await fixture();
    expectRejected(await attempt(concatBytes(a.container.subarray(0, a.h), b.container.subarray(b.h))), 0, 'splice');
    // And a chunk from another container at the right index.
    const mixed = concatBytes(
      a.container.subarray(0, a.h),
      a.records[0] as Uint8Array,
      b.records[1] as Uint8Array,
      a.records[2] as Uint8Array,
    );
    expectRejected(await attempt(mixed), 1, 'foreign chunk');
  });

  test('header field edits with consistent lengths: caught by the wrap binding and by the header MAC', async () => {
    // A provider whose wrap is NOT bound to the header (like Azure Key Vault): only the header MAC stands guard.
    const unbound: KeyProvider = {
      kind: 'test-unbound',
      keyId: 'k',
      wrapKey: async (dek) => ({ wrappedKey: dek.map((b) => b ^ 0x5a) }),
      unwrapKey: async (env) => env.wrappedKey.map((b) => b ^ 0x5a),
    };
    for (const [provider, code] of [
      [keyProvider, 'key_mismatch'],
      [unbound, 'tampered'],
    ] as const) {
      const { container } = await fixture(provider);
      const text = new TextDecoder('latin1').decode(container);
      const edits: [string, Uint8Array][] = [
        ['metadata value', replace(container, text, '"name":"m"', '"name":"x"')],
        ['chunk size exponent', setByte(container, 10, 9)],
        ['algorithm id', setByte(container, 9, 2)],
        ['nonce prefix', setByte(container, 12, (container[12] as number) ^ 0xff)],
        [
          'key id',
          replace(container, text, `"keyId":"${provider.keyId}"`, `"keyId":"${provider.keyId.replace(/.$/, 'Z')}"`),
        ],
      ];
      for (const [label, edited] of edits) {
        const r = await attempt(edited, provider);
        expectRejected(r, 0, `${label} (${provider.kind})`);
        if (label === 'metadata value' || label === 'key id')
          expect((r.error as IntegrityError).code).toBe(label === 'key id' ? 'tampered' : code);
      }
    }
  });

  test('wrong key, wrong passphrase, wrong provider kind: no plaintext at all', async () => {
    const { container } = await fixture();
    for (const p of [
      rawKeyProvider(new Uint8Array(32)),
      passphraseKeyProvider('guess', { scrypt: { N: 1024, r: 8, p: 1 } }),
    ]) {
      const r = await attempt(container, p);
      expectRejected(r, 0, p.kind);
      expect((r.error as IntegrityError).code).toBe('key_mismatch');
    }
  });
});

function setByte(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const copy = bytes.slice();
  copy[at] = value;
  return copy;
}

function replace(bytes: Uint8Array, latin1: string, from: string, to: string): Uint8Array {
  const at = latin1.indexOf(from);
  expect(at).toBeGreaterThan(0);
  expect(to.length).toBe(from.length);
  const copy = bytes.slice();
  for (let i = 0; i < to.length; i++) copy[at + i] = to.charCodeAt(i);
  return copy;
}
