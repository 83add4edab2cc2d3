// The detectors the adversarial search times, and the shape filler: shared by the search (run.ts) and
// the fresh-process timing of its slowest shapes (fresh.ts).
import * as validators from '@modelsec/validators';

const { detectPII, detectPromptInjection, detectSecrets, redactPII, sanitizeText, BUILTIN_RECOGNIZERS } = validators;

/** Every recognizer the package exports, the opt-in national ones too (detectPII runs the built-ins). */
export const allRecognizers = [
  ...BUILTIN_RECOGNIZERS,
  ...Object.entries(validators)
    .filter(([k, v]) => k.endsWith('Recognizer') && typeof (v as { scan?: unknown })?.scan === 'function')
    .map(([, v]) => v as (typeof BUILTIN_RECOGNIZERS)[number])
    .filter((r) => !BUILTIN_RECOGNIZERS.includes(r)),
];

export const detectors: [string, (t: string) => unknown][] = [
  ['detectPII', (t) => detectPII(t)],
  [`detectPII, all ${allRecognizers.length} recognizers`, (t) => detectPII(t, { recognizers: allRecognizers })],
  ['redactPII (mask)', (t) => redactPII(t)],
  ['detectSecrets', (t) => detectSecrets(t)],
  ['detectPromptInjection', (t) => detectPromptInjection(t)],
  ['sanitizeText', (t) => sanitizeText(t)],
];

/** `u` repeated to `n` units. */
export const fill = (u: string, n: number): string => u.repeat(Math.ceil(n / u.length)).slice(0, n);

/** Milliseconds of one call. */
export const time = (f: (t: string) => unknown, t: string): number => {
  const t0 = performance.now();
  f(t);
  return performance.now() - t0;
};
