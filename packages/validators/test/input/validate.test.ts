/**
 * validateInput / validateInputSync / checkInput: sanitized values, typed errors, the onSuspicious hook,
 * zod schemas through Standard Schema, and composition with any core Rule.
 */
import { ConfigError, defineRule, type Finding, SecurityError, ValidationError } from '@modelsec/core';
import {
  checkInput,
  featureRanges,
  finiteValues,
  schemaRule,
  tensorShape,
  validateInput,
  validateInputSync,
} from '@modelsec/validators';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';

const alwaysAdversarial = defineRule({
  name: 'alwaysAdversarial',
  check: () => ({
    findings: [
      {
        rule: 'alwaysAdversarial',
        severity: 'high',
        message: 'looks adversarial',
        code: 'adversarial_input',
        action: 'block',
      },
    ],
  }),
});

describe('validateInput', () => {
  const rules = [tensorShape({ shape: [null, 3] }), finiteValues(), featureRanges({ min: 0, max: 1, action: 'clip' })];

  test('returns the sanitized value and the findings', async () => {
    const { value, findings } = await validateInput<number[][]>([[0.5, 2, -1]], rules);
    expect(value).toEqual([[0.5, 1, 0]]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'featureRanges', action: 'modify', code: 'out_of_range' });
  });

  test('throws the typed error of the first blocking finding', async () => {
    await expect(validateInput([[1, 2]], rules)).rejects.toSatisfy(
      (e) => ValidationError.isInstance(e) && (e as ValidationError).code === 'invalid_shape',
    );
    await expect(validateInput([[Number.NaN, 0, 0]], rules)).rejects.toMatchObject({ code: 'non_finite' });
    const strict = [featureRanges({ min: 0, max: 1 })];
    await expect(validateInput([0.5, 7], strict)).rejects.toMatchObject({
      code: 'out_of_range',
      name: 'ValidationError',
    });
    await expect(validateInput([0.5], [alwaysAdversarial])).rejects.toSatisfy(
      (e) => SecurityError.isInstance(e) && (e as SecurityError).code === 'adversarial_input',
    );
  });

  test('onSuspicious sees flags, modifications and blocks, with the very error that is thrown', async () => {
    const seen: { findings: readonly Finding[]; blocked: boolean; error?: unknown }[] = [];
    const onSuspicious = (findings: readonly Finding[], info: { blocked: boolean; error?: unknown }) => {
      seen.push({ findings, ...info });
    };
    await validateInput([[0.1, 0.2, 0.3]], rules, { onSuspicious });
    expect(seen).toHaveLength(0); // clean input: no call
    await validateInput([[0.1, 0.2, 3]], rules, { onSuspicious });
    expect(seen[0]).toMatchObject({ blocked: false });
    const thrown = await validateInput([0.5], [alwaysAdversarial], { onSuspicious }).catch((e: unknown) => e);
    expect(seen[1]?.blocked).toBe(true);
    expect(seen[1]?.error).toBe(thrown);
    // Findings carry no input values.
    expect(JSON.stringify(seen)).not.toContain('0.3');
  });

  test('collectAll reports every problem', async () => {
    const all = [featureRanges({ min: 0, max: 1 }), tensorShape({ shape: [5] })];
    const v = await checkInput([7, 8], all, { collectAll: true });
    expect(v.ok).toBe(false);
    expect(v.findings.map((f) => f.code)).toEqual(['out_of_range', 'invalid_shape']);
  });

  test('checkInput never throws for bad input; misuse still throws', async () => {
    const v = await checkInput('not a tensor', rules);
    expect(v).toMatchObject({ ok: false, findings: [{ code: 'invalid_format', action: 'block' }] });
    await expect(checkInput([1], 'rules' as never)).rejects.toThrow(TypeError);
    await expect(checkInput([1], rules, { onSuspicious: 1 as never })).rejects.toThrow(TypeError);
    // A bug in a rule is not a verdict: it propagates.
    const buggy = defineRule({
      name: 'buggy',
      check: () => {
        throw new Error('bug');
      },
    });
    await expect(checkInput([1], [buggy])).rejects.toThrow('bug');
  });

  test('validateInputSync for synchronous rules; async rules are a ConfigError', async () => {
    expect(validateInputSync([[0.2, 0.4, 9]], rules).value).toEqual([[0.2, 0.4, 1]]);
    expect(() => validateInputSync([[1]], rules)).toThrow(ValidationError);
    const asyncRule = defineRule({ name: 'async', check: async () => undefined });
    expect(() => validateInputSync([1], [asyncRule])).toThrow(ConfigError);
  });

  test('abort signal stops between rules', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(validateInput([1], rules, { signal: controller.signal })).rejects.toThrow();
  });
});

describe('schemaRule with zod 4 (Standard Schema)', () => {
  const Body = z.object({
    age: z.number().int().min(0).max(120),
    country: z.enum(['FR', 'DE']),
    features: z.array(z.number()).length(3),
  });

  test('parses (zod output becomes the value) and blocks with invalid_format', async () => {
    const { value } = await validateInput({ age: 30, country: 'FR', features: [1, 2, 3], extra: 'dropped' }, [
      schemaRule(Body),
    ]);
    expect(value).toEqual({ age: 30, country: 'FR', features: [1, 2, 3] });
    const error = await validateInput({ age: 300, country: 'secret-value-123', features: [1] }, [
      schemaRule(Body),
    ]).catch((e: unknown) => e as ValidationError);
    expect(error).toMatchObject({ code: 'invalid_format', name: 'ValidationError' });
    const details = (error as ValidationError).details as { rule: string };
    expect(details.rule).toBe('schema');
    expect(JSON.stringify(error)).not.toContain('secret-value-123');
  });

  test('issue paths and codes reach the finding, messages do not', async () => {
    const v = await checkInput({ age: 300, country: 'FR', features: [1, 2, 3] }, [schemaRule(Body)]);
    expect(v.findings[0]?.details).toEqual({ issues: [{ path: ['age'], code: 'too_big' }], count: 1 });
  });

  test('async schemas and schema transforms compose with tensor rules', async () => {
    const Pixels = z.array(z.number()).transform(async (xs) => xs.map((x) => x / 255));
    const { value } = await validateInput(
      [0, 255, 510],
      [schemaRule(Pixels), featureRanges({ min: 0, max: 1, action: 'clip' })],
    );
    expect(value).toEqual([0, 1, 1]);
  });

  test('rejects things that are not schemas', () => {
    expect(() => schemaRule({} as never)).toThrow(TypeError);
    expect(() => schemaRule(z.string() as never)).not.toThrow();
  });
});
