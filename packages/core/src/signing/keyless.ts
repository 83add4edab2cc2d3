/**
 * Keyless (Sigstore: Fulcio certificate + Rekor entry) bundle verification. It is delegated to
 * @sigstore/verify, which needs node:crypto, so only the Node build (`keyless.node.ts`) has it; this
 * universal twin throws.
 */
import { ConfigError } from '../errors/model-sec-error';
import type { ParsedBundle } from './bundle';

/** Who must have signed a keyless bundle, and what to trust. */
export interface KeylessPolicy {
  /** The expected certificate identity (subject alternative name: an email or a workflow URI). */
  identity: string;
  /** The expected OIDC issuer URL (Fulcio's issuer extension). */
  issuer: string;
  /**
   * A Sigstore `TrustedRoot` JSON object (Fulcio CAs, Rekor keys, CT logs, TSAs). Default: the
   * public-good Sigstore instance as of this release (`SIGSTORE_PUBLIC_GOOD_ROOT`).
   */
  trustedRoot?: unknown;
}

/** What a verified keyless signature says about the signer. */
export interface KeylessSigner {
  /** The certificate identity. */
  identity: string;
  /** The OIDC issuer. */
  issuer: string;
}

/**
 * Verify a keyless bundle's certificate, transparency log entries, timestamps, DSSE signature and
 * identity policy, offline. Node only.
 *
 * @throws ConfigError `unsupported_runtime` outside Node.
 * @example
 * ```ts
 * await verifyKeyless(bundle, { identity: 'me@example.com', issuer: 'https://accounts.google.com' });
 * ```
 */
export async function verifyKeyless(bundle: ParsedBundle, policy: KeylessPolicy): Promise<KeylessSigner> {
  void bundle;
  void policy;
  throw new ConfigError('unsupported_runtime', 'keyless (Sigstore) verification is available in Node.js only');
}
