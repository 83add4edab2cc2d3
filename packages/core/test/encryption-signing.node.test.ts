/**
 * loadEncryptedModel's `verify` hook wired to model signing (`@modelsec/core/signing`, built in
 * parallel): sign the real MNIST model, encrypt it, and load it only when the signature verifies.
 * Skipped while the signing module is absent from the tree.
 */
import { encryptBytes, loadEncryptedModel, rawKeyProvider } from '@modelsec/core/encryption';
import { loadMnistModelBytes, ort } from '@modelsec-test/utils';
import { describe, expect, test } from 'vitest';

interface SigningApi {
  memorySource(name: string, content: Uint8Array): unknown;
  signModel(source: unknown, options: { privateKey: CryptoKeyPair }): Promise<{ text: string }>;
  verifyModel(source: unknown, bundle: string, options: { publicKey: CryptoKey }): Promise<unknown>;
}

// A computed specifier: this file must type-check and load whether or not the signing entry exists yet.
const SIGNING = ['@modelsec', 'core', 'signing'].join('/');
const signing = (await import(/* @vite-ignore */ SIGNING).catch(() => undefined)) as SigningApi | undefined;

describe.skipIf(!signing)('loadEncryptedModel + model signing', () => {
  test('loads a signed model; refuses one whose bytes differ from the signed ones', async () => {
    const s = signing as SigningApi;
    const model = await loadMnistModelBytes();
    const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const { text } = await s.signModel(s.memorySource('mnist.onnx', model), { privateKey: pair });
    const verify = async (bytes: Uint8Array) => {
      await s.verifyModel(s.memorySource('mnist.onnx', bytes), text, { publicKey: pair.publicKey });
    };
    const keyProvider = rawKeyProvider(new Uint8Array(32).fill(1));
    const session = await loadEncryptedModel(await encryptBytes(model, { keyProvider }), keyProvider, { ort, verify });
    expect(session.inputNames).toEqual(['Input3']);
    // A key holder encrypted different weights: decryption succeeds, the signature check refuses them.
    const other = model.slice();
    other[other.length - 10] = (other[other.length - 10] as number) ^ 1;
    const err = await loadEncryptedModel(await encryptBytes(other, { keyProvider }), keyProvider, {
      ort,
      verify,
    }).catch((e) => e);
    expect(err?.kind).toBe('integrity');
  });
});
