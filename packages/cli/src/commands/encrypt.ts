/**
 * `modelsec encrypt <in> <out>`: encrypt a model file into a modelsec container (AES-256-GCM or
 * XChaCha20-Poly1305 chunks, envelope key from a key file or a passphrase). The output is written to a
 * temporary file and renamed into place when complete.
 */
import { resolve } from 'node:path';
import { ENCRYPTION_ALGORITHMS, type EncryptionAlgorithm, encryptFile } from '@modelsec/core/encryption';
import { defineCommand, UsageError } from '../command';
import { KEY_OPTIONS, keyProviderFrom } from './encryption-keys';

export default defineCommand({
  name: 'encrypt',
  summary: 'encrypt a model file at rest (authenticated, chunked, envelope key)',
  usage: '<in> <out> (--key-file <file> | --passphrase-env <VAR>) [--algorithm aes-256-gcm] [--json]',
  description: [
    'Writes a modelsec container (docs/encryption.md): a header with the wrapped data key and the',
    "plaintext's sha256 digest and size, then authenticated chunks. Exit 0 ok, 1 failure, 2 usage.",
  ].join('\n'),
  options: {
    ...KEY_OPTIONS,
    algorithm: { type: 'string', short: 'a', valueName: '<name>', description: ENCRYPTION_ALGORITHMS.join(' or ') },
    'chunk-size': {
      type: 'string',
      valueName: '<bytes>',
      description: 'plaintext bytes per chunk (default 1048576 = 1 MiB)',
    },
    'no-digest': { type: 'boolean', description: 'do not hash the plaintext into the header (one read pass less)' },
    'scrypt-log-n': { type: 'string', valueName: '<n>', description: 'passphrase scrypt cost N = 2^n (default 17)' },
  },
  positionals: { min: 2, max: 2 },
  async run(ctx) {
    const [input, output] = ctx.positionals as [string, string];
    const algorithm = (ctx.values.algorithm ?? 'aes-256-gcm') as EncryptionAlgorithm;
    if (!ENCRYPTION_ALGORITHMS.includes(algorithm)) {
      throw new UsageError(`--algorithm must be one of ${ENCRYPTION_ALGORITHMS.join(', ')}`);
    }
    const chunkSize = intOption(ctx.values['chunk-size'], '--chunk-size', 64, 2 ** 24);
    if (chunkSize !== undefined && (chunkSize & (chunkSize - 1)) !== 0) {
      throw new UsageError('--chunk-size must be a power of two from 64 to 16777216');
    }
    const logN = intOption(ctx.values['scrypt-log-n'], '--scrypt-log-n', 10, 20);
    const keyProvider = keyProviderFrom(ctx, logN);
    const result = await encryptFile(resolve(ctx.io.cwd, input), resolve(ctx.io.cwd, output), {
      keyProvider,
      algorithm,
      ...(chunkSize ? { chunkSize } : {}),
      digest: ctx.values['no-digest'] ? false : 'sha256',
    });
    ctx.print(`encrypted ${input} -> ${output} (${result.bytesIn} -> ${result.bytesOut} bytes, ${algorithm})`, {
      ok: true,
      input,
      output,
      algorithm,
      keyId: keyProvider.keyId,
      ...result,
    });
    return 0;
  },
});

/** Parse an integer option within bounds (usage error otherwise). */
export function intOption(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !/^[0-9]{1,9}$/.test(value) || n < min || n > max) {
    throw new UsageError(`${name} must be an integer from ${min} to ${max}`);
  }
  return n;
}
