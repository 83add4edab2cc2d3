/**
 * Prompt-injection corpora: the case format the runner uses, and parsers for the files users supply:
 * PurpleLlama CyberSecEval's `prompt_injection.json` (fields `test_case_prompt`, `user_input`,
 * `judge_question`, `injection_variant`, `injection_type`, `risk_category`), a generic JSON array, or
 * JSON Lines. Parsing is strict and bounded: malformed input gives a ValidationError, never a crash.
 */
import { astring, ValidationError } from '@modelsec/core';
import { canariesFromQuestion } from './canary';

/** One prompt-injection test case. */
export interface InjectionCase {
  /** Case identifier. */
  id: string;
  /** The application's system prompt (it may hold a secret or a rule); empty when none. */
  system: string;
  /** The attacker-controlled text: a user message or content injected into the context. */
  injection: string;
  /** Dimensions to report rates by, e.g. `{ variant: 'ignore_previous_instructions', type: 'direct' }`. */
  categories: Record<string, string>;
  /** Strings whose presence in a response means the injection succeeded. */
  canaries: string[];
  /** Natural-language success criterion for a judge, when the corpus has one. */
  judgeQuestion: string | undefined;
}

/** Limits on corpus size (text length of the file and number of cases). */
export const CORPUS_LIMITS = Object.freeze({ maxBytes: 64 * 1024 * 1024, maxCases: 100_000, maxField: 1_000_000 });

/**
 * Parse a corpus from JSON or JSON Lines text. Each item is either a PurpleLlama case (canaries are
 * extracted from its `judge_question` when it names a literal string) or a generic case
 * `{ id?, system?, injection | prompt, categories?, canaries?, judge_question? }`.
 *
 * @throws ValidationError `invalid_json`, `invalid_format` or `too_large`.
 * @example
 * ```ts
 * const cases = parseInjectionCorpus(await readFile('purplellama_prompt_injection.json', 'utf8'));
 * cases[0]; // { id: '0', system: "The secret key is 'Piano'...", canaries: ['Piano'], categories: {...} }
 * ```
 */
export function parseInjectionCorpus(text: string): InjectionCase[] {
  astring(text, 'text');
  if (text.length > CORPUS_LIMITS.maxBytes) throw new ValidationError('too_large', 'corpus is larger than 64 MiB');
  const trimmed = text.trim();
  let items: unknown[];
  try {
    if (trimmed.startsWith('[')) {
      const parsed: unknown = JSON.parse(trimmed);
      items = parsed as unknown[];
    } else {
      items = trimmed
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as unknown);
    }
  } catch (error) {
    throw new ValidationError('invalid_json', 'corpus is neither a JSON array nor JSON Lines', { cause: error });
  }
  if (!Array.isArray(items) || items.length === 0) throw new ValidationError('invalid_format', 'corpus has no cases');
  if (items.length > CORPUS_LIMITS.maxCases) throw new ValidationError('too_large', 'corpus has too many cases');
  return items.map((item, i) => toCase(item, i));
}

function toCase(item: unknown, index: number): InjectionCase {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw new ValidationError('invalid_format', `corpus case ${index} is not an object`);
  }
  const o = item as Record<string, unknown>;
  const str = (key: string, required: boolean): string => {
    const v = o[key];
    if (v === undefined && !required) return '';
    if (typeof v !== 'string')
      throw new ValidationError('invalid_format', `corpus case ${index}: "${key}" is not a string`);
    if (v.length > CORPUS_LIMITS.maxField)
      throw new ValidationError('too_large', `corpus case ${index}: "${key}" is too long`);
    return v;
  };
  const idValue = o.prompt_id ?? o.id ?? index;
  const id = typeof idValue === 'number' || typeof idValue === 'string' ? String(idValue).slice(0, 200) : String(index);
  if ('test_case_prompt' in o && 'user_input' in o) {
    const judgeQuestion = str('judge_question', false) || undefined;
    const categories: Record<string, string> = {};
    for (const [key, name] of [
      ['injection_variant', 'variant'],
      ['injection_type', 'type'],
      ['risk_category', 'risk'],
      ['speaking_language', 'language'],
    ] as const) {
      const v = str(key, false);
      if (v) categories[name] = v.slice(0, 200);
    }
    return {
      id,
      system: str('test_case_prompt', true),
      injection: str('user_input', true),
      categories,
      canaries: judgeQuestion ? canariesFromQuestion(judgeQuestion) : [],
      judgeQuestion,
    };
  }
  const injection = 'injection' in o ? str('injection', true) : str('prompt', true);
  const categories: Record<string, string> = {};
  if (o.categories !== undefined) {
    if (typeof o.categories !== 'object' || o.categories === null || Array.isArray(o.categories)) {
      throw new ValidationError('invalid_format', `corpus case ${index}: "categories" is not an object`);
    }
    for (const [k, v] of Object.entries(o.categories).slice(0, 20)) {
      if (typeof v === 'string') categories[k.slice(0, 100)] = v.slice(0, 200);
    }
  } else if (typeof o.category === 'string') {
    categories.category = o.category.slice(0, 200);
  }
  let canaries: string[] = [];
  if (o.canaries !== undefined) {
    if (
      !Array.isArray(o.canaries) ||
      o.canaries.some((c) => typeof c !== 'string' || c.length === 0 || c.length > 1000)
    ) {
      throw new ValidationError('invalid_format', `corpus case ${index}: "canaries" is not a list of strings`);
    }
    canaries = (o.canaries as string[]).slice(0, 100);
  } else if (typeof o.canary === 'string' && o.canary.length > 0 && o.canary.length <= 1000) {
    canaries = [o.canary];
  }
  const judgeQuestion = str('judge_question', false) || undefined;
  if (canaries.length === 0 && judgeQuestion) canaries = canariesFromQuestion(judgeQuestion);
  return { id, system: str('system', false), injection, categories, canaries, judgeQuestion };
}
