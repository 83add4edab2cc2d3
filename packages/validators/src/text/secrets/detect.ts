/**
 * `detectSecrets`: known credential formats (cloud and SaaS keys, tokens, JWTs, PEM private keys,
 * connection strings with passwords, `password=` assignments) and high-entropy strings, with spans.
 */
import { anumber, aobject } from '@modelsec/core';
import { checkText } from '../shared/limits';
import { resolveOverlaps } from '../shared/overlap';
import { forEachMatch } from '../shared/regex';
import { clampScore, type TextSpan } from '../shared/types';
import { forEachEntropyCandidate, TOKEN_MIN } from './entropy';
import { GATE_RUNS, gateOpen, SECRET_GATES, type SecretGate, secretFacts } from './gates';
import { PEM_BEGIN_RE, SECRET_PATTERNS, type SecretPattern } from './patterns';

/** A detected secret: kind, span and score, never the value. */
export interface SecretFinding extends TextSpan {
  /** `AWS_ACCESS_KEY_ID`, `GITHUB_TOKEN`, `JWT`, `PRIVATE_KEY`, `HIGH_ENTROPY`... */
  kind: string;
}

/** Options of `detectSecrets`. */
export interface DetectSecretsOptions {
  /** Report high-entropy tokens that match no known format (default true). */
  entropy?: boolean;
  /** Shannon entropy (bits per character) above which a base64-like token of 20+ characters is reported; default 4.2. */
  entropyThreshold?: number;
  /** Lowest score reported; default 0.5. */
  threshold?: number;
  /** Longest text accepted (UTF-16 units); default 10 Mi. */
  maxLength?: number;
}

/** Longest span `detectSecrets` reports outside PEM blocks (a JWT); PEM blocks are bounded by `PEM_MAX_LENGTH`. */
export const SECRET_MAX_MATCH_LENGTH = 13_320;
/** Longest PEM private-key block searched for its END line. */
export const PEM_MAX_LENGTH = 16_384;

/**
 * Find credentials in `text`.
 *
 * @returns findings in text order, none overlapping.
 * @throws ModelSecTypeError for a non-string; ValidationError `too_large` above `maxLength`.
 * @example
 * ```ts
 * detectSecrets('export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE');
 * // [{ kind: 'AWS_ACCESS_KEY_ID', start: 25, end: 45, score: 0.95 }]
 * ```
 */
export function detectSecrets(text: string, options: DetectSecretsOptions = {}): SecretFinding[] {
  aobject(options as unknown, 'options');
  checkText(text, 'text', options.maxLength);
  const threshold = options.threshold ?? 0.5;
  anumber(threshold, 'options.threshold', { min: 0, max: 1 });
  const entropyThreshold = options.entropyThreshold ?? 4.2;
  anumber(entropyThreshold, 'options.entropyThreshold', { min: 0, max: 8 });
  const found: (SecretFinding & { entity: string; recognizer: string })[] = [];
  const push = (kind: string, start: number, end: number, score: number) =>
    found.push({ kind, start, end, score, entity: kind, recognizer: kind });
  // Each format runs only where its gate (gates.ts) says it can match.
  const facts = secretFacts(text);
  const run = facts.run;
  for (let k = 0; k < SECRET_PATTERNS.length; k++) {
    if (run < (GATE_RUNS[k] as number)) continue;
    const p = SECRET_PATTERNS[k] as SecretPattern;
    if (!gateOpen(SECRET_GATES[k] as SecretGate, facts, text)) continue;
    forEachMatch(p.re, text, (m) => {
      const g = m.indices?.groups?.secret;
      if (g !== undefined) {
        if (p.kind === 'PASSWORD_ASSIGNMENT' && !looksLikePassword(text.slice(g[0], g[1]))) return;
        push(p.kind, g[0], g[1], p.score);
      } else push(p.kind, m.index, m.index + m[0].length, p.score);
    });
  }
  // The next END line of each kind, searched once per kind and position (linear over many BEGIN lines).
  const nextEnd = new Map<string, number>();
  // Every match has "-----BEGIN ".
  if (text.includes('-----BEGIN '))
    forEachMatch(PEM_BEGIN_RE, text, (m) => {
      const endMarker = `-----END ${m[1]}-----`;
      let stop = nextEnd.get(endMarker);
      if (stop === undefined || (stop >= 0 && stop < m.index)) {
        stop = text.indexOf(endMarker, m.index);
        nextEnd.set(endMarker, stop);
      }
      const end = stop >= 0 && stop - m.index <= PEM_MAX_LENGTH ? stop + endMarker.length : m.index + m[0].length;
      push('PRIVATE_KEY', m.index, end, 0.99);
    });
  // The entropy check judges runs of TOKEN_MIN (20) token units or more: none in a text without one.
  if (options.entropy !== false && facts.run >= TOKEN_MIN) {
    forEachEntropyCandidate(text, (start, end) => {
      const s = text.slice(start, end);
      const h = shannon(s);
      const hex = /^[0-9a-f]+$/i.test(s);
      const limit = hex ? Math.min(entropyThreshold, 3.5) : entropyThreshold;
      if (h < limit || !mixed(s, hex)) return;
      if (hex && s.length < 32) return;
      push('HIGH_ENTROPY', start, end, clampScore(0.5 + (h - limit) / 4));
    });
  }
  const kept = resolveOverlaps(
    found.filter((f) => f.score >= threshold),
    text.length,
  );
  return kept.map((f) => ({ kind: f.kind, start: f.start, end: f.end, score: clampScore(f.score) }));
}

/**
 * Shannon entropy of a string in bits per character.
 *
 * @example
 * ```ts
 * shannon('aaaa'); // 0
 * ```
 */
export function shannon(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Random tokens mix character classes; identifiers like `this_is_a_long_variable_name` do not. */
function mixed(s: string, hex: boolean): boolean {
  const digits = /\d/.test(s);
  if (hex) return digits && /[a-f]/i.test(s);
  return digits && /[a-z]/.test(s) && /[A-Z]/.test(s);
}

function looksLikePassword(v: string): boolean {
  // Skip placeholders and code references: "password=${PASSWORD}", "password: <your password>", "pass=None".
  if (/^[<{$[%]|^(?:none|null|true|false|undefined|xxx+|\*+|changeme|password|your[_-]?\w*)$/i.test(v)) return false;
  return true;
}
