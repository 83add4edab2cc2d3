/**
 * A Sigstore `TrustedRoot` JSON object read into what offline verification needs: certificate
 * authorities (Fulcio, timestamp authorities) as parsed chains with their `validFor` windows, and
 * transparency / certificate-transparency log keys with their ids and windows. Anything malformed
 * is a ConfigError `invalid_config` (the trust root is configuration, not untrusted input).
 */
import { base64ToBytes } from '../../bytes/encoding';
import { equalBytes } from '../../bytes/ops';
import { type PublicKeyInfo, parseSpki } from '../keys';
import { isJsonObject, type JsonValue } from '../strict-json';
import { type Certificate, parseCertificate } from '../x509';
import { array, base64, fail, object, recode, string, time } from './fields';

/** A certificate authority: its chain (issuing certificate first) and when it may be used. */
export interface TrustedAuthority {
  /** The chain from the issuing certificate to the root. */
  chain: Certificate[];
  /** Start of the window. */
  start: Date;
  /** End of the window. */
  end: Date;
}

/** A transparency log (Rekor) or CT log key. */
export interface TrustedLog {
  /** The log id: SHA-256 of the DER SubjectPublicKeyInfo. */
  keyId: Uint8Array;
  /** The log key, or undefined when its algorithm is not supported here (entries of that log fail). */
  key?: PublicKeyInfo;
  /** The log's base URL (checkpoint signature names are matched against it). */
  baseUrl: string;
  /** Start of the key's validity. */
  start: Date;
  /** End of the key's validity. */
  end: Date;
}

/** A parsed trusted root. */
export interface TrustMaterial {
  /** Fulcio certificate authorities. */
  certificateAuthorities: TrustedAuthority[];
  /** RFC 3161 timestamp authorities. */
  timestampAuthorities: TrustedAuthority[];
  /** Rekor logs. */
  tlogs: TrustedLog[];
  /** Certificate transparency logs. */
  ctlogs: TrustedLog[];
}

const BEGIN = new Date(0);
const END = new Date(8_640_000_000_000_000);

/**
 * Read a `TrustedRoot` JSON object.
 *
 * @throws ConfigError `invalid_config` when it is not one.
 * @example
 * ```ts
 * const trust = readTrustedRoot(SIGSTORE_PUBLIC_GOOD_ROOT);
 * ```
 */
export function readTrustedRoot(root: unknown): TrustMaterial {
  if (!isJsonObject(root as JsonValue)) fail('invalid_config', 'trustedRoot is not a Sigstore TrustedRoot object');
  const r = root as JsonValue;
  return {
    certificateAuthorities: array(r, 'certificateAuthorities', 'invalid_config').map(authority),
    timestampAuthorities: array(r, 'timestampAuthorities', 'invalid_config').map(authority),
    tlogs: array(r, 'tlogs', 'invalid_config').map(log),
    ctlogs: array(r, 'ctlogs', 'invalid_config').map(log),
  };
}

function authority(ca: JsonValue): TrustedAuthority {
  const certs = array(object(ca, 'certChain', 'invalid_config'), 'certificates', 'invalid_config');
  const chain = certs.map((c) =>
    recode('invalid_config', 'a trusted root certificate', () =>
      parseCertificate(base64(c, 'rawBytes', 'invalid_config')),
    ),
  );
  const validFor = isJsonObject(ca) ? ca.validFor : undefined;
  return {
    chain,
    start: time(validFor, 'start', 'invalid_config', BEGIN),
    end: time(validFor, 'end', 'invalid_config', END),
  };
}

function log(tlog: JsonValue): TrustedLog {
  const publicKey = object(tlog, 'publicKey', 'invalid_config');
  const raw = base64(publicKey, 'rawBytes', 'invalid_config');
  const id =
    isJsonObject(tlog) && isJsonObject(tlog.checkpointKeyId)
      ? tlog.checkpointKeyId
      : object(tlog, 'logId', 'invalid_config');
  const keyId = recode('invalid_config', 'a log id', () => base64ToBytes(string(id, 'keyId', 'invalid_config')));
  let key: PublicKeyInfo | undefined;
  try {
    key = parseSpki(raw);
    if (key.kind === 'rsa') key = undefined; // RSA logs are not verified here (none in the public-good root)
  } catch {
    key = undefined;
  }
  const baseUrl = isJsonObject(tlog) && typeof tlog.baseUrl === 'string' ? tlog.baseUrl : '';
  const validFor = publicKey.validFor;
  return {
    keyId,
    key,
    baseUrl,
    start: time(validFor, 'start', 'invalid_config', BEGIN),
    end: time(validFor, 'end', 'invalid_config', END),
  };
}

/**
 * The logs with this id whose key window covers `at`.
 *
 * @example
 * ```ts
 * const candidates = logsFor(trust.tlogs, logId, integratedTime);
 * ```
 */
export function logsFor(logs: TrustedLog[], keyId: Uint8Array, at: Date): TrustedLog[] {
  return logs.filter((l) => l.key && equalBytes(l.keyId, keyId) && l.start <= at && at <= l.end);
}
