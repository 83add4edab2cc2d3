// Span-level precision / recall / F1 per entity, for PII detectors on Presidio-research's labelled data.
// A prediction matches a gold span when the entity type is equal and the spans are equal after trimming
// whitespace ("exact"), or overlap ("overlap"); each gold span is matched at most once.

export interface Span {
  entity: string;
  start: number;
  end: number;
}
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
export interface Prf extends Counts {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Presidio-research label → the entity name detectors report for it. */
export const GOLD_MAP: Record<string, string> = { DOMAIN_NAME: 'URL' };

export function trimSpan(text: string, s: Span): Span {
  let { start, end } = s;
  while (start < end && /\s/.test(text[start] as string)) start++;
  while (end > start && /\s/.test(text[end - 1] as string)) end--;
  return { entity: s.entity, start, end };
}

export function score(
  text: string,
  gold: readonly Span[],
  pred: readonly Span[],
  mode: 'exact' | 'overlap',
  acc: Map<string, Counts>,
): void {
  const g = gold.map((s) => trimSpan(text, s)).filter((s) => s.end > s.start);
  const p = pred.map((s) => trimSpan(text, s)).filter((s) => s.end > s.start);
  const used = new Set<number>();
  const bump = (e: string, k: keyof Counts) => {
    const c = acc.get(e) ?? { tp: 0, fp: 0, fn: 0 };
    c[k]++;
    acc.set(e, c);
  };
  for (const s of p) {
    const i = g.findIndex(
      (x, j) =>
        !used.has(j) &&
        x.entity === s.entity &&
        (mode === 'exact' ? x.start === s.start && x.end === s.end : x.start < s.end && s.start < x.end),
    );
    if (i >= 0) {
      used.add(i);
      bump(s.entity, 'tp');
    } else bump(s.entity, 'fp');
  }
  g.forEach((x, j) => {
    if (!used.has(j)) bump(x.entity, 'fn');
  });
}

export function prf(c: Counts): Prf {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1, support: c.tp + c.fn };
}

export function total(acc: Map<string, Counts>, only?: (e: string) => boolean): Prf {
  const t = { tp: 0, fp: 0, fn: 0 };
  for (const [e, c] of acc) {
    if (only && !only(e)) continue;
    t.tp += c.tp;
    t.fp += c.fp;
    t.fn += c.fn;
  }
  return prf(t);
}

export interface PresidioRecord {
  full_text: string;
  spans: { entity_type: string; start_position: number; end_position: number }[];
}

export function goldSpans(r: PresidioRecord): Span[] {
  return r.spans.map((s) => ({
    entity: GOLD_MAP[s.entity_type] ?? s.entity_type,
    start: s.start_position,
    end: s.end_position,
  }));
}
