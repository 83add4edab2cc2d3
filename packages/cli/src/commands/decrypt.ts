/**
 * `modelsec decrypt <in> <out>`: decrypt a modelsec container. Every chunk is authenticated, and the
 * output appears (by rename of a temporary file) only after the last chunk and the header's plaintext
 * digest checked out: on tampering, truncation or a wrong key nothing is left at `<out>` (exit 1).
 */
import { resolve } from 'node:path';
import { decryptFile } from '@modelsec/core/encryption';
import { defineCommand } from '../command';
import { KEY_OPTIONS, keyProviderFrom } from './encryption-keys';

export default defineCommand({
  name: 'decrypt',
  summary: 'decrypt a model encrypted with "modelsec encrypt" (all-or-nothing)',
  usage: '<in> <out> (--key-file <file> | --passphrase-env <VAR>) [--json]',
  description: 'Exit 0 ok, 1 integrity or key failure (nothing written), 2 usage.',
  options: { ...KEY_OPTIONS },
  positionals: { min: 2, max: 2 },
  async run(ctx) {
    const [input, output] = ctx.positionals as [string, string];
    const keyProvider = keyProviderFrom(ctx);
    let keyId = '';
    const result = await decryptFile(resolve(ctx.io.cwd, input), resolve(ctx.io.cwd, output), {
      keyProvider,
      onHeader: (info) => {
        keyId = info.keyId;
      },
    });
    ctx.print(`decrypted ${input} -> ${output} (${result.bytesOut} bytes, authenticated)`, {
      ok: true,
      input,
      output,
      keyId,
      ...result,
    });
    return 0;
  },
});
