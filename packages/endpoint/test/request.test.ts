import { isModelSecError, ValidationError } from '@modelsec/core';
import { jsonDepth, parseJson, validateRequest } from '@modelsec/endpoint';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';

const post = (body: BodyInit | null, type = 'application/json', extra: Record<string, string> = {}) =>
  new Request('https://api.test/predict', { method: 'POST', body, headers: { 'content-type': type, ...extra } });

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    expect(isModelSecError(e)).toBe(true);
    return (e as ValidationError).code;
  }
}

const schema = z.object({ pixels: z.array(z.number().min(0).max(1)).length(4), topK: z.number().int().optional() });

describe('validateRequest', () => {
  test('parses JSON and applies a zod schema (Standard Schema)', async () => {
    const input = await validateRequest(post(JSON.stringify({ pixels: [0, 0.5, 1, 0.25] })), { schema });
    expect(input).toEqual({ pixels: [0, 0.5, 1, 0.25] });
  });

  test('schema failures report paths, never values', async () => {
    const secret = 'sk_live_abcdefghijklmnop';
    const e = await validateRequest(post(JSON.stringify({ pixels: [0, 2, secret, 0], [secret]: 1 })), { schema }).catch(
      (x) => x,
    );
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.code).toBe('invalid_value');
    expect(e.details.paths).toEqual(expect.arrayContaining(['pixels.1', 'pixels.2']));
    expect(JSON.stringify(e) + e.message).not.toContain(secret);
  });

  test('size limit on Content-Length and on the streamed body', async () => {
    expect(await codeOf(validateRequest(post('x'.repeat(101)), { maxBytes: 100 }))).toBe('too_large');
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(64 * 1024)); // never ends: the reader must stop at the limit
      },
    });
    const req = new Request('https://api.test/', {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(await codeOf(validateRequest(req, { maxBytes: 1_000_000 }))).toBe('too_large');
    // A declared length above the limit is refused unread (browsers drop a script-set Content-Length).
    const declared = post('{}', 'application/json', { 'content-length': '99999999999999999999' });
    if (declared.headers.has('content-length')) expect(await codeOf(validateRequest(declared))).toBe('too_large');
  });

  test('content types', async () => {
    expect(await codeOf(validateRequest(post('{}', 'text/plain')))).toBe('unsupported_format');
    expect(await codeOf(validateRequest(new Request('https://api.test/', { method: 'POST', body: '{}' })))).toBe(
      'unsupported_format',
    );
    expect(await validateRequest(post('{"a":1}', 'Application/JSON; charset=utf-8'))).toEqual({ a: 1 });
    const bytes = await validateRequest(post(new Uint8Array([1, 2, 3]), 'application/octet-stream'), {
      contentTypes: ['application/octet-stream'],
    });
    expect(bytes).toEqual(new Uint8Array([1, 2, 3]));
    expect(await validateRequest(new Request('https://api.test/'))).toBeUndefined();
  });

  test('JSON depth, encoding and syntax', async () => {
    expect(await codeOf(validateRequest(post(`${'['.repeat(33)}${']'.repeat(33)}`)))).toBe('too_deep');
    expect(await validateRequest(post(`${'['.repeat(32)}${']'.repeat(32)}`))).toBeDefined();
    expect(await codeOf(validateRequest(post('{"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}')))).toBe('ok');
    expect(await codeOf(validateRequest(post(new Uint8Array([0x7b, 0xff, 0x7d]))))).toBe('invalid_encoding');
    expect(await codeOf(validateRequest(post('{"a":')))).toBe('invalid_json');
    expect(await codeOf(validateRequest(post('  ')))).toBe('empty_input');
  });

  test('adversarial megabyte bodies are handled in linear time', async () => {
    const deep = '['.repeat(1_000_000);
    expect(await codeOf(validateRequest(post(deep), { maxBytes: 2_000_000 }))).toBe('too_deep');
    const strings = `[${'"\\\\",'.repeat(200_000)}1]`;
    expect(await codeOf(validateRequest(post(strings), { maxBytes: 2_000_000 }))).toBe('ok');
    expect(jsonDepth('"\\"[[[["')).toBe(0);
  });

  test('property: arbitrary bodies give a typed ValidationError or a value, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc.json().map((s) => new TextEncoder().encode(s)),
          fc.string().map((s) => new TextEncoder().encode(s)),
        ),
        async (bytes) => {
          const c = await codeOf(validateRequest(post(bytes), { maxDepth: 4, maxBytes: 200, schema: z.unknown() }));
          expect(['ok', 'too_large', 'invalid_encoding', 'invalid_json', 'too_deep', 'empty_input']).toContain(c);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('parseJson and bad options', async () => {
    expect(parseJson(new TextEncoder().encode('{"a":[1,{"b":2}]}'), 3)).toEqual({ a: [1, { b: 2 }] });
    expect(() => parseJson(new TextEncoder().encode('[[[1]]]'), 2)).toThrow(ValidationError);
    await expect(validateRequest(post('{}'), { maxBytes: -1 })).rejects.toThrow(RangeError);
  });
});
