/**
 * Key options shared by `modelsec encrypt` and `modelsec decrypt`: exactly one of `--key-file` (a
 * 32-byte key: raw, 64 hex characters, or base64) or `--passphrase-env` (the name of an environment
 * variable holding the passphrase, so it never appears in the process list or shell history).
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { base64ToBytes, hexToBytes } from '@modelsec/core';
import { type KeyProvider, passphraseKeyProvider, rawKeyProvider } from '@modelsec/core/encryption';
import { type CommandContext, type OptionSpec, UsageError } from '../command';

/** The key options. */
export const KEY_OPTIONS: Record<string, OptionSpec> = {
  'key-file': {
    type: 'string',
    valueName: '<file>',
    description: 'file holding a 32-byte key (raw bytes, 64 hex characters, or base64)',
  },
  'passphrase-env': {
    type: 'string',
    valueName: '<VAR>',
    description: 'name of the environment variable holding the passphrase (scrypt)',
  },
  'key-id': { type: 'string', valueName: '<id>', description: 'key id recorded in the header (not secret)' },
};

/** Build the key provider from the options (usage errors exit 2). */
export function keyProviderFrom(ctx: CommandContext, scryptLogN?: number): KeyProvider {
  const keyFile = ctx.values['key-file'] as string | undefined;
  const envName = ctx.values['passphrase-env'] as string | undefined;
  const keyId = ctx.values['key-id'] as string | undefined;
  if ((keyFile === undefined) === (envName === undefined)) {
    throw new UsageError('give exactly one of --key-file <file> or --passphrase-env <VAR>');
  }
  if (envName !== undefined) {
    const passphrase = ctx.io.env[envName];
    if (!passphrase) throw new UsageError(`environment variable ${envName} is not set or empty`);
    const scrypt = scryptLogN === undefined ? undefined : { N: 2 ** scryptLogN };
    return passphraseKeyProvider(passphrase, { ...(scrypt ? { scrypt } : {}), ...(keyId ? { keyId } : {}) });
  }
  return rawKeyProvider(readKeyFile(resolve(ctx.io.cwd, keyFile as string)), keyId ? { keyId } : {});
}

function readKeyFile(path: string): Uint8Array {
  if (statSync(path).size > 1024) throw new UsageError('--key-file: not a key file (larger than 1 KiB)');
  const raw = new Uint8Array(readFileSync(path));
  if (raw.length === 32) return raw;
  const text = new TextDecoder().decode(raw).trim();
  let key: Uint8Array | undefined;
  try {
    key = /^[0-9a-fA-F]{64}$/.test(text) ? hexToBytes(text) : base64ToBytes(text);
  } catch {
    key = undefined;
  }
  raw.fill(0);
  if (key?.length !== 32) throw new UsageError('--key-file must hold 32 bytes: raw, 64 hex characters, or base64');
  return key;
}
