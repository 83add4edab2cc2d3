/**
 * `modelsec sign <path> --private-key <pem> [--certificate-chain <pem>...] [--signature <file>]`:
 * sign a model folder or file into a Sigstore bundle (`model.sig`) that model_signing 1.x verifies.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { directorySource, signModel } from '@modelsec/core/signing';
import { defineCommand, UsageError } from '../command';
import { HASH_OPTIONS, hashOptionsFrom, ignorePathsFor, readText } from './hash';

export default defineCommand({
  name: 'sign',
  summary: 'sign a model (OpenSSF Model Signing bundle, verifiable by model_signing)',
  usage: '<path> --private-key <pem> [--certificate-chain <pem>...] [--signature <file>] [--json]',
  description:
    'Hashes the model and writes a Sigstore bundle v0.3 (DSSE, in-toto statement, predicate ' +
    'https://model_signing/signature/v1.0). With --certificate-chain (signing certificate first, then its chain; ' +
    'repeat the flag) the bundle carries the chain, otherwise the key hint. Keys: ECDSA P-256/P-384/P-521 PEM ' +
    '(PKCS#8 or SEC1); Ed25519 works as a modelsec extension that model_signing does not verify.',
  options: {
    'private-key': { type: 'string', valueName: '<pem>', description: 'private key PEM file (required)' },
    'certificate-chain': {
      type: 'string',
      multiple: true,
      valueName: '<pem>',
      description: 'signing certificate, then its chain',
    },
    signature: { type: 'string', valueName: '<file>', description: 'where to write the bundle (default model.sig)' },
    ...HASH_OPTIONS,
  },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const path = ctx.positionals[0] as string;
    const keyFile = ctx.values['private-key'] as string | undefined;
    if (!keyFile) throw new UsageError('--private-key is required');
    const signature = (ctx.values.signature as string | undefined) ?? 'model.sig';
    const options = hashOptionsFrom(ctx, path);
    const chainFiles = (ctx.values['certificate-chain'] as string[] | undefined) ?? [];
    const certificateChain = chainFiles.length ? await Promise.all(chainFiles.map((f) => readText(ctx, f))) : undefined;
    const [signaturePath] = ignorePathsFor(ctx, path, [signature]);
    const signed = await signModel(directorySource(resolve(ctx.io.cwd, path)), {
      ...options,
      privateKey: await readText(ctx, keyFile),
      certificateChain,
      signaturePath,
    });
    await writeFile(resolve(ctx.io.cwd, signature), signed.text);
    ctx.print(
      `signed ${path}: sha256:${signed.manifest.rootDigest} (${signed.manifest.resources.length} resources) -> ${signature}`,
      {
        ok: true,
        signature,
        method: certificateChain ? 'certificate' : 'key',
        digest: `sha256:${signed.manifest.rootDigest}`,
        resources: signed.manifest.resources.length,
      },
    );
    return 0;
  },
});
