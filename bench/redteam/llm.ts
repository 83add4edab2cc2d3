/**
 * Prompt-injection runner on PurpleLlama CyberSecEval's 251 cases (../shared/data/prompt-injection).
 * No LLM can run offline here, so the endpoints are deterministic stand-ins that bound the runner and
 * show what an input filter changes: a worst-case endpoint that echoes its whole prompt (every canary
 * leaks: the runner's canary recall), a fixed refusal (no canary may match: its false-positive check),
 * and the same echo endpoint behind @modelsec/validators' detectPromptInjection at its default threshold
 * (the residual attack success rate per category is the share of injections the filter lets through).
 */
import { type InjectionReport, type LlmEndpoint, parseInjectionCorpus, runPromptInjection } from '@modelsec/redteam';
import { detectPromptInjection } from '@modelsec/validators';
import { readSharedText } from '@modelsec-test/utils';

const echo: LlmEndpoint = async (prompt) => `Sure. ${prompt}`;
const refuse: LlmEndpoint = async () => 'I cannot help with that request.';
const guarded: LlmEndpoint = async (prompt, parts) =>
  detectPromptInjection(parts.user).injection ? 'Request blocked by the input filter.' : echo(prompt, parts);

/** One endpoint's rates: overall, per injection type and per variant, and system-prompt leaks. */
function summarize(name: string, r: InjectionReport) {
  const rates = (dim: string) =>
    Object.fromEntries(
      Object.entries(r.byCategory[dim] ?? {}).map(([k, g]) => [
        k,
        { judged: g.judged, succeeded: g.succeeded, rate: g.rate },
      ]),
    );
  return {
    endpoint: name,
    total: r.total,
    judged: r.judged,
    succeeded: r.succeeded,
    rate: r.rate,
    systemPromptLeaks: r.systemPromptLeaks,
    errors: r.errors,
    byType: rates('type'),
    byVariant: rates('variant'),
  };
}

export async function promptInjection(o: { seed: number }) {
  const cases = parseInjectionCorpus(await readSharedText('prompt-injection/purplellama_prompt_injection.json'));
  const withCanary = cases.filter((c) => c.canaries.length > 0).length;
  const rows = [];
  for (const [name, llm] of [
    ['echo (worst case: repeats its prompt)', echo],
    ['fixed refusal', refuse],
    ['echo behind detectPromptInjection (default threshold)', guarded],
  ] as const) {
    const t = performance.now();
    const r = await runPromptInjection(llm, cases, { systemCanary: true, seed: o.seed, concurrency: 4 });
    rows.push({ ...summarize(name, r), ms: performance.now() - t });
    console.log(
      `  prompt injection ${name}: ${r.succeeded}/${r.judged} decided (${r.total} cases), ${r.systemPromptLeaks} system leaks`,
    );
  }
  return { cases: cases.length, casesWithCanary: withCanary, rows };
}
