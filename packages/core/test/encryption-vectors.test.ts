/**
 * Known-answer containers written by an independent implementation of docs/encryption.md (Python,
 * pyca/cryptography; see vectors/encryption-gen.py): this code must open them byte for byte.
 */
import { bytesToHex, hexToBytes } from '@modelsec/core';
import { decryptBytes, inspectContainer, passphraseKeyProvider, rawKeyProvider } from '@modelsec/core/encryption';
import { describe, expect, test } from 'vitest';
import vectors from './vectors/encryption.json';

describe('encryption known-answer vectors (independent Python writer)', () => {
  const kek = hexToBytes(vectors.kekHex);
  for (const c of vectors.cases) {
    test(c.name, async () => {
      const container = hexToBytes(c.containerHex);
      const keyProvider = c.name.includes('passphrase')
        ? passphraseKeyProvider(vectors.passphrase)
        : rawKeyProvider(kek);
      const info = await inspectContainer(container);
      expect(info).toMatchObject({ version: 1, algorithm: c.algorithm, chunkSize: c.chunkSize });
      expect(info.metadata.size).toBe(String(c.plaintextHex.length / 2));
      const plain = await decryptBytes(container, { keyProvider });
      expect(bytesToHex(plain)).toBe(c.plaintextHex);
      const bad = container.slice();
      bad[bad.length - 1] = (bad[bad.length - 1] as number) ^ 0x80;
      await expect(decryptBytes(bad, { keyProvider })).rejects.toMatchObject({ kind: 'integrity' });
    });
  }
});
