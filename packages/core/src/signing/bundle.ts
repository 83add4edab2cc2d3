/**
 * Sigstore bundle v0.3 JSON (`model.sig`): parse an untrusted bundle strictly (duplicate keys,
 * bad base64, missing or contradictory verification material are errors) into the parts a verifier
 * needs, and build the bundles `signModel` writes. Accepts model_signing's older forms: v1.0.x
 * `publicKey.rawBytes`+`keyDetails` instead of `hint`, `keyid` null/absent, no `tlogEntries`.
 */
import { base64ToBytes, bytesToBase64, bytesToUtf8 } from '../bytes/encoding';
import { isBytes } from '../errors/asserts';
import { describeValue } from '../errors/describe';
import { IntegrityError, ModelSecTypeError } from '../errors/model-sec-error';
import { IN_TOTO_PAYLOAD_TYPE } from './dsse';
import { isJsonObject, type JsonValue, parseStrictJson } from './strict-json';

/** Sigstore bundle v0.3 media type. */
export const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';

/** The signing method a bundle's verification material implies. */
export type SigningMethod = 'key' | 'certificate' | 'sigstore';

/** A bundle after structural checks. */
export interface ParsedBundle {
  /**
   * `key` (publicKey), `certificate` (x509CertificateChain) or `sigstore` (certificate + tlog, or
   * a v0.1/v0.2 bundle's x509CertificateChain + tlog).
   */
  method: SigningMethod;
  /** The media type. */
  mediaType: string;
  /** `publicKey.hint` (key method, v1.1+). */
  hint?: string;
  /** `publicKey.rawBytes` (key method, model_signing v0.3–v1.0.x: the key's PEM text, base64). */
  legacyRawBytes?: Uint8Array;
  /** `publicKey.keyDetails` (same versions), e.g. `PKIX_ECDSA_P384_SHA_384`. */
  legacyKeyDetails?: string;
  /** Certificates, leaf first (DER): the chain for `certificate`, the Fulcio cert for `sigstore`. */
  certificates: Uint8Array[];
  /** Number of transparency log entries. */
  tlogEntries: number;
  /** DSSE payload type. */
  payloadType: string;
  /** DSSE payload bytes. */
  payload: Uint8Array;
  /** First DSSE signature. */
  signature: Uint8Array;
  /** The parsed JSON (for delegating keyless verification). */
  json: { [key: string]: JsonValue };
}

const MAX_BUNDLE = 64 * 1024 * 1024;

/**
 * Parse a bundle from its JSON text or bytes.
 *
 * @throws IntegrityError `bundle_malformed` (syntax, structure, encoding), `bundle_duplicate_key`.
 * @example
 * ```ts
 * const bundle = parseBundle(await readFile('model.sig', 'utf8'));
 * ```
 */
export function parseBundle(input: string | Uint8Array): ParsedBundle {
  let text: string;
  if (isBytes(input)) {
    if (input.length > MAX_BUNDLE) malformed('bundle is too large');
    try {
      text = bytesToUtf8(input);
    } catch (cause) {
      throw new IntegrityError('bundle_malformed', 'bundle is not UTF-8', { cause });
    }
  } else if (typeof input === 'string') text = input;
  else throw new ModelSecTypeError(`"bundle" expected JSON string or Uint8Array, got ${describeValue(input)}`);
  if (text.trim() === '') malformed('bundle is empty');
  const json = parseStrictJson(text, { maxLength: MAX_BUNDLE });
  if (!isJsonObject(json)) malformed('bundle is not a JSON object');
  const mediaType = json.mediaType;
  if (typeof mediaType !== 'string' || !mediaType.startsWith('application/vnd.dev.sigstore.bundle')) {
    malformed('bundle mediaType is not a Sigstore bundle');
  }
  const vm = json.verificationMaterial;
  if (!isJsonObject(vm)) malformed('bundle has no verificationMaterial');
  const env = json.dsseEnvelope;
  if (!isJsonObject(env)) malformed('bundle has no dsseEnvelope (message signatures are not model signatures)');

  const present = ['publicKey', 'x509CertificateChain', 'certificate'].filter((k) => vm[k] !== undefined);
  if (present.length !== 1)
    malformed('verificationMaterial needs exactly one of publicKey, x509CertificateChain, certificate');
  const tlog = vm.tlogEntries;
  if (tlog !== undefined && !Array.isArray(tlog)) malformed('tlogEntries must be an array');
  const tlogEntries = Array.isArray(tlog) ? tlog.length : 0;
  const out: Partial<ParsedBundle> = { mediaType: mediaType as string, certificates: [], tlogEntries, json };
  if (present[0] === 'publicKey') {
    out.method = 'key';
    const pk = vm.publicKey;
    if (!isJsonObject(pk)) malformed('publicKey must be an object');
    if (pk.hint !== undefined && pk.hint !== null) {
      if (typeof pk.hint !== 'string' || pk.hint.length > 1024) malformed('publicKey.hint must be a string');
      out.hint = pk.hint as string;
    } else if (pk.rawBytes !== undefined) {
      out.legacyRawBytes = b64(pk.rawBytes, 'publicKey.rawBytes');
      if (typeof pk.keyDetails === 'string' && pk.keyDetails.length <= 64) out.legacyKeyDetails = pk.keyDetails;
    }
  } else if (present[0] === 'x509CertificateChain') {
    // Sigstore bundles v0.1/v0.2 carried the Fulcio certificate as a chain; with log entries they are keyless.
    const legacySigstore = /\+json;version=0\.[12]$/.test(mediaType as string) && tlogEntries > 0;
    out.method = legacySigstore ? 'sigstore' : 'certificate';
    const chain = vm.x509CertificateChain;
    const certs = isJsonObject(chain) ? chain.certificates : undefined;
    if (!Array.isArray(certs) || certs.length === 0 || certs.length > 16)
      malformed('x509CertificateChain.certificates must list 1 to 16 certificates');
    out.certificates = (certs as JsonValue[]).map((c) =>
      b64(isJsonObject(c) ? c.rawBytes : undefined, 'certificate rawBytes'),
    );
  } else {
    out.method = 'sigstore';
    const cert = vm.certificate;
    out.certificates = [b64(isJsonObject(cert) ? cert.rawBytes : undefined, 'certificate rawBytes')];
    if (tlogEntries === 0) malformed('Sigstore keyless bundles need at least one tlogEntries entry');
  }

  const payloadType = env.payloadType;
  if (typeof payloadType !== 'string' || payloadType.length > 256)
    malformed('dsseEnvelope.payloadType must be a string');
  out.payloadType = payloadType as string;
  out.payload = b64(env.payload, 'dsseEnvelope.payload');
  if (out.payload.length === 0) malformed('dsseEnvelope.payload is empty');
  const sigs = env.signatures;
  if (!Array.isArray(sigs) || sigs.length === 0) malformed('dsseEnvelope needs at least one signature');
  if (sigs.length > 1) malformed('model signatures carry exactly one DSSE signature');
  const sig = sigs[0];
  if (!isJsonObject(sig)) malformed('DSSE signature must be an object');
  if (sig.keyid !== undefined && sig.keyid !== null && typeof sig.keyid !== 'string')
    malformed('DSSE keyid must be a string or null');
  out.signature = b64(sig.sig, 'DSSE signature');
  if (out.signature.length === 0) malformed('DSSE signature is empty');
  return out as ParsedBundle;
}

function b64(v: JsonValue | undefined, what: string): Uint8Array {
  if (typeof v !== 'string') malformed(`${what} must be a base64 string`);
  try {
    return base64ToBytes(v as string);
  } catch (cause) {
    throw new IntegrityError('bundle_malformed', `${what} is not valid base64`, { cause });
  }
}

function malformed(why: string): never {
  throw new IntegrityError('bundle_malformed', why);
}

/**
 * Build a bundle JSON object for a key (`hint`) or certificate-chain signature, as model_signing
 * 1.x writes it (`tlogEntries: []`, `keyid: ""`).
 *
 * @example
 * ```ts
 * const bundle = buildBundle({ payload, signature, hint });
 * ```
 */
export function buildBundle(parts: {
  payload: Uint8Array;
  signature: Uint8Array;
  hint?: string;
  certificates?: Uint8Array[];
}): Record<string, unknown> {
  const verificationMaterial: Record<string, unknown> = parts.certificates
    ? {
        x509CertificateChain: { certificates: parts.certificates.map((c) => ({ rawBytes: bytesToBase64(c) })) },
        tlogEntries: [],
      }
    : { publicKey: { hint: parts.hint }, tlogEntries: [] };
  return {
    mediaType: BUNDLE_MEDIA_TYPE,
    verificationMaterial,
    dsseEnvelope: {
      payload: bytesToBase64(parts.payload),
      payloadType: IN_TOTO_PAYLOAD_TYPE,
      signatures: [{ sig: bytesToBase64(parts.signature), keyid: '' }],
    },
  };
}

/** Serialize a bundle object as model_signing does (compact JSON). */
export function bundleText(bundle: Record<string, unknown>): string {
  return JSON.stringify(bundle);
}
