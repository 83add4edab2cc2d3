/**
 * Keyless (Sigstore) bundle verification in Node, delegated to @sigstore/verify (an optional peer
 * dependency, loaded on first use): Fulcio chain to the trusted root, SCTs, Rekor inclusion
 * promise/proof and checkpoint, RFC 3161 timestamps, the DSSE signature, then the identity policy.
 * Same exports as `keyless.ts`.
 */
import { ConfigError, IntegrityError } from '../errors/model-sec-error';
import type { ParsedBundle } from './bundle';
import { SIGSTORE_PUBLIC_GOOD_ROOT } from './sigstore-root';

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

interface SigstoreModules {
  verify: typeof import('@sigstore/verify');
  bundle: typeof import('@sigstore/bundle');
  specs: typeof import('@sigstore/protobuf-specs');
}

let modules: Promise<SigstoreModules> | undefined;

function load(): Promise<SigstoreModules> {
  modules ??= Promise.all([
    import('@sigstore/verify'),
    import('@sigstore/bundle'),
    import('@sigstore/protobuf-specs'),
  ]).then(
    ([verify, bundle, specs]) => ({ verify, bundle, specs }),
    (cause) => {
      modules = undefined;
      throw new ConfigError(
        'missing_dependency',
        'keyless verification needs the optional peer dependency @sigstore/verify 3.1.1',
        { cause },
      );
    },
  );
  return modules;
}

/**
 * Verify a keyless bundle's certificate, transparency log entries, timestamps, DSSE signature and
 * identity policy, offline.
 *
 * @throws IntegrityError `identity_mismatch` (identity or issuer differ), `tlog_invalid` (log entry
 *   or timestamp problems), `certificate_untrusted`, `signature_invalid`, `bundle_malformed`.
 * @example
 * ```ts
 * await verifyKeyless(bundle, { identity: 'me@example.com', issuer: 'https://accounts.google.com' });
 * ```
 */
export async function verifyKeyless(bundle: ParsedBundle, policy: KeylessPolicy): Promise<KeylessSigner> {
  const { verify, bundle: b, specs } = await load();
  let entity: ReturnType<typeof verify.toSignedEntity>;
  let trust: ReturnType<typeof verify.toTrustMaterial>;
  try {
    entity = verify.toSignedEntity(b.bundleFromJSON(bundle.json));
  } catch (cause) {
    throw new IntegrityError('bundle_malformed', 'not a valid Sigstore bundle', { cause });
  }
  try {
    trust = verify.toTrustMaterial(specs.TrustedRoot.fromJSON(policy.trustedRoot ?? SIGSTORE_PUBLIC_GOOD_ROOT));
  } catch (cause) {
    throw new ConfigError('invalid_config', 'trustedRoot is not a Sigstore TrustedRoot', { cause });
  }
  const verifier = new verify.Verifier(trust, { tlogThreshold: 1, ctlogThreshold: 1, timestampThreshold: 1 });
  try {
    verifier.verify(entity, { subjectAlternativeName: policy.identity, extensions: { issuer: policy.issuer } });
  } catch (cause) {
    const code = (cause as { code?: string }).code ?? '';
    const name = (cause as { name?: string }).name ?? '';
    const mapped =
      name === 'PolicyError' || code.startsWith('UNTRUSTED_SIGNER')
        ? 'identity_mismatch'
        : code.startsWith('TLOG') || code.startsWith('TIMESTAMP')
          ? 'tlog_invalid'
          : code.startsWith('CERTIFICATE')
            ? 'certificate_untrusted'
            : 'signature_invalid';
    throw new IntegrityError(mapped, `keyless verification failed (${code || name || 'error'})`, { cause });
  }
  return { identity: policy.identity, issuer: policy.issuer };
}
