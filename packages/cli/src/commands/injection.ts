/**
 * `modelsec injection <file|-> [--threshold 0.4] [--json]`: score a text (a prompt, a retrieved
 * document, a tool result) for prompt injection with @modelsec/validators' detectPromptInjection. Exit 0
 * when under the threshold, 1 when it looks like an injection, 2 for usage errors.
 */
import { detectPromptInjection, INJECTION_THRESHOLD } from '@modelsec/validators';
import { defineCommand, EXIT, UsageError } from '../command';
import { readInput } from '../io';
import { lineCol } from './text-position';

export default defineCommand({
  name: 'injection',
  summary: 'score a text file for prompt injection (overrides, role spoofing, jailbreaks, encoded payloads)',
  usage: '<file|-> [--threshold 0.4] [--json]',
  description:
    'Prints the score, the decision and each signal (line:column and family). Exit code 1 when the score ' +
    `reaches the threshold (default ${INJECTION_THRESHOLD}, chosen for <= 2% false positives on benign text).`,
  options: {
    threshold: {
      type: 'string',
      valueName: '<0..1>',
      description: `decision threshold (default ${INJECTION_THRESHOLD})`,
    },
  },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const file = ctx.positionals[0] as string;
    const threshold = ctx.values.threshold === undefined ? INJECTION_THRESHOLD : Number(ctx.values.threshold);
    if (!(threshold >= 0 && threshold <= 1)) throw new UsageError('--threshold must be in [0, 1]');
    const text = new TextDecoder().decode(await readInput(ctx, file));
    const r = detectPromptInjection(text, { threshold });
    const signals = r.findings.map((f) => ({
      ...lineCol(text, f.start),
      family: f.family,
      start: f.start,
      end: f.end,
      score: f.score,
    }));
    const lines = [
      `${file}: ${r.injection ? 'INJECTION' : 'ok'} (score ${r.score}, threshold ${threshold})`,
      ...signals.map((s) => `  ${s.line}:${s.column}  ${s.family} (${s.score})`),
    ];
    ctx.print(lines, { file, score: r.score, threshold, injection: r.injection, signals });
    return r.injection ? EXIT.failed : EXIT.ok;
  },
});
