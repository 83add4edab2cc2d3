/**
 * The modelsec encrypted-container format, version 1: constants, the header layout, and a strict,
 * bounded parser for untrusted headers. docs/encryption.md is the specification; this file is its
 * reference implementation. Every parse failure is an `IntegrityError` (`container_malformed`):
 * a container is either exactly what a key holder wrote, or it is rejected.
 *
 * ```
 * bound header (associated data of every chunk)
 *   0   8  magic 89 4D 53 45 4E 43 0D 0A ("\x89MSENC\r\n")
 *   8   1  version = 1
 *   9   1  algorithm: 1 = AES-256-GCM, 2 = XChaCha20-Poly1305
 *  10   1  log2(chunk size), 6..24
 *  11   1  reserved = 0
 *  12   P  nonce prefix (P = 7 for AES-256-GCM, 19 for XChaCha20-Poly1305)
 *   .   2  metadata length M (big-endian, <= 16384)
 *   .   M  metadata: UTF-8 JSON object of string values
 * key envelope (replaced by key rotation)
 *   .   2  envelope length E (big-endian, <= 16384)
 *   .   E  envelope: UTF-8 JSON { keyId, provider, wrappedKey, params? }
 *   .  32  header MAC: HMAC-SHA256(macKey, bound header || E || envelope)
 * chunks: ciphertext || 16-byte tag, chunk size bytes of plaintext each, the last one shorter or equal
 * ```
 */
import { base64ToBytes, bytesToBase64, bytesToUtf8, utf8ToBytes } from '../bytes/encoding';
import { concatBytes } from '../bytes/ops';
import { IntegrityError } from '../errors/model-sec-error';

/** The 8 magic bytes that start every container (`\x89MSENC\r\n`, PNG-style: catches text-mode mangling). */
export const MAGIC: Uint8Array = /* @__PURE__ */ Uint8Array.of(0x89, 0x4d, 0x53, 0x45, 0x4e, 0x43, 0x0d, 0x0a);

/** The container format version this code writes and reads. */
export const FORMAT_VERSION = 1;

/** Chunk ciphers: `aes-256-gcm` (default; native everywhere) or `xchacha20-poly1305` (@noble/ciphers). */
export const ENCRYPTION_ALGORITHMS = ['aes-256-gcm', 'xchacha20-poly1305'] as const;

/** A chunk cipher name. */
export type EncryptionAlgorithm = (typeof ENCRYPTION_ALGORITHMS)[number];

/** Algorithm id byte → name. */
export const ALGORITHM_IDS: Readonly<Record<number, EncryptionAlgorithm>> = /* @__PURE__ */ Object.freeze({
  1: 'aes-256-gcm',
  2: 'xchacha20-poly1305',
});

/** Nonce prefix length per algorithm: the nonce is prefix || u32 BE counter || u8 last-chunk flag. */
export const NONCE_PREFIX_LENGTH: Readonly<Record<EncryptionAlgorithm, number>> = /* @__PURE__ */ Object.freeze({
  'aes-256-gcm': 7,
  'xchacha20-poly1305': 19,
});

/** Authentication tag length of both chunk ciphers. */
export const TAG_LENGTH = 16;

/** Length of the header MAC (HMAC-SHA256). */
export const MAC_LENGTH = 32;

/**
 * Smallest and largest chunk size exponent (64 B .. 16 MiB). Default 20 (1 MiB): per-chunk cipher
 * set-up (node:crypto) and per-call cost (WebCrypto) fade at that size. Containers written with 64 KiB
 * chunks by earlier versions read the same way: the size is in each header.
 */
export const CHUNK_LOG2 = /* @__PURE__ */ Object.freeze({ min: 6, max: 24, default: 20 });

/** Largest metadata and envelope sections, in bytes. */
export const MAX_SECTION_LENGTH = 16384;

/** Most chunks one container may hold (the nonce counter is 32 bits). */
export const MAX_CHUNKS = 2 ** 32;

/** The key envelope: which key wrapped the data key, and the wrapped data key. Not secret. */
export interface KeyEnvelope {
  /** The key's identifier (an ARN, a Key Vault key URL, a name); never secret. */
  keyId: string;
  /** The key provider kind that wrapped the data key (`raw`, `passphrase`, `webcrypto`, `aws-kms`, ...). */
  provider: string;
  /** The wrapped (encrypted) data key. */
  wrappedKey: Uint8Array;
  /** Provider parameters (for example scrypt's N, r, p and salt); strings and integers only. */
  params: Readonly<Record<string, string | number>>;
}

/** A parsed container header. */
export interface ContainerHeader {
  /** Format version (1). */
  version: number;
  /** The chunk cipher. */
  algorithm: EncryptionAlgorithm;
  /** Plaintext bytes per chunk (the last chunk may be shorter). */
  chunkSize: number;
  /** Random per-container nonce prefix. */
  noncePrefix: Uint8Array;
  /** Authenticated, unencrypted metadata (for example `digest: 'sha256:<hex>'`, `size`). */
  metadata: Readonly<Record<string, string>>;
  /** The key envelope. */
  envelope: KeyEnvelope;
  /** The bound header bytes: the associated data of every chunk. */
  bound: Uint8Array;
  /** The bytes the header MAC covers (bound header, envelope length and envelope). */
  macInput: Uint8Array;
  /** The header MAC. */
  mac: Uint8Array;
  /** Total header length in bytes; chunks start at this offset. */
  length: number;
}

const METADATA_KEY = /^[A-Za-z0-9._:-]{1,64}$/;
const MAX_METADATA_ENTRIES = 32;
const MAX_METADATA_VALUE = 1024;
const MAX_KEY_ID = 1024;
const PROVIDER_NAME = /^[a-z0-9-]{1,32}$/;
const MAX_WRAPPED_KEY = 4096;

/** Throw the container-format error (never echoes content). */
export function malformed(reason: string): never {
  throw new IntegrityError('container_malformed', `not a valid modelsec container: ${reason}`, {
    details: { reason },
  });
}

/** Check metadata (an object of at most 32 string values); `onError` decides the error kind. */
export function checkMetadata(value: unknown, onError: (reason: string) => never): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) onError('metadata is not an object');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_METADATA_ENTRIES) onError(`metadata has more than ${MAX_METADATA_ENTRIES} entries`);
  const out: Record<string, string> = {};
  for (const [k, v] of entries) {
    if (!METADATA_KEY.test(k)) onError('metadata key must match [A-Za-z0-9._:-]{1,64}');
    if (typeof v !== 'string' || v.length > MAX_METADATA_VALUE) {
      onError(`metadata values must be strings of at most ${MAX_METADATA_VALUE} characters`);
    }
    define(out, k, v);
  }
  return out;
}

/** Encode the bound header (magic through metadata). */
export function encodeBoundHeader(
  algorithm: EncryptionAlgorithm,
  chunkLog2: number,
  noncePrefix: Uint8Array,
  metadata: Readonly<Record<string, string>>,
): Uint8Array {
  const id = Number(Object.keys(ALGORITHM_IDS).find((k) => ALGORITHM_IDS[Number(k)] === algorithm));
  const meta = utf8ToBytes(JSON.stringify(metadata));
  if (meta.length > MAX_SECTION_LENGTH) malformed('metadata section too large');
  const fixed = Uint8Array.of(FORMAT_VERSION, id, chunkLog2, 0);
  return concatBytes(MAGIC, fixed, noncePrefix, u16(meta.length), meta);
}

/** Encode the key envelope section (length-prefixed JSON). */
export function encodeEnvelope(envelope: KeyEnvelope): Uint8Array {
  const json: Record<string, unknown> = {
    keyId: envelope.keyId,
    provider: envelope.provider,
    wrappedKey: bytesToBase64(envelope.wrappedKey, { url: true }),
  };
  if (Object.keys(envelope.params).length > 0) json.params = envelope.params;
  const bytes = utf8ToBytes(JSON.stringify(json));
  if (bytes.length > MAX_SECTION_LENGTH) malformed('envelope section too large');
  return concatBytes(u16(bytes.length), bytes);
}

/**
 * Parse a header from a reader of exact byte counts. `read(n)` returns exactly `n` bytes, or fewer at
 * the end of the input. Reads at most 12 + 19 + 2 + 16384 + 2 + 16384 + 32 bytes.
 */
export async function parseHeader(read: (n: number) => Promise<Uint8Array>): Promise<ContainerHeader> {
  const need = async (n: number, what: string) => {
    const b = await read(n);
    if (b.length !== n) malformed(`input ends inside the ${what}`);
    return b;
  };
  const fixed = await need(12, 'fixed header');
  for (let i = 0; i < MAGIC.length; i++) if (fixed[i] !== MAGIC[i]) malformed('bad magic bytes');
  const version = fixed[8] as number;
  if (version !== FORMAT_VERSION) malformed(`unsupported format version ${version}`);
  const algorithm = ALGORITHM_IDS[fixed[9] as number];
  if (!algorithm) {
    throw new IntegrityError('unsupported_algorithm', `unknown container algorithm id ${fixed[9]}`);
  }
  const chunkLog2 = fixed[10] as number;
  if (chunkLog2 < CHUNK_LOG2.min || chunkLog2 > CHUNK_LOG2.max) malformed('chunk size out of range');
  if (fixed[11] !== 0) malformed('reserved byte is not zero');
  const noncePrefix = await need(NONCE_PREFIX_LENGTH[algorithm], 'nonce prefix');
  const metaLength = readU16(await need(2, 'metadata length'));
  if (metaLength > MAX_SECTION_LENGTH) malformed('metadata section too large');
  const metaBytes = await need(metaLength, 'metadata');
  const metadata = checkMetadata(parseJson(metaBytes, 'metadata'), malformed);
  const envLengthBytes = await need(2, 'envelope length');
  const envLength = readU16(envLengthBytes);
  if (envLength > MAX_SECTION_LENGTH) malformed('envelope section too large');
  const envBytes = await need(envLength, 'envelope');
  const envelope = parseEnvelope(parseJson(envBytes, 'envelope'));
  const mac = await need(MAC_LENGTH, 'header MAC');
  const bound = concatBytes(fixed, noncePrefix, u16(metaLength), metaBytes);
  const macInput = concatBytes(bound, envLengthBytes, envBytes);
  return {
    version,
    algorithm,
    chunkSize: 2 ** chunkLog2,
    noncePrefix,
    metadata,
    envelope,
    bound,
    macInput,
    mac,
    length: macInput.length + MAC_LENGTH,
  };
}

function parseEnvelope(value: unknown): KeyEnvelope {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) malformed('envelope is not an object');
  const { keyId, provider, wrappedKey, params = {}, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) malformed('envelope has unknown fields');
  if (typeof keyId !== 'string' || keyId.length > MAX_KEY_ID) malformed('envelope keyId is invalid');
  if (typeof provider !== 'string' || !PROVIDER_NAME.test(provider)) malformed('envelope provider is invalid');
  if (typeof wrappedKey !== 'string' || wrappedKey.length > MAX_WRAPPED_KEY) {
    malformed('envelope wrappedKey is invalid');
  }
  let wrapped: Uint8Array;
  try {
    wrapped = base64ToBytes(wrappedKey);
  } catch {
    malformed('envelope wrappedKey is not base64');
  }
  if (typeof params !== 'object' || params === null || Array.isArray(params)) malformed('envelope params invalid');
  const entries = Object.entries(params as Record<string, unknown>);
  if (entries.length > 16) malformed('envelope has too many params');
  const out: Record<string, string | number> = {};
  for (const [k, v] of entries) {
    if (!METADATA_KEY.test(k)) malformed('envelope param name is invalid');
    if (!(typeof v === 'string' && v.length <= MAX_METADATA_VALUE) && !Number.isSafeInteger(v)) {
      malformed('envelope param value is invalid');
    }
    define(out, k, v as string | number);
  }
  return { keyId, provider, wrappedKey: wrapped, params: out };
}

function parseJson(bytes: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(bytesToUtf8(bytes));
  } catch {
    return malformed(`${what} is not UTF-8 JSON`);
  }
}

// Own data property even for keys such as "__proto__" (plain assignment would set the prototype).
function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function u16(n: number): Uint8Array {
  return Uint8Array.of(n >>> 8, n & 0xff);
}

function readU16(b: Uint8Array): number {
  return ((b[0] as number) << 8) | (b[1] as number);
}
