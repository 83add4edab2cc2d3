/**
 * loadEncryptedModel on the real opt-mnist CNN: encrypt the ONNX bytes, load an onnxruntime-web
 * session straight from the container in memory (Node and Chromium), and classify real MNIST digits.
 */
import { bytesToHex, digest, IntegrityError } from '@modelsec/core';
import { encryptBytes, loadEncryptedModel, rawKeyProvider } from '@modelsec/core/encryption';
import { loadMnist, loadMnistModelBytes, MNIST_MODEL, ort } from '@modelsec-test/utils';
import { describe, expect, test } from 'vitest';

const KEK = Uint8Array.from({ length: 32 }, (_, i) => i * 3);

async function accuracy(session: ort.InferenceSession, count: number): Promise<number> {
  const { images, labels } = await loadMnist({ limit: count });
  let correct = 0;
  for (let i = 0; i < count; i++) {
    const input = new ort.Tensor('float32', images.slice(i * 784, (i + 1) * 784), [1, 1, 28, 28]);
    const out = await session.run({ [MNIST_MODEL.input]: input });
    const logits = out[MNIST_MODEL.output]?.data as Float32Array;
    let best = 0;
    for (let k = 1; k < 10; k++) if ((logits[k] as number) > (logits[best] as number)) best = k;
    if (best === labels[i]) correct++;
  }
  return correct / count;
}

describe('loadEncryptedModel (real MNIST model, onnxruntime-web)', () => {
  test('decrypts in memory, checks the header digest, and the session classifies digits', async () => {
    const model = await loadMnistModelBytes();
    const keyProvider = rawKeyProvider(KEK);
    const metadata = { digest: `sha256:${bytesToHex(await digest('sha256', model))}`, size: String(model.length) };
    const container = await encryptBytes(model, { keyProvider, metadata });
    const seen: string[] = [];
    const session = await loadEncryptedModel(new Blob([container as Uint8Array<ArrayBuffer>]), keyProvider, {
      ort,
      requireDigest: true,
      verify: async (bytes, info) => {
        seen.push(bytesToHex(await digest('sha256', bytes)), info.metadata.digest ?? '');
      },
    });
    expect(seen).toEqual([metadata.digest.slice(7), metadata.digest]);
    expect(session.inputNames).toEqual([MNIST_MODEL.input]);
    expect(await accuracy(session, 100)).toBeGreaterThanOrEqual(0.95);
  });

  test('a verifier that refuses, a missing digest, a tampered container: no session', async () => {
    const model = await loadMnistModelBytes();
    const keyProvider = rawKeyProvider(KEK);
    const container = await encryptBytes(model, { keyProvider, chunkSize: 2 ** 12 });
    let created = 0;
    const createSession = async (bytes: Uint8Array) => {
      created++;
      return bytes.length;
    };
    const refuse = () => {
      throw new IntegrityError('signature_invalid', 'signature does not verify');
    };
    await expect(loadEncryptedModel(container, keyProvider, { createSession, verify: refuse })).rejects.toMatchObject({
      code: 'signature_invalid',
    });
    await expect(
      loadEncryptedModel(container, keyProvider, { createSession, requireDigest: true }),
    ).rejects.toMatchObject({ code: 'digest_mismatch' });
    const tampered = container.slice();
    tampered[tampered.length - 5000] = (tampered[tampered.length - 5000] as number) ^ 0x10;
    await expect(loadEncryptedModel(tampered, keyProvider, { createSession })).rejects.toMatchObject({
      code: 'decryption_failed',
    });
    expect(created).toBe(0);
    // createSession receives the plaintext; it is wiped afterwards unless wipe: false.
    let kept: Uint8Array | undefined;
    await loadEncryptedModel(container, keyProvider, { createSession: async (b) => (kept = b), wipe: false });
    expect(kept).toEqual(model);
    await loadEncryptedModel(container, keyProvider, { createSession: async (b) => (kept = b) });
    expect(kept?.every((b) => b === 0)).toBe(true);
  });

  test('needs ort or createSession', async () => {
    await expect(loadEncryptedModel(new Uint8Array(0), rawKeyProvider(KEK), {})).rejects.toMatchObject({
      code: 'invalid_config',
    });
  });
});
