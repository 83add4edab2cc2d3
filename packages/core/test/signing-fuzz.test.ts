/**
 * Property tests: arbitrary bundle JSON (random values, mutated real bundles, adversarial megabyte
 * inputs) and arbitrary file trees never crash, hang or escape the verifier: every rejection is a
 * typed ModelSecError. The strict JSON parser agrees with JSON.parse on valid, duplicate-free JSON.
 */
import { isModelSecError } from '@modelsec/core';
import {
  fileListSource,
  hashModel,
  importPublicKey,
  memorySource,
  parseBundle,
  parseCertificate,
  parseStrictJson,
  readCertificates,
  signModel,
  verifyBundle,
  verifyModel,
} from '@modelsec/core/signing';
import { NOT_BYTES, readSharedText } from '@modelsec-test/utils';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

const publicKey = await readSharedText('model-transparency/keys/certificate/signing-key-pub.pem');
const privateKey = await readSharedText('model-transparency/keys/certificate/signing-key.pem');
const realBundle = await readSharedText('model-transparency/v1.1.0-elliptic-key/model.sig');

async function rejectsTyped(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (e) {
    if (!isModelSecError(e)) throw e;
  }
}

describe('strict JSON parser', () => {
  test('agrees with JSON.parse on any JSON value', () => {
    fc.assert(
      fc.property(fc.json({ depthSize: 'small' }), (text) => {
        let expected: unknown;
        try {
          expected = JSON.parse(text);
        } catch {
          return;
        }
        expect(parseStrictJson(text)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
  test('arbitrary strings parse or fail with a typed error', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          parseStrictJson(text);
        } catch (e) {
          expect(isModelSecError(e)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
  test('"__proto__" keys are plain data', () => {
    const v = parseStrictJson('{"__proto__":{"polluted":1}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  test('adversarial megabyte inputs fail fast and typed', () => {
    const cases = [
      '['.repeat(1 << 20),
      `"${'\\u'.repeat(1 << 19)}`,
      `{${'"a":1,'.repeat(1 << 17)}"a":2}`,
      `"${'x'.repeat(1 << 20)}`,
      '1'.repeat(1 << 20),
    ];
    for (const c of cases) {
      try {
        parseStrictJson(c);
      } catch (e) {
        expect(isModelSecError(e)).toBe(true);
      }
    }
  });
});

describe('verifier on arbitrary bundles', () => {
  test('arbitrary JSON values as bundles', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        await expect(verifyBundle(JSON.stringify(value) ?? 'null', { publicKey })).rejects.toSatisfy(isModelSecError);
      }),
      { numRuns: 200 },
    );
  });
  test('mutated real bundles (characters replaced, removed, duplicated) never crash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.nat(realBundle.length - 1),
            fc.constantFrom('replace', 'delete', 'dup'),
            fc.string({ minLength: 1, maxLength: 1 }),
          ),
          { minLength: 1, maxLength: 4 },
        ),
        async (edits) => {
          let s = realBundle;
          for (const [at, kind, ch] of edits) {
            const i = at % s.length;
            s =
              kind === 'delete'
                ? s.slice(0, i) + s.slice(i + 1)
                : kind === 'dup'
                  ? s.slice(0, i) + s.slice(i, i + 20) + s.slice(i)
                  : s.slice(0, i) + ch + s.slice(i + 1);
          }
          await rejectsTyped(verifyBundle(s, { publicKey }));
        },
      ),
      { numRuns: 150 },
    );
  });
  test('structured bundles with random fields', async () => {
    const b64 = fc.uint8Array({ maxLength: 64 }).map((u) => btoa(String.fromCharCode(...u)));
    const bundle = fc.record({
      mediaType: fc.constantFrom('application/vnd.dev.sigstore.bundle.v0.3+json', 'x'),
      verificationMaterial: fc.oneof(
        fc.record({ publicKey: fc.record({ hint: fc.string() }), tlogEntries: fc.constant([]) }),
        fc.record({
          x509CertificateChain: fc.record({ certificates: fc.array(fc.record({ rawBytes: b64 }), { maxLength: 3 }) }),
        }),
        fc.jsonValue(),
      ),
      dsseEnvelope: fc.record({
        payload: fc.oneof(
          b64,
          fc.jsonValue().map((v) => btoa(JSON.stringify(v) ?? '')),
        ),
        payloadType: fc.constantFrom('application/vnd.in-toto+json', ''),
        signatures: fc.array(fc.record({ sig: b64, keyid: fc.option(fc.string()) }), { maxLength: 2 }),
      }),
    });
    await fc.assert(
      fc.asyncProperty(bundle, async (b) => {
        await expect(verifyBundle(JSON.stringify(b), { publicKey })).rejects.toSatisfy(isModelSecError);
      }),
      { numRuns: 200 },
    );
  });
});

describe('verifier on arbitrary file trees', () => {
  const segment = fc.constantFrom('a', 'b', '.', '..', '', 'x y', 'é', 'a\\b', 'nul\u0000', '.git', ':', 'c:1:2');
  const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
  const tree = fc.dictionary(path, fc.uint8Array({ maxLength: 64 }), { maxKeys: 6 });
  test('signing then verifying any valid tree succeeds; invalid names are typed errors', async () => {
    await fc.assert(
      fc.asyncProperty(
        tree,
        fc.constantFrom('files', 'shards') as fc.Arbitrary<'files' | 'shards'>,
        async (files, method) => {
          let source: ReturnType<typeof memorySource>;
          try {
            source = memorySource('m', files);
          } catch (e) {
            expect(isModelSecError(e)).toBe(true);
            return;
          }
          const { text } = await signModel(source, { privateKey, method, shardSize: 16 });
          await verifyModel(source, text, { publicKey });
        },
      ),
      { numRuns: 40 },
    );
  });
  test('a signed bundle against arbitrary other trees: accepted only if equal, else typed', async () => {
    const { text } = await signModel(memorySource('m', { 'a/b': 'x', c: 'y' }), { privateKey });
    await fc.assert(
      fc.asyncProperty(tree, async (files) => {
        try {
          await verifyModel(memorySource('m', files), text, { publicKey });
          expect(Object.keys(files).sort()).toEqual(['a/b', 'c']);
        } catch (e) {
          expect(isModelSecError(e)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});

const certPem = await readSharedText('model-transparency/keys/certificate/signing-key-cert.pem');

describe('certificates, keys and argument types', () => {
  const certDer = (readCertificates(certPem)[0] as { der: Uint8Array }).der;
  const typed = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(isModelSecError(e), String(e)).toBe(true);
    }
  };
  test('arbitrary bytes and bit-flipped certificates parse or fail typed', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => typed(() => parseCertificate(bytes))),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.nat(certDer.length - 1), fc.integer({ min: 1, max: 255 }), (at, x) => {
        const copy = certDer.slice();
        copy[at] = (copy[at] as number) ^ x;
        typed(() => parseCertificate(copy));
      }),
      { numRuns: 300 },
    );
  });
  test('arbitrary PEM-ish text as keys and certificates fails typed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 120 }), async (text, der) => {
        const pem = `-----BEGIN PUBLIC KEY-----\n${btoa(String.fromCharCode(...der))}\n-----END PUBLIC KEY-----\n`;
        for (const input of [text, pem, der]) {
          try {
            await importPublicKey(input);
          } catch (e) {
            expect(isModelSecError(e), String(e)).toBe(true);
          }
        }
        typed(() => readCertificates(text));
      }),
      { numRuns: 200 },
    );
  });
  test('wrong-typed arguments are TypeErrors', async () => {
    for (const bad of NOT_BYTES.filter((v) => typeof v !== 'string')) {
      expect(() => parseBundle(bad as never)).toThrow(TypeError);
      await expect(verifyModel(bad as never, '{}', { publicKey: 'x' })).rejects.toThrow(TypeError);
      await expect(hashModel(bad as never)).rejects.toThrow(TypeError);
    }
    expect(() => memorySource('', {})).toThrow(TypeError);
    expect(() => fileListSource([1 as never])).toThrow(TypeError);
  });
  test('a picked folder (webkitRelativePath) is named after the folder, paths relative to it', async () => {
    const f = (path: string, text: string) => {
      const file = new File([text], path.split('/').pop() as string);
      Object.defineProperty(file, 'webkitRelativePath', { value: path });
      return file;
    };
    const m = await hashModel(fileListSource([f('bert/config.json', '{}'), f('bert/w/a.bin', 'a')]));
    expect(m.modelName).toBe('bert');
    expect(m.resources.map((r) => r.name)).toEqual(['config.json', 'w/a.bin']);
  });
});
