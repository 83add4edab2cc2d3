/**
 * `verifyLineage()`: walk a dataset's lineage from its manifest to its sources. For every manifest in
 * the chain: check its signature against the trusted keys or roots (core's `verifyBundle`), check that
 * its lineage record is the one that was signed, optionally re-hash its data (core's `verifyModel`),
 * then resolve each parent and check that it is the very manifest that was pinned. Every broken link is
 * reported with a specific `IntegrityError` code: the signing codes (`key_mismatch`,
 * `signature_invalid`, `digest_mismatch`, `file_missing`...), `lineage_mismatch` (the lineage record
 * was edited), `parent_missing` (no manifest for a parent) and `parent_mismatch` (another manifest
 * stands where the pinned parent should be).
 */
import { ainteger, aobject, IntegrityError, isModelSecError, ModelSecError } from '@modelsec/core';
import {
  type CertificateInput,
  type ModelManifest,
  type ModelSource,
  type PublicKeyInput,
  verifyBundle,
  verifyModel,
} from '@modelsec/core/signing';
import { parseDatasetManifest } from './parse';
import { dataDigest, lineageBytes, lineageMatches, statementDigest, withLineage } from './source';
import type { DatasetLineage, DatasetManifest, ParentRef } from './types';

/** Options of `verifyLineage`: the trust anchors, how to find parents, and (optionally) the data. */
export interface VerifyLineageOptions {
  /** Trusted public key(s): each manifest must be signed by one of them. */
  publicKey?: PublicKeyInput | readonly PublicKeyInput[];
  /** Trusted root certificate(s) for certificate-signed manifests. */
  certificateChain?: CertificateInput | readonly CertificateInput[];
  /** Load a parent's manifest (e.g. from `parent.uri` next to the child); undefined when not found. */
  resolveParent?: (
    parent: ParentRef,
    child: DatasetLineage,
  ) => Promise<string | Uint8Array | DatasetManifest | undefined> | string | Uint8Array | DatasetManifest | undefined;
  /** The data of a dataset in the chain, to re-hash it (return undefined to check only its manifest). */
  source?: (lineage: DatasetLineage, depth: number) => Promise<ModelSource | undefined> | ModelSource | undefined;
  /** Paths inside the data to leave out when re-hashing (e.g. the manifest file itself). */
  ignorePaths?: readonly string[];
  /** Deepest chain walked (default 32). */
  maxDepth?: number;
  /** Most manifests visited (default 1,000). */
  maxNodes?: number;
}

/** One broken link. */
export interface LineageIssue {
  /** `IntegrityError` code. */
  code: string;
  /** What failed (names and digests only). */
  message: string;
  /** Dataset name of the manifest where it failed. */
  dataset: string;
  /** Distance from the manifest that was verified (0). */
  depth: number;
  /** Dataset names from the root to this one. */
  path: string[];
  /** The error. */
  error: ModelSecError;
}

/** One manifest in the chain. */
export interface LineageNode {
  /** Dataset name. */
  name: string;
  /** Distance from the verified manifest. */
  depth: number;
  /** SHA-256 of its signed statement. */
  manifestDigest: string;
  /** SHA-256 over its data resources. */
  dataDigest: string;
  /** Who signed it (key hint or certificate names), when the signature verified. */
  signer?: { hint?: string; subjectAltNames?: string[] };
  /** True when its data was re-hashed and matched. */
  dataVerified: boolean;
  /** Its parents as recorded. */
  parents: ParentRef[];
  /** True when nothing failed at this node. */
  ok: boolean;
}

/** The result of `verifyLineage`. */
export interface LineageReport {
  /** True when every link verified. */
  ok: boolean;
  /** Every manifest reached, root first (breadth-first). */
  nodes: LineageNode[];
  /** Every broken link. */
  issues: LineageIssue[];
}

/**
 * Verify a dataset manifest and its lineage, as far as it can be followed.
 *
 * @param manifest - the dataset manifest (text, bytes or object).
 * @returns the nodes reached and every broken link; never throws for a broken chain (check `ok`).
 * @throws TypeError/RangeError for bad options; ConfigError when no trust anchor is given.
 * @example
 * ```ts
 * const report = await verifyLineage(await readFile('clean.manifest.json', 'utf8'), {
 *   publicKey: pem,
 *   resolveParent: (p) => readFile(p.uri!, 'utf8'),
 *   source: (l, depth) => (depth === 0 ? directorySource('clean') : undefined),
 * });
 * if (!report.ok) console.error(report.issues.map((i) => `${i.dataset}: ${i.code}`));
 * ```
 */
export async function verifyLineage(
  manifest: string | Uint8Array | DatasetManifest,
  options: VerifyLineageOptions,
): Promise<LineageReport> {
  aobject(options as unknown, 'options');
  const maxDepth = options.maxDepth ?? 32;
  ainteger(maxDepth, 'options.maxDepth', { min: 0, max: 10_000 });
  const maxNodes = options.maxNodes ?? 1000;
  ainteger(maxNodes, 'options.maxNodes', { min: 1 });
  const trust = trustList(options);
  const nodes: LineageNode[] = [];
  const issues: LineageIssue[] = [];
  const seen = new Set<string>();
  const queue: { input: string | Uint8Array | DatasetManifest; depth: number; path: string[]; pinned?: ParentRef }[] = [
    { input: manifest, depth: 0, path: [] },
  ];
  while (queue.length > 0) {
    const item = queue.shift() as (typeof queue)[number];
    const fail = (name: string, error: unknown) => {
      const e = toIntegrityError(error);
      issues.push({
        code: e.code,
        message: e.message,
        dataset: name,
        depth: item.depth,
        path: [...item.path, name],
        error: e,
      });
    };
    let parsed: DatasetManifest;
    let bundleText: string;
    let digestHex: string;
    try {
      parsed = parseDatasetManifest(item.input);
      bundleText = JSON.stringify(parsed.bundle);
      digestHex = await statementDigest(bundleText);
    } catch (error) {
      fail(item.pinned?.name ?? '(unreadable manifest)', error);
      continue;
    }
    const name = parsed.lineage.name;
    if (item.pinned && item.pinned.manifestDigest !== digestHex) {
      fail(
        item.pinned.name,
        new IntegrityError(
          'parent_mismatch',
          `the manifest found for parent "${item.pinned.name}" is not the one its child pinned`,
        ),
      );
      continue;
    }
    if (seen.has(digestHex)) continue; // a shared ancestor, already verified
    seen.add(digestHex);
    if (nodes.length >= maxNodes) {
      fail(name, new IntegrityError('manifest_mismatch', `the lineage has more than ${maxNodes} manifests`));
      break;
    }
    const node: LineageNode = {
      name,
      depth: item.depth,
      manifestDigest: digestHex,
      dataDigest: '',
      dataVerified: false,
      parents: parsed.lineage.parents,
      ok: true,
    };
    nodes.push(node);
    const issuesBefore = issues.length;
    let signed: ModelManifest | undefined;
    let anchor: Trust | undefined;
    try {
      const result = await verifyWithAny(bundleText, trust);
      signed = result.manifest;
      anchor = result.anchor;
      node.signer = result.signer;
      node.dataDigest = await dataDigest(signed);
      if (!(await lineageMatches(signed, parsed.lineage))) {
        throw new IntegrityError('lineage_mismatch', `the lineage record of "${name}" differs from the signed one`);
      }
      if (item.pinned && item.pinned.dataDigest !== node.dataDigest) {
        throw new IntegrityError('parent_mismatch', `the data digest of parent "${name}" differs from the pinned one`);
      }
    } catch (error) {
      fail(name, error);
    }
    if (signed && anchor && options.source && issues.length === issuesBefore) {
      try {
        const source = await options.source(parsed.lineage, item.depth);
        if (source) {
          await verifyModel(withLineage(source, lineageBytes(parsed.lineage)), bundleText, {
            ...anchor,
            ...(options.ignorePaths ? { ignorePaths: options.ignorePaths } : {}),
          });
          node.dataVerified = true;
        }
      } catch (error) {
        fail(name, error);
      }
    }
    node.ok = issues.length === issuesBefore;
    for (const parent of parsed.lineage.parents) {
      const path = [...item.path, name];
      if (item.depth + 1 > maxDepth) {
        issues.push(
          issue(
            'parent_missing',
            `the lineage is deeper than ${maxDepth}; "${parent.name}" was not followed`,
            parent.name,
            item.depth + 1,
            path,
          ),
        );
        continue;
      }
      let found: Awaited<ReturnType<NonNullable<VerifyLineageOptions['resolveParent']>>>;
      try {
        found = options.resolveParent ? await options.resolveParent(parent, parsed.lineage) : undefined;
      } catch {
        found = undefined;
      }
      if (found === undefined || found === null) {
        issues.push(
          issue(
            'parent_missing',
            `no manifest found for parent "${parent.name}" of "${name}"`,
            parent.name,
            item.depth + 1,
            path,
          ),
        );
        continue;
      }
      queue.push({ input: found, depth: item.depth + 1, path, pinned: parent });
    }
  }
  for (const n of nodes) if (issues.some((i) => i.dataset === n.name && i.depth === n.depth)) n.ok = false;
  return { ok: issues.length === 0, nodes, issues };
}

type Trust = { publicKey: PublicKeyInput } | { certificateChain: CertificateInput | readonly CertificateInput[] };

function trustList(options: VerifyLineageOptions): Trust[] {
  const out: Trust[] = [];
  const keys = options.publicKey;
  if (keys !== undefined) {
    const list = Array.isArray(keys) ? keys : [keys];
    for (const k of list as PublicKeyInput[]) out.push({ publicKey: k });
  }
  if (options.certificateChain !== undefined) out.push({ certificateChain: options.certificateChain });
  if (out.length === 0) throw new TypeError('"options" needs a publicKey or a certificateChain to trust');
  return out;
}

/** Try each trust anchor; a `key_mismatch` moves on to the next, any other failure is the answer. */
async function verifyWithAny(bundle: string, trust: Trust[]) {
  let last: unknown;
  for (const t of trust) {
    try {
      return { ...(await verifyBundle(bundle, t)), anchor: t };
    } catch (error) {
      last = error;
      if (!(isModelSecError(error) && (error as ModelSecError).code === 'key_mismatch')) throw error;
    }
  }
  throw last;
}

function issue(code: 'parent_missing', message: string, dataset: string, depth: number, path: string[]): LineageIssue {
  const error = new IntegrityError(code, message);
  return { code, message, dataset, depth, path: [...path, dataset], error };
}

function toIntegrityError(error: unknown): ModelSecError {
  if (ModelSecError.isInstance(error)) return error;
  return new IntegrityError('bundle_malformed', 'the manifest could not be read', { cause: error });
}
