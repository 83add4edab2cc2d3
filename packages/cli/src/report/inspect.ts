/**
 * Inspections behind `modelsec report`: each reads the files the config names, checks what can be
 * checked (the signature really verifies, the scan is really clean, the container really opens to the
 * signed bytes, the audit chain really verifies) and returns checklist results with their evidence.
 * Anything the config does not provide is "not checked"; a check that throws is "fail" with the
 * error code (never the secret material that was read).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { bytesToHex, digest, hexToBytes, ModelSecError } from '@modelsec/core';
import { decryptBytes, parseHeader, rawKeyProvider } from '@modelsec/core/encryption';
import { memorySource, verifyModel } from '@modelsec/core/signing';
import { ed25519AuditVerifier, verifyAuditLog } from '@modelsec/endpoint';
import { scanModel } from '@modelsec/scanner';
import { CHECKLIST, type CheckResult, checklistItem, type Evidence, type ItemStatus } from './checklist';
import type { ReportConfig } from './config';
import { inspectDeployment } from './deployment';

/** What the inspection learned about the model itself (for the model card). */
export interface ModelFacts {
  sha256?: string;
  bytes?: number;
  signer?: string;
  rootDigest?: string;
  encryption?: string;
}

/** Results of all inspections. */
export interface Inspection {
  results: CheckResult[];
  model: ModelFacts;
}

const result = (id: string, status: ItemStatus, evidence: Evidence): CheckResult => ({
  ...checklistItem(id),
  status,
  evidence,
});

const why = (error: unknown) =>
  ModelSecError.isInstance(error) ? `${error.name} ${error.code}: ${error.message}` : `${(error as Error).message}`;

/**
 * Run every inspection the config allows.
 *
 * @example
 * ```ts
 * const { results, model } = await inspect(parseReportConfig(text, 'report.json'));
 * ```
 */
export async function inspect(config: ReportConfig): Promise<Inspection> {
  const results: CheckResult[] = [];
  const facts: ModelFacts = {};
  const cfg = config.model;
  let bytes: Uint8Array | undefined;
  let bytesFrom: string | undefined;

  // Encryption at rest: the container must open, and its authenticated digest must match the plaintext.
  if (cfg.encrypted) {
    const files = [cfg.encrypted.path];
    try {
      const container = new Uint8Array(await readFile(cfg.encrypted.path));
      let offset = 0;
      const header = await parseHeader(async (n) => {
        const chunk = container.subarray(offset, offset + n);
        offset += n;
        return chunk;
      });
      facts.encryption = `${header.algorithm}, chunks of ${header.chunkSize} bytes, key ${header.envelope.provider}`;
      const base = {
        container: basename(cfg.encrypted.path),
        algorithm: header.algorithm,
        keyProvider: header.envelope.provider,
      };
      if (!cfg.encrypted.keyFile) {
        results.push(
          result('encrypted-at-rest', 'pass', {
            summary: `authenticated ${header.algorithm} container (header MAC not checked: no key given)`,
            facts: base,
            files,
          }),
        );
      } else {
        files.push(cfg.encrypted.keyFile);
        const kek = new Uint8Array(await readFile(cfg.encrypted.keyFile));
        bytes = await decryptBytes(container, { keyProvider: rawKeyProvider(kek) });
        kek.fill(0);
        bytesFrom = cfg.encrypted.path;
        const plain = `sha256:${bytesToHex(await digest('sha256', bytes))}`;
        const bound = header.metadata.digest;
        const ok = bound === undefined || bound === plain;
        results.push(
          result('encrypted-at-rest', ok ? 'pass' : 'fail', {
            summary: ok
              ? `${header.algorithm} container opens with the configured key; every chunk authenticated`
              : 'the container opens but its bound digest differs from the plaintext',
            facts: { ...base, plaintext: plain, ...(bound ? { boundDigest: bound } : {}) },
            files,
          }),
        );
      }
    } catch (error) {
      results.push(result('encrypted-at-rest', 'fail', { summary: why(error), facts: {}, files }));
    }
  } else {
    results.push(
      result('encrypted-at-rest', 'not-checked', { summary: 'no encrypted model in the config', facts: {}, files: [] }),
    );
  }
  if (!bytes && cfg.path) {
    bytes = new Uint8Array(await readFile(cfg.path));
    bytesFrom = cfg.path;
  }
  const name = cfg.path
    ? basename(cfg.path)
    : cfg.encrypted
      ? basename(cfg.encrypted.path).replace(/\.enc$/, '')
      : 'model';
  if (bytes) {
    facts.sha256 = `sha256:${bytesToHex(await digest('sha256', bytes))}`;
    facts.bytes = bytes.length;
  }

  // Signature.
  if (!cfg.signature) {
    results.push(
      result('model-signed', 'not-checked', { summary: 'no signature in the config', facts: {}, files: [] }),
    );
  } else if (!bytes) {
    results.push(
      result('model-signed', 'not-checked', {
        summary: 'no readable model bytes (give model.path or model.encrypted.keyFile)',
        facts: {},
        files: [cfg.signature.bundle],
      }),
    );
  } else {
    const files = [cfg.signature.bundle, cfg.signature.publicKey, bytesFrom as string];
    try {
      const v = await verifyModel(memorySource(name, bytes), await readFile(cfg.signature.bundle, 'utf8'), {
        publicKey: await readFile(cfg.signature.publicKey, 'utf8'),
      });
      facts.signer = v.signer.hint ?? v.signer.subjectAltNames?.join(', ') ?? v.method;
      facts.rootDigest = `sha256:${v.manifest.rootDigest}`;
      results.push(
        result('model-signed', 'pass', {
          summary: `OMS signature verifies (${v.method})`,
          facts: { signer: facts.signer, rootDigest: facts.rootDigest, file: name, sha256: facts.sha256 as string },
          files,
        }),
      );
    } catch (error) {
      results.push(
        result('model-signed', 'fail', {
          summary: why(error),
          facts: { file: name, sha256: facts.sha256 as string },
          files,
        }),
      );
    }
  }

  // Scan.
  if (!bytes) {
    results.push(result('model-scanned', 'not-checked', { summary: 'no readable model bytes', facts: {}, files: [] }));
  } else {
    const report = await scanModel(bytes, { name });
    const file = report.files[0];
    results.push(
      result('model-scanned', report.verdict === 'clean' ? 'pass' : 'fail', {
        summary: `scan verdict ${report.verdict}`,
        facts: {
          format: file?.format ?? 'unknown',
          findings: file?.findings.length ?? 0,
          codes: [...new Set(file?.findings.map((f) => f.code) ?? [])].join(', ') || 'none',
        },
        files: [bytesFrom as string],
      }),
    );
  }

  results.push(await inspectWatermark(config.watermark));
  results.push(...(await inspectDeployment(config.deployment, facts.sha256)));
  results.push(await inspectAudit(config.audit));
  results.push(await inspectRedteam(config.redteam));
  const missing = [
    cfg.intendedUse ? '' : 'intended use',
    cfg.limitations.length ? '' : 'limitations',
    cfg.metrics.length ? '' : 'metrics',
  ].filter(Boolean);
  results.push(
    result('model-card', missing.length ? 'fail' : 'pass', {
      summary: missing.length
        ? `missing: ${missing.join(', ')}`
        : 'intended use, limitations and metrics are documented',
      facts: { limitations: cfg.limitations.length, metrics: cfg.metrics.length },
      files: [],
    }),
  );
  const order = (r: CheckResult) => CHECKLIST.findIndex((i) => i.id === r.id);
  return { results: results.sort((a, b) => order(a) - order(b)), model: facts };
}

async function inspectWatermark(path: string | undefined): Promise<CheckResult> {
  if (!path)
    return result('watermark', 'not-checked', {
      summary: 'no watermark verification result in the config',
      facts: {},
      files: [],
    });
  try {
    const r = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    const detected = r.detected === true;
    return result('watermark', detected ? 'pass' : 'fail', {
      summary: detected ? 'watermark detected (modelsec watermark verify)' : 'watermark NOT detected',
      facts: { pValue: Number(r.pValue), matches: `${r.matches}/${r.bits}`, tensor: String(r.tensor) },
      files: [path],
    });
  } catch (error) {
    return result('watermark', 'fail', { summary: why(error), facts: {}, files: [path] });
  }
}

async function inspectAudit(audit: ReportConfig['audit']): Promise<CheckResult> {
  if (!audit)
    return result('audit-log', 'not-checked', { summary: 'no audit log in the config', facts: {}, files: [] });
  const files = [audit.log, audit.publicKey];
  try {
    const key = hexToBytes((await readFile(audit.publicKey, 'utf8')).trim());
    const lines = (await readFile(audit.log, 'utf8')).split('\n').filter((l) => l.trim() !== '');
    const r = await verifyAuditLog(lines, {
      verifier: ed25519AuditVerifier(key, { kid: audit.kid ?? 'audit-ed25519-1' }),
    });
    return result('audit-log', r.ok ? 'pass' : 'fail', {
      summary: r.ok
        ? `${r.entries} entries; hash chain and Ed25519 signatures verify`
        : `${r.problems.length} problem(s): ${r.problems
            .slice(0, 3)
            .map((p) => `${p.kind} at ${p.seq}`)
            .join(', ')}`,
      facts: {
        entries: r.entries,
        head: r.head ? `${r.head.seq}:${r.head.hash.slice(0, 16)}…` : 'empty',
        problems: r.problems.length,
      },
      files,
    });
  } catch (error) {
    return result('audit-log', 'fail', { summary: why(error), facts: {}, files });
  }
}

async function inspectRedteam(path: string | undefined): Promise<CheckResult> {
  if (!path)
    return result('adversarial-testing', 'not-checked', {
      summary: 'no red-team report in the config',
      facts: {},
      files: [],
    });
  try {
    const r = JSON.parse(await readFile(path, 'utf8')) as {
      schema?: string;
      samples?: number;
      cleanAccuracy?: number | null;
      evidence?: { attacks?: string[] };
      evasion?: Record<string, { points?: { eps: number; robustAccuracy: number }[] } | undefined>;
    };
    if (r.schema !== 'modelsec.redteam.report/v1') throw new Error('not a modelsec.redteam.report/v1 file');
    const attacks = r.evidence?.attacks ?? [];
    const facts: Evidence['facts'] = { attacks: attacks.join(', ') || 'none', samples: r.samples ?? 0 };
    if (typeof r.cleanAccuracy === 'number') facts.cleanAccuracy = r.cleanAccuracy;
    for (const [name, curve] of Object.entries(r.evasion ?? {})) {
      const last = curve?.points?.at(-1);
      if (last) facts[`${name} robust accuracy @ eps ${last.eps}`] = last.robustAccuracy;
    }
    return result('adversarial-testing', attacks.length ? 'pass' : 'fail', {
      summary: attacks.length ? `${attacks.length} attack(s) run` : 'the report ran no attack',
      facts,
      files: [path],
    });
  } catch (error) {
    return result('adversarial-testing', 'fail', { summary: why(error), facts: {}, files: [path] });
  }
}
