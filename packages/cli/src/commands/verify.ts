/**
 * `modelsec verify <path> --signature <file> (--public-key <pem> | --certificate-chain <pem>... |
 * --identity <id> --identity-provider <url>)`: check a model against its signature. Exit 0 verified,
 * 1 not verified (the reason, and which files were added, missing, renamed or changed), 2 usage error.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { IntegrityError } from '@modelsec/core';
import { directorySource, type VerifyModelOptions, verifyModel } from '@modelsec/core/signing';
import { defineCommand, EXIT, UsageError } from '../command';
import { ignorePathsFor, readText } from './hash';

export default defineCommand({
  name: 'verify',
  summary: 'verify a model against its OpenSSF Model Signing signature',
  usage:
    '<path> --signature <file> (--public-key <pem> | --certificate-chain <pem>... | --identity <id> --identity-provider <url>) ' +
    '[--ignore-paths <path>...] [--ignore-unsigned-files] [--json]',
  description:
    'Verifies the bundle (key hint and signature, certificate chain to the given roots, or a Sigstore keyless ' +
    'certificate, transparency log entry and identity) and then every file of the model. Accepts bundles from ' +
    'model_signing 0.2 to 1.x and OMS v1.0. Exit codes: 0 verified, 1 not verified, 2 usage error.',
  options: {
    signature: { type: 'string', valueName: '<file>', description: 'the signature bundle (required)' },
    'public-key': { type: 'string', valueName: '<pem>', description: 'signer public key PEM (method key)' },
    'certificate-chain': {
      type: 'string',
      multiple: true,
      valueName: '<pem>',
      description: 'trusted root certificate(s) (method certificate)',
    },
    identity: { type: 'string', valueName: '<id>', description: 'expected signer identity (keyless Sigstore)' },
    'identity-provider': { type: 'string', valueName: '<url>', description: 'expected OIDC issuer (keyless Sigstore)' },
    'trust-config': {
      type: 'string',
      valueName: '<json>',
      description: 'Sigstore trusted_root.json (default: public-good snapshot)',
    },
    'ignore-paths': {
      type: 'string',
      multiple: true,
      valueName: '<path>',
      description: 'leave this path (or folder) out',
    },
    'ignore-unsigned-files': { type: 'boolean', description: 'accept files the signature does not list' },
    'no-ignore-git-paths': { type: 'boolean', description: 'include .git, .gitattributes, .github, .gitignore' },
  },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const path = ctx.positionals[0] as string;
    const signature = ctx.values.signature as string | undefined;
    if (!signature) throw new UsageError('--signature is required');
    const v = ctx.values;
    const chain = (v['certificate-chain'] as string[] | undefined) ?? [];
    const methods = [
      v['public-key'] !== undefined,
      chain.length > 0,
      v.identity !== undefined || v['identity-provider'] !== undefined,
    ];
    if (methods.filter(Boolean).length !== 1) {
      throw new UsageError(
        'give exactly one of --public-key, --certificate-chain, or --identity with --identity-provider',
      );
    }
    const options: VerifyModelOptions = {
      ignorePaths: ignorePathsFor(ctx, path, [...((v['ignore-paths'] as string[] | undefined) ?? []), signature]),
      ignoreUnsignedFiles: v['ignore-unsigned-files'] === true,
      ignoreGitPaths: v['no-ignore-git-paths'] !== true,
    };
    if (methods[0]) options.publicKey = await readText(ctx, v['public-key'] as string);
    else if (methods[1]) options.certificateChain = await Promise.all(chain.map((f) => readText(ctx, f)));
    else {
      if (typeof v.identity !== 'string' || typeof v['identity-provider'] !== 'string') {
        throw new UsageError('--identity and --identity-provider go together');
      }
      const trust = v['trust-config'] as string | undefined;
      options.keyless = {
        identity: v.identity,
        issuer: v['identity-provider'],
        ...(trust ? { trustedRoot: JSON.parse(await readText(ctx, trust)) } : {}),
      };
    }
    const bundle = await readFile(resolve(ctx.io.cwd, signature));
    try {
      const r = await verifyModel(directorySource(resolve(ctx.io.cwd, path)), bundle, options);
      const who = r.signer.keyless
        ? `${r.signer.keyless.identity} (${r.signer.keyless.issuer})`
        : r.signer.hint
          ? `key ${r.signer.hint.slice(0, 16)}`
          : `certificate ${r.signer.subjectAltNames?.join(', ') || '(no SAN)'}`;
      const lines = [`verified ${path}: sha256:${r.manifest.rootDigest || '(v0.2 signature)'} signed by ${who}`];
      for (const w of r.warnings) lines.push(`warning: ${w}`);
      if (r.unsigned.length) lines.push(`unsigned files ignored: ${r.unsigned.join(', ')}`);
      ctx.print(lines, {
        ok: true,
        method: r.method,
        format: r.format,
        digest: r.manifest.rootDigest ? `sha256:${r.manifest.rootDigest}` : null,
        signer: r.signer,
        unsigned: r.unsigned,
        warnings: r.warnings,
      });
      return EXIT.ok;
    } catch (error) {
      if (!IntegrityError.isInstance(error)) throw error;
      if (ctx.json) ctx.io.stdout.write(`${JSON.stringify({ ok: false, error: error.toJSON() }, null, 2)}\n`);
      ctx.io.stderr.write(`modelsec verify: NOT VERIFIED: ${error.code}: ${error.message}\n`);
      const d = (error.details ?? {}) as Record<string, unknown>;
      for (const key of ['changed', 'missing', 'added'] as const) {
        const list = d[key] as string[] | undefined;
        if (list?.length) ctx.io.stderr.write(`  ${key}: ${list.join(', ')}\n`);
      }
      const renamed = d.renamed as { from: string; to: string }[] | undefined;
      for (const r of renamed ?? []) ctx.io.stderr.write(`  renamed: ${r.from} -> ${r.to}\n`);
      return EXIT.failed;
    }
  },
});
