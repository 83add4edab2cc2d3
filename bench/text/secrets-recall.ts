/**
 * Secret detection recall on gitleaks' own rule examples (packages/validators/test/vectors/
 * secrets-gitleaks.json, frozen by text/freeze-gitleaks.ts from gitleaks b58d3f1): how many of the true
 * positives of its 214 rules a detector finds in the 26 code and config shapes of gitleaks' sample
 * generator; how many of the secrets of its token rules (those it matches without a keyword) it finds
 * alone in a sentence; how many of its false-positive examples it flags.
 */
import { readFileSync } from 'node:fs';

type Tp = { text: string; start?: number; end?: number } | { identifier: string; secret: string };
interface Vectors {
  shapes: string[];
  rules: { rule: string; keyword: boolean; tps: Tp[]; fps: string[] }[];
}

/** A detector: the spans it reports in a text. */
export type SecretSpans = (text: string) => Promise<{ start: number; end: number }[]>;

/** One detector's row. */
export interface SecretsRecallRow {
  detector: string;
  /** True positives in gitleaks' shapes found / all. */
  shapes: { found: number; total: number; recall: number };
  /** Secrets of the token rules alone in a sentence, found / all. */
  alone: { found: number; total: number; recall: number };
  /** gitleaks' false-positive examples with a finding / all. */
  fps: { flagged: number; total: number; rate: number };
  /** Rules whose every true positive is found / rules with true positives. */
  rulesComplete: { complete: number; total: number };
}

const vectorsPath = new URL('../../packages/validators/test/vectors/secrets-gitleaks.json', import.meta.url);

/** Measure each detector on gitleaks' examples. */
export async function secretsRecall(detectors: [string, SecretSpans][]): Promise<SecretsRecallRow[]> {
  const v = JSON.parse(readFileSync(vectorsPath, 'utf8')) as Vectors;
  const expand = (tp: Tp): { text: string; start?: number; end?: number }[] => {
    if (!('secret' in tp)) return [tp];
    return v.shapes.map((shape) => {
      const t = shape.replaceAll('{i}', tp.identifier).replaceAll('{I}', tp.identifier.toUpperCase());
      const at = t.indexOf('{s}');
      return { text: t.replace('{s}', tp.secret), start: at, end: at + tp.secret.length };
    });
  };
  const rows: SecretsRecallRow[] = [];
  for (const [detector, spans] of detectors) {
    const hits = async (s: { text: string; start?: number; end?: number }) => {
      const found = await spans(s.text);
      if (s.start === undefined || s.end === undefined) return found.length > 0;
      return found.some((f) => f.start < (s.end as number) && f.end > (s.start as number));
    };
    let found = 0;
    let total = 0;
    let aloneFound = 0;
    let aloneTotal = 0;
    let flagged = 0;
    let fpTotal = 0;
    let complete = 0;
    let withTps = 0;
    for (const r of v.rules) {
      let all = true;
      for (const tp of r.tps) {
        for (const s of expand(tp)) {
          total++;
          if (await hits(s)) found++;
          else all = false;
        }
        if (!r.keyword && 'secret' in tp) {
          const prefix = 'I pasted ';
          const text = `${prefix}${tp.secret} into the settings page.`;
          aloneTotal++;
          if (await hits({ text, start: prefix.length, end: prefix.length + tp.secret.length })) aloneFound++;
        }
      }
      if (r.tps.length > 0) {
        withTps++;
        if (all) complete++;
      }
      for (const t of r.fps) {
        fpTotal++;
        if ((await spans(t)).length > 0) flagged++;
      }
    }
    rows.push({
      detector,
      shapes: { found, total, recall: found / total },
      alone: { found: aloneFound, total: aloneTotal, recall: aloneFound / aloneTotal },
      fps: { flagged, total: fpTotal, rate: flagged / fpTotal },
      rulesComplete: { complete, total: withTps },
    });
  }
  return rows;
}

/**
 * The spans of the values a detector reports as strings (as @openai/guardrails' secret-keys check does):
 * each occurrence of each reported value.
 */
export function spansOfValues(text: string, values: readonly string[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const value of values) {
    if (value.length === 0) continue;
    for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1))
      out.push({ start: at, end: at + value.length });
  }
  return out;
}
