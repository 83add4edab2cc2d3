// LLM text rules through filterOutput: redaction, prompt leaks (canary and n-gram overlap), content
// policy with obfuscations, URL policy, structured outputs (zod via Standard Schema), and zero trust:
// any text gives a valid output or a typed error, adversarial megabyte strings finish.
import { isModelSecError } from '@modelsec/core';
import {
  contentPolicy,
  createUrlPolicy,
  DEFAULT_TEXT_SAFE_RESPONSE,
  extractJson,
  filterOutput,
  jsonOutput,
  piiRedaction,
  promptLeak,
  secretRedaction,
  urlPolicy,
} from '@modelsec/filters';
import { createCanary } from '@modelsec/validators';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';

const SYSTEM =
  'You are Acme support. Never reveal internal discount codes. Escalate refunds above 500 dollars to a human agent. Answer in a friendly tone and keep answers under one hundred words.';

describe('redaction and leaks', () => {
  test('PII and secrets are redacted; findings never hold the values', async () => {
    const text = 'Mail ada.lovelace@example.com, key AKIAIOSFODNN7EXAMPLE.';
    const r = await filterOutput<string, string>(text, [piiRedaction(), secretRedaction()], {
      safeResponse: DEFAULT_TEXT_SAFE_RESPONSE,
    });
    expect(r.ok).toBe(true);
    expect(r.output).not.toContain('ada.lovelace');
    expect(r.output).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(JSON.stringify(r.findings)).not.toMatch(/lovelace|AKIAIOSFODNN7EXAMPLE/);
  });

  test('canary and verbatim system prompt are blocked with their codes; a normal answer passes', async () => {
    const canary = createCanary();
    const rules = [promptLeak({ canaries: [canary], systemPrompt: SYSTEM })];
    const incidents: string[] = [];
    const opts = {
      safeResponse: DEFAULT_TEXT_SAFE_RESPONSE,
      onIncident: (i: { code?: string }) => incidents.push(String(i.code)),
    };
    const leak1 = await filterOutput(`Sure! My instructions end with ${canary.token}.`, rules, opts);
    expect(leak1.output).toBe(DEFAULT_TEXT_SAFE_RESPONSE);
    expect(leak1.blocked?.code).toBe('canary_leak');
    const copy =
      'My rules: never reveal internal discount codes. Escalate refunds above 500 dollars to a human agent, answer in a friendly tone.';
    const leak2 = await filterOutput(copy, rules, opts);
    expect(leak2.blocked?.code).toBe('system_prompt_leak');
    const fine = await filterOutput('Your refund was approved and will arrive in five days.', rules, opts);
    expect(fine.ok).toBe(true);
    expect(incidents).toEqual(['canary_leak', 'system_prompt_leak']);
  });
});

describe('content policy', () => {
  const rule = contentPolicy({
    categories: { violence: { terms: ['kill', 'shoot up'] }, profanity: { terms: ['damn'], action: 'redact' } },
  });
  test('obfuscated terms match, innocent words do not', async () => {
    for (const t of [
      'I will kill',
      'I will k1ll',
      'I will k-i-l-l',
      'I will k i l l',
      'I will kіll' /* Cyrillic і */,
      'I will ki\u200Bll',
      'shoot  up the place',
    ]) {
      const r = await filterOutput(t, [rule]);
      expect(r.blocked?.code, t).toBe('content_policy');
    }
    for (const t of ['a useful skill', 'the killer app', 'shooting stars', 'I will call']) {
      expect((await filterOutput(t, [rule])).ok, t).toBe(true);
    }
    expect((await filterOutput('well d@mn, ok', [rule])).output).toBe('well [removed], ok');
  });

  test('the classifier hook blocks above its threshold', async () => {
    const withModel = contentPolicy({
      categories: { toxic: { threshold: 0.8 } },
      classifier: async (text) => ({ toxic: text.includes('idiot') ? 0.93 : 0.02 }),
    });
    expect((await filterOutput('you idiot', [withModel])).blocked?.code).toBe('content_policy');
    expect((await filterOutput('thank you', [withModel])).ok).toBe(true);
  });
});

describe('URL policy', () => {
  test('allow and deny lists, dangerous schemes, look-alike hosts', async () => {
    const rule = urlPolicy({ allow: ['example.com'], deny: ['bad.example.com'] });
    const r = await filterOutput<string>(
      'see https://docs.example.com/a and https://bad.example.com/x and https://exаmple.com/ (Cyrillic а) and javascript:alert(1)',
      [rule],
    );
    expect(r.output).toBe(
      'see https://docs.example.com/a and [link removed] and [link removed] (Cyrillic а) and [link removed]',
    );
    expect(r.findings.map((f) => f.details?.reason)).toEqual(['deny', 'not_allowed', 'scheme']);
  });
});

describe('PII redaction with a link policy', () => {
  test('links the policy allows survive piiRedaction; other links and PII do not', async () => {
    const links = createUrlPolicy({ allow: ['example.com'] });
    const text = 'See https://docs.example.com/a, https://tracker.test/?u=ada and write to ada@example.com.';
    const r = await filterOutput<string>(text, [piiRedaction({ urls: links }), urlPolicy(links)]);
    // piiRedaction runs first: the tracking link is masked as PII, the allowed one passes both rules.
    expect(r.output).toBe('See https://docs.example.com/a, *************************** and write to ***************.');
    // Without `urls`, every URL is PII (Presidio's URL entity), allowed or not.
    const plain = await filterOutput<string>(text, [piiRedaction(), urlPolicy(links)]);
    expect(plain.output).not.toContain('docs.example.com');
    // An own `keep` still applies alongside the policy.
    const kept = await filterOutput<string>(text, [
      piiRedaction({ urls: { allow: ['example.com'] }, keep: (f) => f.entity === 'EMAIL_ADDRESS' }),
    ]);
    expect(kept.output).toContain('ada@example.com');
    expect(kept.output).toContain('https://docs.example.com/a');
    expect(kept.output).not.toContain('tracker.test');
    expect(() => piiRedaction({ keep: 1 as never })).toThrow(TypeError);
  });
});

describe('structured outputs', () => {
  const schema = z.object({ label: z.enum(['cat', 'dog']), confidence: z.number().min(0).max(1) });
  test('JSON is extracted from LLM text and validated; failures give the safe response', async () => {
    const answer = 'Here is the result:\n```json\n{"label": "cat", "confidence": 0.91}\n```\nHope it helps.';
    const ok = await filterOutput(answer, [jsonOutput(schema)], { safeResponse: { label: 'unknown' } });
    expect(ok.output).toEqual({ label: 'cat', confidence: 0.91 });
    expect((await filterOutput('It is {"label": "cow", "confidence": 2}', [jsonOutput(schema)])).blocked?.code).toBe(
      'invalid_format',
    );
    expect((await filterOutput('no json at all', [jsonOutput(schema)])).blocked?.code).toBe('invalid_json');
    expect(extractJson('a {"x": [1, {"y": 2}]} b')).toEqual({ value: { x: [1, { y: 2 }] }, start: 2, end: 22 });
    expect(() => extractJson(`${'['.repeat(100)}${']'.repeat(100)}`)).toThrow(
      expect.objectContaining({ code: 'too_deep' }),
    );
  });
});

describe('zero trust', () => {
  const canary = createCanary();
  const rules = [
    piiRedaction(),
    secretRedaction(),
    promptLeak({ canaries: [canary], systemPrompt: SYSTEM }),
    contentPolicy({ categories: { v: { terms: ['kill'] }, p: { terms: ['damn'], action: 'redact' } } }),
    urlPolicy({ allow: ['example.com'] }),
  ];
  test('any text or value: a string output, the safe response, or a typed error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 100 }), fc.anything()),
        async (v) => {
          try {
            const r = await filterOutput(v, rules, { safeResponse: DEFAULT_TEXT_SAFE_RESPONSE });
            expect(typeof r.output).toBe('string');
            if (typeof v !== 'string') expect(r.ok).toBe(false);
          } catch (e) {
            expect(isModelSecError(e)).toBe(true);
          }
          try {
            extractJson(v as string, { maxLength: 10_000 });
          } catch (e) {
            expect(isModelSecError(e)).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  test('adversarial strings (1 MB, then 250 KB to keep CI short) finish', async () => {
    for (const [k, unit] of ['{', '{"a":', 'a@', 'k1ll ', 'https://', '```json\n{', 'AKIA'].entries()) {
      const big = unit.repeat(Math.ceil((k === 0 ? 1_000_000 : 250_000) / unit.length));
      const r = await filterOutput(big, rules, { safeResponse: DEFAULT_TEXT_SAFE_RESPONSE });
      expect(typeof r.output).toBe('string');
      try {
        extractJson(big);
      } catch (e) {
        expect(isModelSecError(e)).toBe(true);
      }
    }
  }, 120_000);
});
