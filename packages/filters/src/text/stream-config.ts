/**
 * The text filter's options (`createTextFilter`, `createTextFilterAsync`), checked and compiled once per
 * filter.
 */
import { ainteger, aobject, aoneOf, astring, type Finding, ModelSecTypeError } from '@modelsec/core';
import {
  BUILTIN_RECOGNIZERS,
  type Canary,
  createPiiVault,
  type DetectPiiOptions,
  type DetectSecretsOptions,
  detectCanaryLeak,
  holdbackFor,
  type PiiVault,
  type RedactionMode,
} from '@modelsec/validators';
import { DEFAULT_TEXT_SAFE_RESPONSE, type Incident } from '../filter-output';
import { type ContentPolicy, type ContentPolicyOptions, createContentPolicy } from './content-policy';
import { wordsOf } from './leak';
import { createUrlPolicy, type UrlPolicy, type UrlPolicyOptions } from './urls';

/** PII options of the text filter. */
export interface StreamPiiOptions extends DetectPiiOptions {
  /** `mask` (default), `placeholder` (with `vault`) or `hash` (with `key`), as `redactPII`. */
  mode?: RedactionMode;
  /** Vault for `placeholder` mode (default: a new one per filter). */
  vault?: PiiVault;
  /** HMAC key for `hash` mode. */
  key?: Uint8Array;
}

/** Secret options of the text filter. */
export interface StreamSecretOptions extends Omit<DetectSecretsOptions, 'maxLength'> {
  /** `redact` (default, `<SECRET:KIND>`) or `block`. */
  action?: 'redact' | 'block';
}

/** Options of `createTextFilter`. */
export interface TextFilterOptions {
  /** Redact personal data (`true` for the defaults). */
  pii?: boolean | StreamPiiOptions;
  /** Redact (default) or block credentials (`true` for the defaults). */
  secrets?: boolean | StreamSecretOptions;
  /** Canaries of the system prompt: an answer containing one is blocked before any of it is emitted. */
  canaries?: readonly (Canary | string)[];
  /** The system prompt: a verbatim copy of `maxVerbatimWords` of its words blocks the answer. */
  systemPrompt?: string | { text: string; maxVerbatimWords?: number };
  /** Content policy (lexicon part; a classifier hook is not run on streams). */
  contentPolicy?: ContentPolicyOptions | ContentPolicy;
  /** URL allow/deny policy. */
  urls?: UrlPolicyOptions | UrlPolicy;
  /** Text emitted instead of the rest of a blocked answer (default `DEFAULT_TEXT_SAFE_RESPONSE`). */
  safeResponse?: string;
  /** `replace` (default): emit `safeResponse` and end the stream; `error`: error the stream with the blocking error. */
  onBlock?: 'replace' | 'error';
  /** Called once per answer with findings (at the end, or when it is blocked). */
  onIncident?: (incident: Incident) => void;
  /**
   * Scan again after this many new characters (default 1: every chunk). While a long tail is held back
   * (a long token, an open PEM block), scans also wait for 1/16 of the held text to arrive, so the total
   * work stays linear in the answer's length.
   */
  scanInterval?: number;
  /** Most characters held back before the answer is blocked with `too_large` (default 64 Ki). */
  maxHoldback?: number;
}

/** What `TextFilter.filter` returns. */
export interface TextFilterResult {
  /** The filtered answer (the text before the block plus the safe response when blocked). */
  text: string;
  /** Every finding. */
  findings: Finding[];
  /** The blocking finding, if any. */
  blocked: Finding | undefined;
}

/** PII recognizers whose matches never contain white space (held back by their trailing token). */
const TOKEN_BOUNDED = new Set(['email', 'url', 'ip', 'mac', 'crypto']);

/** A text filter's checked options. @internal */
export type TextFilterConfig = ReturnType<typeof configureTextFilter>;

/** What the asynchronous filter adds: the NER model's right context. @internal */
export interface ModelSettings {
  /** Units held back for the model (`nerHoldback`). */
  holdback: number;
  /** Default `scanInterval` (a model run per chunk would be slow). */
  scanInterval: number;
}

/**
 * Check `createTextFilter`'s options and compile them (recognizers, policies, hold-back lengths).
 * `model`: the asynchronous filter's model settings when its PII options carry a NER model; without it,
 * a model in the options is an error (the synchronous filter cannot run one, and must not ignore it).
 * @internal
 *
 * @example
 * ```ts
 * const cfg = configureTextFilter({ pii: true });
 * ```
 */
export function configureTextFilter(o: TextFilterOptions, model?: ModelSettings) {
  const onBlock = o.onBlock ?? 'replace';
  aoneOf(onBlock, 'options.onBlock', ['replace', 'error'] as const);
  const safeResponse = o.safeResponse ?? DEFAULT_TEXT_SAFE_RESPONSE;
  astring(safeResponse, 'options.safeResponse');
  const scanInterval = o.scanInterval ?? model?.scanInterval ?? 1;
  ainteger(scanInterval, 'options.scanInterval', { min: 1, max: 1 << 20 });
  const maxHoldback = o.maxHoldback ?? 1 << 16;
  ainteger(maxHoldback, 'options.maxHoldback', { min: 1024 });
  const pii = o.pii === true ? {} : o.pii || undefined;
  if (pii) aobject(pii as unknown, 'options.pii');
  if (!model && (pii as { ner?: unknown } | undefined)?.ner !== undefined) {
    throw new ModelSecTypeError('"options.pii.ner": a NER model runs in createTextFilterAsync, not createTextFilter');
  }
  const recognizers = pii
    ? (pii.recognizers ?? BUILTIN_RECOGNIZERS).filter(
        (r) => !pii.entities || r.entities.some((e) => pii.entities?.includes(e)),
      )
    : [];
  const other = recognizers.filter((r) => !TOKEN_BOUNDED.has(r.name));
  const piiMode = pii?.mode ?? 'mask';
  const piiVault = piiMode === 'placeholder' ? (pii?.vault ?? createPiiVault()) : undefined;
  const secrets = o.secrets === true ? {} : o.secrets || undefined;
  if (secrets) aoneOf(secrets.action ?? 'redact', 'options.secrets.action', ['redact', 'block'] as const);
  const canaries = (o.canaries ?? []).map((c, i) => {
    const token = typeof c === 'string' ? c : c?.token;
    astring(token, `options.canaries[${i}].token`);
    detectCanaryLeak('', token);
    return token;
  });
  if (o.onIncident !== undefined && typeof o.onIncident !== 'function') {
    throw new ModelSecTypeError('"options.onIncident" expected function');
  }
  const sp = typeof o.systemPrompt === 'string' ? { text: o.systemPrompt } : o.systemPrompt;
  if (sp) astring(sp.text, 'options.systemPrompt.text');
  const promptWords = sp ? wordsOf(sp.text).map((w) => w.w) : [];
  const maxVerbatim = sp?.maxVerbatimWords ?? 12;
  ainteger(maxVerbatim, 'options.systemPrompt.maxVerbatimWords', { min: 1 });
  const content = o.contentPolicy
    ? 'lexicon' in o.contentPolicy
      ? o.contentPolicy
      : createContentPolicy(o.contentPolicy)
    : undefined;
  const urls = o.urls ? ('decide' in o.urls ? o.urls : createUrlPolicy(o.urls)) : undefined;
  return {
    onBlock,
    safeResponse,
    scanInterval,
    maxHoldback,
    pii,
    piiMode,
    piiVault,
    recognizers,
    otherHoldback: Math.max(other.length ? holdbackFor(other) : 0, model?.holdback ?? 0),
    tokenBoundedPii: recognizers.length > other.length,
    secrets,
    canaries,
    promptWords,
    maxVerbatim,
    content,
    urls,
    onIncident: o.onIncident,
  };
}
