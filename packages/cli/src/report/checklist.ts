/**
 * The security checklist of the design, as data: each item names the modelsec controls that satisfy it,
 * and an inspection gives it a status (pass / fail / not checked) with the evidence that decided it.
 */

/** Status of one checklist item. */
export type ItemStatus = 'pass' | 'fail' | 'not-checked';

/** One checklist item definition. */
export interface ChecklistItem {
  /** Stable id, also the HTML anchor of its evidence (`#evidence-<id>`). */
  id: string;
  /** The item as the design words it. */
  title: string;
  /** The modelsec controls that implement it. */
  controls: string[];
}

/** What decided an item. */
export interface Evidence {
  /** One line: what was found. */
  summary: string;
  /** Facts (digests, counts, p-values), shown as a table. */
  facts: Record<string, string | number | boolean>;
  /** Files the evidence was read from (absolute paths). */
  files: string[];
}

/** An inspected item. */
export interface CheckResult extends ChecklistItem {
  /** The outcome. */
  status: ItemStatus;
  /** Why. */
  evidence: Evidence;
}

/** The checklist, in the design's order. */
export const CHECKLIST: readonly ChecklistItem[] = [
  {
    id: 'model-signed',
    title: 'Model signed; the signature verifies against the release key',
    controls: ['@modelsec/core/signing signModel / verifyModel (OpenSSF Model Signing)'],
  },
  {
    id: 'model-scanned',
    title: 'Model scanned for malicious code (pickle opcodes, custom ops, external data)',
    controls: ['@modelsec/scanner scanModel'],
  },
  {
    id: 'encrypted-at-rest',
    title: 'Model encrypted at rest with authenticated encryption',
    controls: ['@modelsec/core/encryption encryptBytes / loadEncryptedModel'],
  },
  {
    id: 'watermark',
    title: 'Ownership watermark embedded and verifiable',
    controls: ['@modelsec/watermark embedWeightWatermark / verifyWeightWatermark'],
  },
  {
    id: 'access-control',
    title: 'Authentication and role-based access control on the endpoint',
    controls: ['@modelsec/endpoint apiKeyAuthenticator / jwtAuthenticator, createPolicy'],
  },
  {
    id: 'rate-limits',
    title: 'Rate limits and query budgets per client',
    controls: ['@modelsec/endpoint createRateLimiter (slidingWindow, queryBudget)'],
  },
  {
    id: 'input-validation',
    title: 'Input validation and adversarial-input detection',
    controls: ['@modelsec/validators validateInput rules, robust z-score profile, feature squeezing'],
  },
  {
    id: 'output-filtering',
    title: 'Output filtering (confidence threshold, top-k, rounding, perturbation for suspects)',
    controls: ['@modelsec/filters filterOutput, confidenceThreshold, topK, reverseSigmoid'],
  },
  {
    id: 'monitoring',
    title: 'Monitoring and alerting: drift and model-extraction detection',
    controls: [
      '@modelsec/monitor createPredictionDriftMonitor, createExtractionMonitor (PRADA), createSecurityMonitor',
    ],
  },
  {
    id: 'audit-log',
    title: 'Tamper-evident audit log; its chain and signatures verify',
    controls: ['@modelsec/endpoint createAuditLog, verifyAuditLog'],
  },
  {
    id: 'adversarial-testing',
    title: 'Adversarial testing completed',
    controls: ['@modelsec/redteam runRobustnessSuite (modelsec redteam)'],
  },
  {
    id: 'model-card',
    title: 'Model card: intended use, limitations and metrics documented',
    controls: ['modelsec report (this document)'],
  },
];

/** Look up an item definition. */
export function checklistItem(id: string): ChecklistItem {
  const item = CHECKLIST.find((i) => i.id === id);
  if (!item) throw new RangeError(`no checklist item ${id}`);
  return item;
}
