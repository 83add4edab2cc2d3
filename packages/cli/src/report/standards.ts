/**
 * Mappings from the standards' items to the checklist items (and through them to modelsec controls and
 * their evidence): OWASP Machine Learning Security Top 10 (2023), OWASP Top 10 for LLM Applications
 * 2025, NIST AI RMF 1.0 (subcategories) and ISO/IEC 23894:2023 / ISO/IEC 24029-1:2021. `limits` says
 * honestly what the controls do not cover; an item with no control is listed with an empty `items`.
 */

/** One standard item mapped to checklist items. */
export interface StandardMapping {
  /** Item id in the standard (ML01, LLM10, MEASURE 2.7, 23894 6.5...). */
  ref: string;
  /** Its title. */
  title: string;
  /** Checklist item ids whose controls address it. */
  items: string[];
  /** What the controls leave open. */
  limits: string;
}

/** A standard and its mappings. */
export interface Standard {
  /** Stable id (HTML anchor). */
  id: string;
  /** Name and version. */
  name: string;
  /** The mapped items. */
  mappings: StandardMapping[];
}

const m = (ref: string, title: string, items: string[], limits: string): StandardMapping => ({
  ref,
  title,
  items,
  limits,
});

/** The standards covered by the report. */
export const STANDARDS: readonly Standard[] = [
  {
    id: 'owasp-ml',
    name: 'OWASP Machine Learning Security Top 10 (2023)',
    mappings: [
      m(
        'ML01',
        'Input Manipulation Attack',
        ['input-validation', 'adversarial-testing'],
        'Detection, not certified robustness: adaptive attacks tuned against the detectors can evade them.',
      ),
      m(
        'ML02',
        'Data Poisoning Attack',
        [],
        'Training-data validation (@modelsec/validators dataset checks) is not inspected by this report.',
      ),
      m(
        'ML03',
        'Model Inversion Attack',
        ['output-filtering', 'rate-limits'],
        'Rounded top-k scores and budgets raise the cost; no formal privacy guarantee.',
      ),
      m(
        'ML04',
        'Membership Inference Attack',
        ['output-filtering', 'adversarial-testing'],
        'Measured when the red-team report includes membership inference; no differential privacy.',
      ),
      m(
        'ML05',
        'Model Theft',
        ['monitoring', 'rate-limits', 'output-filtering', 'watermark', 'encrypted-at-rest'],
        'PRADA flags synthetic query patterns; natural-data extraction under the budget is not detected.',
      ),
      m(
        'ML06',
        'AI Supply Chain Attacks',
        ['model-signed', 'model-scanned'],
        'Covers the model artifact; dependencies and the runtime are out of scope.',
      ),
      m(
        'ML07',
        'Transfer Learning Attack',
        ['model-signed', 'adversarial-testing'],
        'Provenance of the base model is only as good as its signer.',
      ),
      m(
        'ML08',
        'Model Skewing',
        ['monitoring', 'audit-log'],
        'Drift detection alerts; it does not identify the cause.',
      ),
      m(
        'ML09',
        'Output Integrity Attack',
        ['model-signed', 'audit-log', 'access-control'],
        "Responses are not signed; transport security (TLS) is the deployment's job.",
      ),
      m(
        'ML10',
        'Model Poisoning',
        ['model-signed', 'model-scanned', 'watermark'],
        'A signature proves who released the weights, not that they are benign.',
      ),
    ],
  },
  {
    id: 'owasp-llm',
    name: 'OWASP Top 10 for LLM Applications 2025',
    mappings: [
      m(
        'LLM01',
        'Prompt Injection',
        ['input-validation'],
        'For text endpoints: pattern and heuristic detection (@modelsec/validators); not a guarantee.',
      ),
      m(
        'LLM02',
        'Sensitive Information Disclosure',
        ['output-filtering', 'audit-log'],
        'PII/secret redaction applies to text outputs; the audit log stores no raw inputs.',
      ),
      m('LLM03', 'Supply Chain', ['model-signed', 'model-scanned'], 'Model files only.'),
      m(
        'LLM04',
        'Data and Model Poisoning',
        ['model-signed', 'model-scanned', 'adversarial-testing'],
        'Backdoors that behave normally on test data are not detected by these controls.',
      ),
      m(
        'LLM05',
        'Improper Output Handling',
        ['output-filtering'],
        'Encoding for the consumer (HTML, SQL, shell) stays with the application.',
      ),
      m(
        'LLM06',
        'Excessive Agency',
        ['access-control'],
        'RBAC limits who may invoke the model; tool permissions of agents are out of scope.',
      ),
      m(
        'LLM07',
        'System Prompt Leakage',
        ['output-filtering'],
        'Text output filters can block known prompt fragments; not inspected for non-LLM models.',
      ),
      m('LLM08', 'Vector and Embedding Weaknesses', [], 'Not addressed by modelsec.'),
      m(
        'LLM09',
        'Misinformation',
        ['output-filtering', 'model-card'],
        'Abstention below a confidence threshold; no fact checking.',
      ),
      m(
        'LLM10',
        'Unbounded Consumption',
        ['rate-limits', 'monitoring'],
        'Per-client limits; distributed abuse across many keys needs network-level controls.',
      ),
    ],
  },
  {
    id: 'nist-ai-rmf',
    name: 'NIST AI Risk Management Framework 1.0',
    mappings: [
      m(
        'GOVERN 6.1',
        'Policies address risks of third-party entities (incl. IP)',
        ['model-signed', 'watermark'],
        'Policies themselves are organisational; the report shows the technical evidence.',
      ),
      m(
        'MAP 1.1',
        'Intended purposes and context are documented',
        ['model-card'],
        "Only as complete as the owner's model card fields.",
      ),
      m(
        'MAP 2.2',
        'Knowledge limits and human oversight of outputs are documented',
        ['model-card', 'output-filtering'],
        'Limitations are supplied by the owner.',
      ),
      m(
        'MEASURE 2.4',
        'Functionality and behaviour are monitored in production',
        ['monitoring', 'audit-log'],
        'Drift on confidences, not on ground truth (labels arrive late or never).',
      ),
      m(
        'MEASURE 2.5',
        'Validity and reliability are demonstrated',
        ['model-card', 'adversarial-testing'],
        'Metrics are user-supplied unless a red-team report is given.',
      ),
      m(
        'MEASURE 2.7',
        'Security and resilience are evaluated and documented',
        ['model-signed', 'model-scanned', 'input-validation', 'adversarial-testing', 'encrypted-at-rest'],
        'Empirical evaluation against the attacks run.',
      ),
      m(
        'MEASURE 2.10',
        'Privacy risk is examined and documented',
        ['output-filtering', 'adversarial-testing'],
        'Membership inference only when the red-team report includes it.',
      ),
      m(
        'MANAGE 4.1',
        'Post-deployment monitoring, incident response and recovery',
        ['monitoring', 'audit-log', 'rate-limits'],
        'Alerting is wired; the response runbook is organisational.',
      ),
    ],
  },
  {
    id: 'iso',
    name: 'ISO/IEC 23894:2023 (AI risk management) and ISO/IEC 24029-1:2021 (robustness assessment)',
    mappings: [
      m(
        '23894 6.4',
        'Risk assessment (identification, analysis, evaluation)',
        ['adversarial-testing', 'model-scanned'],
        'The report is evidence for the assessment, not the assessment itself.',
      ),
      m(
        '23894 6.5',
        'Risk treatment',
        ['model-signed', 'encrypted-at-rest', 'access-control', 'rate-limits', 'input-validation', 'output-filtering'],
        "Residual risk acceptance is the owner's decision.",
      ),
      m('23894 6.6', 'Monitoring and review', ['monitoring', 'audit-log'], ''),
      m('23894 6.7', 'Recording and reporting', ['audit-log', 'model-card'], ''),
      m(
        '24029-1 (empirical)',
        'Empirical robustness assessment (attacks, perturbations)',
        ['adversarial-testing', 'input-validation'],
        'No formal (24029-2) verification of the network.',
      ),
    ],
  },
];
