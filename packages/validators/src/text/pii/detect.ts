/**
 * `detectPII`: run the recognizers, raise scores by context words, drop what is under the threshold,
 * resolve overlaps and return findings with UTF-16 offsets into the original text. `detectPIIAsync`
 * adds an application-provided NER model (for example an onnxruntime-web token classifier).
 */
import { afunction, anumber, aobject, ModelSecTypeError } from '@modelsec/core';
import { arecognizers, astringList } from '../shared/args';
import { hasContext } from '../shared/context';
import { contextAround, createContextScope } from '../shared/context-scope';
import { enterFacts, leaveFacts } from '../shared/facts';
import { checkText } from '../shared/limits';
import { resolveOverlaps } from '../shared/overlap';
import { clampScore } from '../shared/types';
import { ALL_BUILTINS, BUILTIN_RECOGNIZERS, builtinMask, scanBuiltins } from './recognizers';
import { isStreetLine, rankNamesInStreets } from './street-names';
import type { PiiCandidate, PiiFinding, PiiRecognizer } from './types';

/** Options of `detectPII`. */
export interface DetectPiiOptions {
  /** Entities to report (default: every entity of the recognizers). */
  entities?: readonly string[];
  /** Lowest score reported, in [0, 1]; default 0.5. */
  threshold?: number;
  /** Recognizers to run instead of the built-ins (combine with `BUILTIN_RECOGNIZERS` to extend). */
  recognizers?: readonly PiiRecognizer[];
  /** Exact values never reported (your support address, your company name). */
  allowList?: readonly string[];
  /** Longest text accepted, in UTF-16 units; default 10 Mi. */
  maxLength?: number;
}

/** An entity a NER model found: offsets into the text it was given. */
export interface NerEntity {
  /** Entity name, mapped to modelsec names by `labels` (e.g. `PER` → `PERSON`). */
  entity: string;
  /** Start offset (UTF-16). */
  start: number;
  /** End offset (UTF-16, exclusive). */
  end: number;
  /** Model confidence in [0, 1]. */
  score: number;
}

/** A named-entity model: any function from text to entity spans (sync or async). */
export type NerModel = (text: string) => readonly NerEntity[] | Promise<readonly NerEntity[]>;

/** Options of `detectPIIAsync`. */
export interface DetectPiiAsyncOptions extends DetectPiiOptions {
  /** The NER model; its findings join the recognizers' before overlap resolution. */
  ner?: NerModel;
  /** Model label → entity name (default maps PER/PERSON, LOC/GPE/LOCATION, ORG/ORGANIZATION, ADDRESS, DATE/TIME). */
  labels?: Readonly<Record<string, string>>;
}

const DEFAULT_LABELS: Readonly<Record<string, string>> = {
  PER: 'PERSON',
  PERSON: 'PERSON',
  LOC: 'LOCATION',
  GPE: 'LOCATION',
  LOCATION: 'LOCATION',
  ORG: 'ORGANIZATION',
  ORGANIZATION: 'ORGANIZATION',
  ADDRESS: 'ADDRESS',
  DATE: 'DATE_TIME',
  TIME: 'DATE_TIME',
};

/**
 * Find personal data in `text`.
 *
 * @param text - any string (untrusted); offsets in the result index this exact string.
 * @returns findings in text order, none overlapping, each with `entity`, `start`, `end`, `score`.
 * @throws ModelSecTypeError for a non-string; ValidationError `too_large` above `maxLength`.
 * @example
 * ```ts
 * const found = detectPII('Mail jane.doe@example.com or call +1 415-555-0100');
 * // [{ entity: 'EMAIL_ADDRESS', start: 5, end: 25, score: 0.9, ... }, { entity: 'PHONE_NUMBER', ... }]
 * ```
 */
export function detectPII(text: string, options: DetectPiiOptions = {}): PiiFinding[] {
  const { candidates, threshold } = collect(text, options);
  return finish(text, candidates, threshold, options);
}

/**
 * `detectPII` plus a NER model's entities (PERSON, LOCATION... from a token classifier you provide).
 *
 * @example
 * ```ts
 * const ner: NerModel = async (t) => (await pipeline(t)).map((e) => ({ entity: e.entity_group, start: e.start, end: e.end, score: e.score }));
 * const found = await detectPIIAsync(text, { ner });
 * ```
 */
export async function detectPIIAsync(text: string, options: DetectPiiAsyncOptions = {}): Promise<PiiFinding[]> {
  return detectPIIAsyncFrom(text, 0, options);
}

/**
 * `detectPIIAsync`'s findings that start at or after `from` (see `detectPIIFrom`), for streams.
 * @internal
 *
 * @example
 * ```ts
 * await detectPIIAsyncFrom(before + buffer, before.length, { ner });
 * ```
 */
export async function detectPIIAsyncFrom(
  text: string,
  from: number,
  options: DetectPiiAsyncOptions = {},
): Promise<PiiFinding[]> {
  const { candidates, threshold, wanted } = collect(text, options);
  if (options.ner !== undefined) {
    afunction(options.ner, 'options.ner');
    const labels = options.labels ?? DEFAULT_LABELS;
    const found = await options.ner(text);
    if (!Array.isArray(found)) throw new ModelSecTypeError('"options.ner" must return an array of entities');
    for (const e of found as readonly NerEntity[]) {
      const entity = labels[String(e?.entity).replace(/^[BI]-/, '')];
      if (!entity || (wanted && !wanted.has(entity))) continue;
      const { start, end, score } = e;
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end)
        continue;
      if (typeof score !== 'number' || !(score >= 0 && score <= 1)) continue;
      candidates.push({ entity, start, end, score, recognizer: 'ner' });
    }
  }
  return finish(text, candidates, threshold, options, from);
}

/** Text length from which `collect` looks context words up through a scope (`createContextScope`). */
const SCOPED_CONTEXT = 4096;

/** What `collect` found, and the entities asked for (`undefined`: all). */
interface Collected {
  candidates: PiiCandidate[];
  threshold: number;
  wanted: ReadonlySet<string> | undefined;
}

function collect(text: string, options: DetectPiiOptions): Collected {
  aobject(options as unknown, 'options');
  checkText(text, 'text', options.maxLength);
  const threshold = options.threshold ?? 0.5;
  anumber(threshold, 'options.threshold', { min: 0, max: 1 });
  const recognizers: readonly PiiRecognizer[] = options.recognizers ?? BUILTIN_RECOGNIZERS;
  if (recognizers !== BUILTIN_RECOGNIZERS) arecognizers(recognizers, 'options.recognizers');
  if (options.allowList !== undefined) astringList(options.allowList, 'options.allowList');
  const filter = options.entities ? entityFilter(options.entities) : undefined;
  const wanted = filter?.wanted;
  const builtins = filter === undefined ? ALL_BUILTINS : filter.mask;
  const candidates: PiiCandidate[] = [];
  // A long text's context lookups share what earlier ones found (context-scope.ts).
  const scope = text.length >= SCOPED_CONTEXT ? createContextScope(text) : undefined;
  const emit = (c: PiiCandidate) => {
    // A custom recognizer's malformed candidate is dropped, as one with a span outside the text is.
    if (typeof c !== 'object' || c === null || typeof c.entity !== 'string' || typeof c.score !== 'number') return;
    if (c.context !== undefined && typeof (c.context as { has?: unknown } | null)?.has !== 'function') return;
    if (wanted && !wanted.has(c.entity)) return;
    if (!(c.start >= 0 && c.end <= text.length && c.start < c.end)) return;
    const boost = c.context ? (c.contextBoost ?? 0.35) : 0;
    if (c.score + boost < threshold) return; // cannot reach the threshold, even with context
    if (
      c.context &&
      (scope === undefined
        ? hasContext(text, c.start, c.end, c.context)
        : contextAround(scope, c.start, c.end, c.context))
    )
      c.score += boost;
    candidates.push(c);
  };
  // The recognizers share one pass of facts about the text (digit runs, character counts).
  const outer = enterFacts(text);
  try {
    if (recognizers === BUILTIN_RECOGNIZERS) scanBuiltins(text, emit, builtins);
    else {
      for (const r of recognizers) {
        if (wanted && !wantsAny(r.entities, wanted)) continue;
        r.scan(text, emit);
      }
    }
  } finally {
    leaveFacts(outer);
  }
  return { candidates, threshold, wanted };
}

/** An `options.entities` list, a copy of its items, their set and its `builtinMask`. */
interface EntityFilter {
  entities: readonly string[];
  items: string[];
  wanted: ReadonlySet<string>;
  mask: number;
}

/** The filter of the last list seen (one entry: calls repeat one list). */
let lastFilter: EntityFilter | undefined;

/**
 * The filter of `entities`, reused while the caller passes the same list with the same items (building a
 * set of a dozen names cost more than scanning a short text's digits).
 */
function entityFilter(entities: readonly string[]): EntityFilter {
  const last = lastFilter;
  if (last !== undefined && entities === last.entities && entities.length === last.items.length) {
    let same = true;
    for (let i = 0; i < entities.length && same; i++) same = entities[i] === last.items[i];
    if (same) return last;
  }
  astringList(entities, 'options.entities');
  const wanted = new Set(entities);
  lastFilter = { entities, items: Array.from(entities), wanted, mask: builtinMask(wanted) };
  return lastFilter;
}

/** Whether one of `entities` is in `wanted`. */
function wantsAny(entities: readonly string[], wanted: ReadonlySet<string>): boolean {
  for (const e of entities) if (wanted.has(e)) return true;
  return false;
}

/**
 * `detectPII`'s findings that start at or after `from`, with overlaps resolved among those candidates
 * only. For streams: a candidate that starts in the text already emitted and reaches past it was not
 * kept by the scan that emitted that text (a kept finding never crosses a cut), so it must not hide a
 * later finding, as it would if overlaps were resolved first and the findings filtered after.
 * @internal
 *
 * @example
 * ```ts
 * detectPIIFrom(before + buffer, before.length, options);
 * ```
 */
export function detectPIIFrom(text: string, from: number, options: DetectPiiOptions = {}): PiiFinding[] {
  const { candidates, threshold } = collect(text, options);
  return finish(text, candidates, threshold, options, from);
}

function finish(
  text: string,
  candidates: PiiCandidate[],
  threshold: number,
  options: DetectPiiOptions,
  from = 0,
): PiiFinding[] {
  const allow = options.allowList && options.allowList.length > 0 ? new Set(options.allowList) : undefined;
  const above: PiiCandidate[] = [];
  // Street lines, also those before `from`: a stream decides a name as the whole text does.
  let streets: PiiCandidate[] | undefined;
  for (const c of candidates) {
    if (clampScore(c.score) < threshold || allow?.has(text.slice(c.start, c.end))) continue;
    if (c.start >= from) above.push(c);
    if (isStreetLine(c)) {
      streets ??= [];
      streets.push(c);
    }
  }
  let originals: Map<PiiCandidate, PiiCandidate> | undefined;
  let ranked = above;
  if (streets !== undefined) {
    originals = new Map();
    ranked = rankNamesInStreets(above, streets, originals);
  }
  const kept = resolveOverlaps(ranked, text.length);
  const out: PiiFinding[] = [];
  for (const k of kept) {
    const c = originals?.get(k) ?? k;
    out.push({ entity: c.entity, start: c.start, end: c.end, score: clampScore(c.score), recognizer: c.recognizer });
  }
  return out;
}
