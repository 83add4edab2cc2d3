/**
 * `contentPolicy`: categories of unwanted content in an LLM answer, each from the app's own lexicon
 * (obfuscation-aware, see `compileLexicon`) and/or the app's classifier (for example an onnxruntime-web
 * toxicity model), with an action per category: block the answer, redact the words, or flag only.
 */
import {
  afunction,
  anumber,
  aobject,
  aoneOf,
  describeValue,
  type Finding,
  type Rule,
  type Severity,
  ValidationError,
} from '@modelsec/core';
import { compileLexicon, type Lexicon, type LexiconMatch } from './lexicon';

/** One content category. */
export interface ContentCategory {
  /** Words and phrases of this category (matched as whole words, obfuscation-aware). */
  terms?: readonly string[];
  /** `block` (default) the answer, `redact` the matched words, or `flag` only. Classifier hits never redact (no span): they block or flag. */
  action?: 'block' | 'redact' | 'flag';
  /** Severity of the findings (default `high` for block, `medium` otherwise). */
  severity?: Severity;
  /** Classifier score at or above which the category fires (default 0.5). */
  threshold?: number;
}

/** A text classifier: category → score in [0, 1] (sync or async). Unknown categories are ignored. */
export type ContentClassifier = (
  text: string,
) => Readonly<Record<string, number>> | Promise<Readonly<Record<string, number>>>;

/** Options of `contentPolicy`. */
export interface ContentPolicyOptions {
  /** The categories, by name. */
  categories: Readonly<Record<string, ContentCategory>>;
  /** Optional classifier run on the whole text. */
  classifier?: ContentClassifier;
  /** Replacement for redacted words (default `[removed]`). */
  replacement?: string | ((category: string) => string);
}

/** A compiled content policy, shared by the rule and the stream filter. */
export interface ContentPolicy {
  /** The compiled lexicon of every category. */
  readonly lexicon: Lexicon;
  /** The categories as configured. */
  readonly categories: Readonly<Record<string, ContentCategory>>;
  /** The classifier, when one was given. */
  readonly classifier: ContentClassifier | undefined;
  /** The replacement text of a redacted match of `category`. */
  replacement(category: string): string;
  /** The action of `category`. */
  action(category: string): 'block' | 'redact' | 'flag';
  /** A content-free finding for a lexicon match. */
  finding(match: LexiconMatch): Finding;
}

/**
 * Compile a content policy (validates the options once).
 *
 * @example
 * ```ts
 * const policy = createContentPolicy({ categories: { violence: { terms: ['kill'], action: 'redact' } } });
 * ```
 */
export function createContentPolicy(options: ContentPolicyOptions): ContentPolicy {
  aobject(options as unknown, 'options');
  aobject(options.categories as unknown, 'options.categories');
  const terms: Record<string, readonly string[]> = {};
  for (const [name, c] of Object.entries(options.categories)) {
    aobject(c as unknown, `options.categories.${name}`);
    aoneOf(c.action ?? 'block', `options.categories.${name}.action`, ['block', 'redact', 'flag'] as const);
    if (c.threshold !== undefined) anumber(c.threshold, `options.categories.${name}.threshold`, { min: 0, max: 1 });
    terms[name] = c.terms ?? [];
  }
  if (options.classifier !== undefined) afunction(options.classifier, 'options.classifier');
  const r = options.replacement ?? '[removed]';
  if (typeof r !== 'string') afunction(r, 'options.replacement');
  const lexicon = compileLexicon(terms);
  const categories = options.categories;
  const action = (category: string) => categories[category]?.action ?? 'block';
  return {
    lexicon,
    categories,
    classifier: options.classifier,
    replacement: (category) => (typeof r === 'string' ? r : String(r(category))),
    action,
    finding(m) {
      const a = action(m.category);
      return {
        rule: 'contentPolicy',
        severity: categories[m.category]?.severity ?? (a === 'block' ? 'high' : 'medium'),
        message: `${m.category} content`,
        code: 'content_policy',
        action: a === 'redact' ? 'modify' : a,
        span: { start: m.start, end: m.end },
        details: { category: m.category, term: m.term },
      };
    },
  };
}

/**
 * A rule that applies a content policy to text: redacts, blocks (code `content_policy`) or flags.
 * Synchronous unless a classifier is configured.
 *
 * @example
 * ```ts
 * const rule = contentPolicy({
 *   categories: { violence: { terms: ['kill', 'shoot up'] }, profanity: { terms: ['damn'], action: 'redact' } },
 *   classifier: async (text) => ({ violence: await toxicity(text) }),
 * });
 * ```
 */
export function contentPolicy(options: ContentPolicyOptions | ContentPolicy): Rule<string> {
  const policy = 'lexicon' in options ? options : createContentPolicy(options);
  const name = 'contentPolicy';
  const lexiconPass = (s: string) => {
    const matches = policy.lexicon.scan(s);
    const findings = matches.map((m) => policy.finding(m));
    let out = '';
    let last = 0;
    for (const m of matches) {
      if (policy.action(m.category) !== 'redact') continue;
      out += s.slice(last, m.start) + policy.replacement(m.category);
      last = m.end;
    }
    return { findings, value: last > 0 ? out + s.slice(last) : s, changed: last > 0 };
  };
  const classify = (s: string, scores: Readonly<Record<string, number>>): Finding[] => {
    if (typeof scores !== 'object' || scores === null) {
      throw new ValidationError('invalid_format', `the content classifier returned ${describeValue(scores)}`);
    }
    const out: Finding[] = [];
    for (const [category, c] of Object.entries(policy.categories)) {
      const score = scores[category];
      if (typeof score !== 'number' || !Number.isFinite(score) || score < (c.threshold ?? 0.5)) continue;
      const a = policy.action(category) === 'flag' ? 'flag' : 'block';
      out.push({
        rule: name,
        severity: c.severity ?? (a === 'block' ? 'high' : 'medium'),
        message: `${category} content (classifier)`,
        code: 'content_policy',
        action: a,
        score,
        span: { start: 0, end: s.length },
        details: { category, source: 'classifier' },
      });
    }
    return out;
  };
  const outcome = (s: string, extra: Finding[]) => {
    const r = lexiconPass(s);
    const findings = [...r.findings, ...extra];
    if (findings.length === 0) return undefined;
    return r.changed ? { findings, value: r.value } : { findings };
  };
  return {
    specificationVersion: 'v1',
    name,
    check(value) {
      if (typeof value !== 'string') {
        throw new ValidationError('invalid_format', `rule "${name}" expected a string, got ${describeValue(value)}`);
      }
      const classifier = policy.classifier;
      if (!classifier) return outcome(value, []);
      const scores = classifier(value);
      return scores instanceof Promise
        ? scores.then((sc) => outcome(value, classify(value, sc)))
        : outcome(value, classify(value, scores));
    },
  };
}
