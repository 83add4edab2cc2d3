/**
 * Passphrase key provider: scrypt (RFC 7914) turns the passphrase and a random 16-byte salt into an
 * AES-256-GCM key-encryption key. The cost parameters are stored in the envelope, and bounded when
 * read back, so a hostile header cannot make a reader allocate gigabytes or spin for minutes.
 */
import { base64ToBytes, bytesToBase64, utf8ToBytes } from '../../bytes/encoding';
import { randomBytes, wipeBytes } from '../../bytes/ops';
import { ainteger, aobject, astring, isBytes } from '../../errors/asserts';
import { describeValue } from '../../errors/describe';
import { IntegrityError, ModelSecRangeError, ModelSecTypeError } from '../../errors/model-sec-error';
import { getSubtle } from '../cipher';
import type { KeyEnvelope } from '../format';
import { aesUnwrap, aesWrap, expectKind, type KeyProvider } from '../provider';
import { scrypt32 } from './scrypt';

/** scrypt cost parameters. */
export interface ScryptParams {
  /** CPU/memory cost, a power of two (default 2^17). */
  N: number;
  /** Block size (default 8). */
  r: number;
  /** Parallelism (default 1). */
  p: number;
}

/** Options of `passphraseKeyProvider`. */
export interface PassphraseProviderOptions {
  /** Cost used when encrypting (default N = 2^17, r = 8, p = 1: 128 MiB, as OWASP recommends). */
  scrypt?: Partial<ScryptParams>;
  /** Largest memory, in bytes, a header may ask for when decrypting (128·N·r; default 256 MiB). */
  maxMemory?: number;
  /** Largest work N·r·p a header may ask for when decrypting (default 2^23, 8× the default cost). */
  maxWork?: number;
  /** Key id to record (default `"passphrase"`; never derived from the passphrase). */
  keyId?: string;
}

/** The default scrypt cost for new containers. */
export const DEFAULT_SCRYPT: Readonly<ScryptParams> = /* @__PURE__ */ Object.freeze({ N: 2 ** 17, r: 8, p: 1 });

/**
 * A key provider from a passphrase (a string, UTF-8 encoded as given, or bytes).
 *
 * @example
 * ```ts
 * const keyProvider = passphraseKeyProvider(process.env.MODEL_PASSPHRASE ?? '');
 * const out = encryptModel(file.stream(), { keyProvider });
 * ```
 */
export function passphraseKeyProvider(
  passphrase: string | Uint8Array,
  options: PassphraseProviderOptions = {},
): KeyProvider {
  if (typeof passphrase !== 'string' && !isBytes(passphrase)) {
    throw new ModelSecTypeError(`"passphrase" expected string or Uint8Array, got ${describeValue(passphrase)}`);
  }
  if (passphrase.length === 0) throw new ModelSecRangeError('"passphrase" must not be empty');
  aobject(options as unknown, 'options');
  const cost = { ...DEFAULT_SCRYPT, ...options.scrypt };
  checkCost(cost, (m) => new ModelSecRangeError(`"options.scrypt" ${m}`));
  const maxMemory = options.maxMemory ?? 256 * 2 ** 20;
  const maxWork = options.maxWork ?? 2 ** 23;
  ainteger(maxMemory, 'options.maxMemory', { min: 1 });
  ainteger(maxWork, 'options.maxWork', { min: 1 });
  const keyId = options.keyId ?? 'passphrase';
  astring(keyId, 'options.keyId');
  const secret = typeof passphrase === 'string' ? utf8ToBytes(passphrase) : passphrase.slice();

  const kek = async (salt: Uint8Array, p: ScryptParams): Promise<CryptoKey> => {
    const bytes = await scrypt32(secret, salt, { ...p, maxmem: 128 * p.N * p.r * p.p + 1024 });
    try {
      return await getSubtle().importKey('raw', bytes as Uint8Array<ArrayBuffer>, 'AES-GCM', false, [
        'encrypt',
        'decrypt',
      ]);
    } finally {
      wipeBytes(bytes);
    }
  };
  return {
    kind: 'passphrase',
    keyId,
    async wrapKey(dataKey, context) {
      const salt = randomBytes(16);
      const wrappedKey = await aesWrap(await kek(salt, cost), dataKey, context);
      return { wrappedKey, params: { kdf: 'scrypt', N: cost.N, r: cost.r, p: cost.p, salt: b64(salt) } };
    },
    async unwrapKey(envelope, context) {
      expectKind(envelope, 'passphrase');
      const { salt, params } = readParams(envelope, maxMemory, maxWork);
      return aesUnwrap(await kek(salt, params), envelope.wrappedKey, context);
    },
  };
}

function readParams(envelope: KeyEnvelope, maxMemory: number, maxWork: number) {
  const bad = (m: string) =>
    new IntegrityError('container_malformed', `not a valid modelsec container: scrypt parameters ${m}`, {
      details: { reason: 'kdf_params' },
    });
  const { kdf, N, r, p, salt } = envelope.params;
  if (kdf !== 'scrypt' || typeof salt !== 'string') throw bad('are missing');
  const params = { N, r, p } as ScryptParams;
  checkCost(params, bad);
  if (128 * params.N * params.r > maxMemory) throw bad('ask for more memory than allowed');
  if (params.N * params.r * params.p > maxWork) throw bad('ask for more work than allowed');
  let saltBytes: Uint8Array;
  try {
    saltBytes = base64ToBytes(salt);
  } catch {
    throw bad('have a malformed salt');
  }
  if (saltBytes.length < 16 || saltBytes.length > 64) throw bad('have a salt of the wrong length');
  return { salt: saltBytes, params };
}

function checkCost(c: ScryptParams, error: (message: string) => Error): void {
  const ok = (v: unknown, max: number) => Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= max;
  if (!ok(c.N, 2 ** 30) || c.N < 2 || (c.N & (c.N - 1)) !== 0) throw error('N must be a power of two ≥ 2');
  if (!ok(c.r, 64)) throw error('r must be an integer in [1, 64]');
  if (!ok(c.p, 64)) throw error('p must be an integer in [1, 64]');
}

function b64(bytes: Uint8Array): string {
  return bytesToBase64(bytes, { url: true });
}
