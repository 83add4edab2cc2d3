/**
 * System-prompt leakage (OWASP LLM07) in an answer: canary tokens (the validators' `detectCanaryLeak`:
 * exact, case, spaced, reversed, base64) and verbatim reuse of the system prompt measured by word
 * n-grams: the share of the prompt's n-grams that appear in the answer, and the longest run of the
 * prompt's words copied in order.
 */
import {
  ainteger,
  anumber,
  aobject,
  astring,
  describeValue,
  type Finding,
  ModelSecTypeError,
  type Rule,
  ValidationError,
} from '@modelsec/core';
import { type Canary, detectCanaryLeak } from '@modelsec/validators';

/** Options of the system-prompt overlap check. */
export interface PromptOverlapOptions {
  /** Words per n-gram (default 5; prompts shorter than n use their length). */
  n?: number;
  /** Share of the prompt's distinct n-grams found in the answer at which it is a leak (default 0.3). */
  coverage?: number;
  /** A run of this many prompt words copied in order is a leak (default 12). */
  maxVerbatimWords?: number;
}

/** One word of a text: normalized form and offsets. */
interface Word {
  w: string;
  start: number;
  end: number;
}

/** What `measureOverlap` reports. */
export interface PromptOverlap {
  /** Share of the prompt's distinct n-grams present in the text. */
  coverage: number;
  /** Longest run of prompt words the text copies in order. */
  verbatimWords: number;
  /** Span of that run in the text (UTF-16), when there is one. */
  span: { start: number; end: number } | undefined;
}

/** A compiled system prompt for overlap checks. */
export interface PromptMatcher {
  /** Words per n-gram actually used. */
  readonly n: number;
  /** Number of distinct n-grams in the prompt. */
  readonly size: number;
  /** Whether the n words ending at `words[i]` form an n-gram of the prompt. */
  has(gram: string): boolean;
  /** Measure the overlap of `text` with the prompt. */
  measure(text: string): PromptOverlap;
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Words of `text`, NFKC-normalized and lower-cased, with their offsets.
 * @internal
 */
export function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    out.push({ w: m[0].normalize('NFKC').toLowerCase(), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/**
 * Compile a system prompt into its word n-grams.
 *
 * @example
 * ```ts
 * const m = createPromptMatcher(systemPrompt, { n: 5 });
 * m.measure(answer).coverage; // 0.42
 * ```
 */
export function createPromptMatcher(systemPrompt: string, options: PromptOverlapOptions = {}): PromptMatcher {
  astring(systemPrompt, 'systemPrompt');
  aobject(options as unknown, 'options');
  const words = wordsOf(systemPrompt).map((x) => x.w);
  const n = Math.max(1, Math.min(options.n ?? 5, words.length));
  ainteger(options.n ?? 5, 'options.n', { min: 1, max: 64 });
  const grams = new Set<string>();
  for (let i = 0; i + n <= words.length; i++) grams.add(words.slice(i, i + n).join(' '));
  return {
    n,
    size: grams.size,
    has: (g) => grams.has(g),
    measure(text) {
      const ws = wordsOf(text);
      const seen = new Set<string>();
      let run = 0;
      let best = 0;
      let bestEnd = -1;
      for (let i = 0; i + n <= ws.length; i++) {
        const g = ws
          .slice(i, i + n)
          .map((x) => x.w)
          .join(' ');
        if (grams.has(g)) {
          seen.add(g);
          run++;
          if (run > best) {
            best = run;
            bestEnd = i + n - 1;
          }
        } else run = 0;
      }
      const verbatimWords = best > 0 ? best + n - 1 : 0;
      const first = ws[bestEnd - verbatimWords + 1];
      const last = ws[bestEnd];
      return {
        coverage: grams.size ? seen.size / grams.size : 0,
        verbatimWords,
        span: first && last ? { start: first.start, end: last.end } : undefined,
      };
    },
  };
}

/** Options of `promptLeak`. */
export interface PromptLeakOptions extends PromptOverlapOptions {
  /** Canaries planted in the system prompt (validators' `createCanary()`), or their tokens. */
  canaries?: readonly (Canary | string)[];
  /** The system prompt, for the n-gram overlap check. */
  systemPrompt?: string;
}

/**
 * A rule that blocks an answer leaking the system prompt: a canary (code `canary_leak`) or a verbatim
 * copy of the prompt beyond the thresholds (code `system_prompt_leak`).
 *
 * @example
 * ```ts
 * const canary = createCanary();
 * const rule = promptLeak({ canaries: [canary], systemPrompt: `${prompt}\n${canary.instruction}` });
 * ```
 */
export function promptLeak(options: PromptLeakOptions): Rule<string> {
  aobject(options as unknown, 'options');
  const canaries = options.canaries ?? [];
  if (!Array.isArray(canaries)) throw new ModelSecTypeError('"options.canaries" expected an array');
  for (const c of canaries) detectCanaryLeak('', c); // validates each canary once
  const coverage = options.coverage ?? 0.3;
  anumber(coverage, 'options.coverage', { min: 0, max: 1 });
  const maxVerbatim = options.maxVerbatimWords ?? 12;
  ainteger(maxVerbatim, 'options.maxVerbatimWords', { min: 1 });
  const matcher = options.systemPrompt === undefined ? undefined : createPromptMatcher(options.systemPrompt, options);
  const name = 'promptLeak';
  return {
    specificationVersion: 'v1',
    name,
    check(value) {
      if (typeof value !== 'string') {
        throw new ValidationError('invalid_format', `rule "${name}" expected a string, got ${describeValue(value)}`);
      }
      const findings: Finding[] = [];
      for (const c of canaries) {
        const leak = detectCanaryLeak(value, c);
        if (!leak.leaked) continue;
        const f: Finding = {
          rule: name,
          severity: 'critical',
          message: `system prompt canary leaked (${leak.forms.join(', ')})`,
          code: 'canary_leak',
          action: 'block',
          score: 1,
          details: { forms: leak.forms },
        };
        if (leak.spans[0]) f.span = { start: leak.spans[0].start, end: leak.spans[0].end };
        findings.push(f);
      }
      if (matcher && matcher.size > 0) {
        const o = matcher.measure(value);
        if (o.coverage >= coverage || o.verbatimWords >= maxVerbatim) {
          const f: Finding = {
            rule: name,
            severity: 'high',
            message: `answer reuses the system prompt (${Math.round(o.coverage * 100)}% of its ${matcher.n}-grams, ${o.verbatimWords} words in a row)`,
            code: 'system_prompt_leak',
            action: 'block',
            score: o.coverage,
            details: { coverage: o.coverage, verbatimWords: o.verbatimWords, n: matcher.n },
          };
          if (o.span) f.span = o.span;
          findings.push(f);
        }
      }
      return findings.length ? { findings } : undefined;
    },
  };
}
