// One cold start, in a process of its own (run.ts starts one per case and round): the time to import the
// package, the first call on a short text (code compiled, tables built) and the best of 200 calls after
// it. Plain ESM (no tsx), so the import measured is the package's alone.
// Run: node text-coldstart/child.mjs <case> <text as JSON>
// MODELSEC_VALIDATORS=<path to a build's dist/index.js> times another build of @modelsec/validators (its
// subpath entries next to it).
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const [name, textJson] = process.argv.slice(2);
const text = JSON.parse(textJson);
/** The package root, or its subpath entry `sub` (`pii`, `injection`, `secrets`). */
const validators = (sub) => {
  const dist = process.env.MODELSEC_VALIDATORS;
  if (dist === undefined) return import(sub ? `@modelsec/validators/${sub}` : '@modelsec/validators');
  return import(pathToFileURL(sub ? dist.replace(/index\.js$/, `${sub}/index.js`) : dist).href);
};

/** Each case: load the package (timed as the import) and return the call. */
const cases = {
  'modelsec detectPII': async () => {
    const { detectPII } = await validators();
    return () => detectPII(text);
  },
  "modelsec detectPII, the peer's entities": async () => {
    const { detectPII } = await validators();
    const entities = ['EMAIL_ADDRESS', 'URL', 'IP_ADDRESS', 'CRYPTO', 'CREDIT_CARD', 'IBAN_CODE', 'US_SSN', 'UK_NHS'];
    entities.push('US_BANK_NUMBER', 'US_PASSPORT', 'US_DRIVER_LICENSE', 'DATE_TIME', 'PHONE_NUMBER', 'ADDRESS');
    return () => detectPII(text, { entities });
  },
  'modelsec redactPII': async () => {
    const { redactPII } = await validators();
    return () => redactPII(text);
  },
  'modelsec detectPromptInjection': async () => {
    const { detectPromptInjection } = await validators();
    return () => detectPromptInjection(text);
  },
  'modelsec detectSecrets': async () => {
    const { detectSecrets } = await validators();
    return () => detectSecrets(text);
  },
  'modelsec detectPII (/pii)': async () => {
    const { detectPII } = await validators('pii');
    return () => detectPII(text);
  },
  'modelsec detectPromptInjection (/injection)': async () => {
    const { detectPromptInjection } = await validators('injection');
    return () => detectPromptInjection(text);
  },
  'modelsec detectSecrets (/secrets)': async () => {
    const { detectSecrets } = await validators('secrets');
    return () => detectSecrets(text);
  },
  'redact-pii SyncRedactor.redact': async () => {
    const { SyncRedactor } = require('redact-pii');
    const r = new SyncRedactor();
    return () => r.redact(text);
  },
  '@openai/guardrails pii (default entities)': async () => {
    const g = require('@openai/guardrails/dist/checks/pii.js');
    const cfg = g.PIIConfig.parse({});
    return () => g.pii(null, text, cfg);
  },
  '@openai/guardrails secret keys': async () => {
    const g = require('@openai/guardrails/dist/checks/secret-keys.js');
    const cfg = g.SecretKeysConfig.parse({});
    return () => g.secretKeysCheck(null, text, cfg);
  },
};

const load = cases[name];
if (load === undefined) throw new Error(`unknown case ${name}`);
const t0 = performance.now();
const call = await load();
const t1 = performance.now();
await call();
const t2 = performance.now();
let steady = Number.POSITIVE_INFINITY;
for (let i = 0; i < 200; i++) {
  const s = performance.now();
  await call();
  steady = Math.min(steady, performance.now() - s);
}
process.stdout.write(`${JSON.stringify({ importMs: t1 - t0, firstMs: t2 - t1, steadyMs: steady })}\n`);
