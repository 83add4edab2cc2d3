// Adapters that turn the JavaScript peers' public APIs into entity spans for the span-level evaluation.
// redact-pii returns redacted text only: each built-in redactor replaces with a unique marker and the
// spans are recovered by aligning the output with the input. @openai/guardrails' PII check returns the
// detected values per entity: their occurrences in the text are the spans.
import { createRequire } from 'node:module';
import type { Span } from './metrics';

const require = createRequire(import.meta.url);
const { SyncRedactor } = require('redact-pii') as { SyncRedactor: new (o: unknown) => { redact(t: string): string } };
const guardrailsSecrets = require('@openai/guardrails/dist/checks/secret-keys.js') as {
  secretKeysCheck: (ctx: unknown, text: string, cfg: unknown) => Promise<{ info: { detected_secrets: string[] } }>;
  SecretKeysConfig: { parse(v: unknown): unknown };
};
const guardrails = require('@openai/guardrails/dist/checks/pii.js') as {
  pii: (ctx: unknown, text: string, cfg: unknown) => Promise<{ info: { detected_entities: Record<string, string[]> } }>;
  PIIConfig: { parse(v: unknown): unknown };
  PIIEntity: Record<string, string>;
};

/**
 * redact-pii replacement token (it ignores per-redactor `replaceWith` and always writes the snake-case name)
 * → Presidio entity; generous: street addresses and ZIP codes both count as ADDRESS.
 */
const REDACT_PII_TOKENS: Record<string, string> = {
  PERSON_NAME: 'PERSON',
  CREDIT_CARD_NUMBER: 'CREDIT_CARD',
  STREET_ADDRESS: 'ADDRESS',
  ZIPCODE: 'ADDRESS',
  PHONE_NUMBER: 'PHONE_NUMBER',
  IP_ADDRESS: 'IP_ADDRESS',
  US_SOCIAL_SECURITY_NUMBER: 'US_SSN',
  EMAIL_ADDRESS: 'EMAIL_ADDRESS',
  URL: 'URL',
};
const TOKEN_RE = new RegExp(`\\b(?:${Object.keys(REDACT_PII_TOKENS).join('|')})\\b`, 'g');

export function redactPiiPeer(): { name: string; detect(text: string): Span[]; redact(text: string): string } {
  // Not PII entities of the data set (any 4+ digit number, "user:"/"password:" lines): disabled in its favour.
  const off = { enabled: false };
  const selected = new SyncRedactor({
    builtInRedactors: { digits: off, username: off, password: off, credentials: off },
  });
  const plain = new SyncRedactor({});
  return {
    name: 'redact-pii 3.4.0',
    detect: (text) =>
      align(
        text,
        selected.redact(text).replace(TOKEN_RE, (t) => `\u0001${REDACT_PII_TOKENS[t]}\u0002`),
      ),
    redact: (text) => plain.redact(text),
  };
}

/** Recover replaced spans from a marker-redacted output. */
export function align(input: string, output: string): Span[] {
  const spans: Span[] = [];
  let i = 0;
  let j = 0;
  while (j < output.length) {
    if (output[j] === '\u0001') {
      const close = output.indexOf('\u0002', j);
      const entity = output.slice(j + 1, close);
      j = close + 1;
      const nextMarker = output.indexOf('\u0001', j);
      const literal = output.slice(j, nextMarker < 0 ? output.length : nextMarker);
      let end: number;
      if (literal.length === 0) end = nextMarker < 0 ? input.length : i;
      else {
        const probe = literal.slice(0, 24);
        end = input.indexOf(probe, i + 1);
        if (end < 0) end = input.length;
      }
      if (end > i) spans.push({ entity, start: i, end });
      i = end;
      continue;
    }
    i++;
    j++;
  }
  return spans;
}

/** @openai/guardrails PII check; `entities: 'default'` or every entity except NRP (PERSON included). */
export function guardrailsPeer(entities: 'default' | 'all'): {
  name: string;
  detect(text: string): Promise<Span[]>;
  run(text: string): Promise<unknown>;
} {
  const list = Object.values(guardrails.PIIEntity).filter((e) => e !== 'NRP');
  const cfg = guardrails.PIIConfig.parse(entities === 'default' ? {} : { entities: list });
  // Its LOCATION patterns are street-address regexes: count them as ADDRESS (in its favour).
  const map: Record<string, string> = { LOCATION: 'ADDRESS' };
  return {
    name: `@openai/guardrails 0.2.1 PII (${entities === 'default' ? 'default entities' : 'all but NRP, PERSON included'})`,
    run: (text) => guardrails.pii(null, text, cfg),
    async detect(text) {
      const r = await guardrails.pii(null, text, cfg);
      const spans: Span[] = [];
      for (const [entity, values] of Object.entries(r.info.detected_entities ?? {})) {
        for (const v of values) {
          for (let k = text.indexOf(v); k >= 0 && v.length > 0; k = text.indexOf(v, k + v.length)) {
            spans.push({ entity: map[entity] ?? entity, start: k, end: k + v.length });
          }
        }
      }
      return spans;
    },
  };
}

/** @openai/guardrails' secret-keys check (its default, `balanced`): the values it reports. */
export function guardrailsSecretsPeer(): { name: string; detect(text: string): Promise<string[]> } {
  const cfg = guardrailsSecrets.SecretKeysConfig.parse({});
  return {
    name: '@openai/guardrails 0.2.1 secret keys (balanced)',
    detect: async (text) => (await guardrailsSecrets.secretKeysCheck(null, text, cfg)).info.detected_secrets,
  };
}
