/**
 * `createPiiStreamRedactorAsync` (src/text/pii/stream-async.ts): with the tiny ONNX NER model run by
 * onnxruntime-web (each token's label depends on that token only, so a scan of any window that holds the
 * whole entity finds what a scan of the whole text finds), the streamed output equals batch redaction
 * with `detectPIIAsync`, however the text is chunked; without a model it equals `createPiiStreamRedactor`;
 * calls queue; a failing model breaks the stream for good; arguments are checked.
 */
import { isModelSecError } from '@modelsec/core';
import {
  createPiiStreamRedactor,
  createPiiStreamRedactorAsync,
  createPiiVault,
  detectPIIAsync,
  type NerModel,
  redactPII,
  tokenClassifierNer,
} from '@modelsec/validators';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { NER_LABELS, nerClassifier, tokenizeNer } from './ner-model-support';
import { chunks, filler } from './stream-support';

describe('createPiiStreamRedactorAsync', () => {
  let ner: NerModel;
  beforeAll(async () => {
    const model = await nerClassifier();
    ner = tokenClassifierNer({ labels: NER_LABELS, tokenize: tokenizeNer, classify: model.classify });
  });
  // Entities of the model ("Acme": ORGANIZATION only from it), of the recognizers (e-mail, phone), far
  // apart and close together, so that cuts fall between and next to them.
  const sentence = (k: number) =>
    `${filler(40 + ((k * 97) % 700))} Ada Lovelace met Grace Hopper in New York, and works at Acme. Mail ada${k}@example.com or call +1 415-555-01${10 + k}.`;
  const text = Array.from({ length: 8 }, (_, k) => sentence(k)).join('\n');

  test('equals batch redaction with the model, however the text is chunked', async () => {
    const batch = await detectPIIAsync(text, { ner });
    expect(batch.some((f) => f.recognizer === 'ner' && f.entity === 'ORGANIZATION')).toBe(true);
    const expected = redactPII(text, { findings: batch }).text;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 40 }), async (cuts) => {
        const r = createPiiStreamRedactorAsync({ ner });
        let out = '';
        for (const c of chunks(text, cuts)) out += await r.push(c);
        out += await r.flush();
        expect(out).toBe(expected);
        expect(r.findings.map((f) => [f.entity, f.start, f.end])).toEqual(batch.map((f) => [f.entity, f.start, f.end]));
      }),
      { numRuns: 25 },
    );
  });

  test('placeholders number values as batch redaction does', async () => {
    const vault = createPiiVault();
    const expected = redactPII(text, { mode: 'placeholder', vault, findings: await detectPIIAsync(text, { ner }) });
    const r = createPiiStreamRedactorAsync({ ner, mode: 'placeholder' });
    let out = '';
    for (const c of chunks(text, [5, 300, 301, 2000, 2900])) out += await r.push(c);
    out += await r.flush();
    expect(out).toBe(expected.text);
    expect(out).toContain('<ORGANIZATION_1>');
  });

  test('without a model it emits what createPiiStreamRedactor emits', async () => {
    const sync = createPiiStreamRedactor();
    const async_ = createPiiStreamRedactorAsync();
    let a = '';
    let b = '';
    for (const c of chunks(text, [17, 700, 701, 3000])) {
      a += sync.push(c);
      b += await async_.push(c);
    }
    a += sync.flush();
    b += await async_.flush();
    expect(b).toBe(a);
  });

  test('calls queue: pushes not awaited come out in order', async () => {
    // The model alone and a short holdback: nearly every push scans, while the previous scan still waits
    // for the model.
    const options = { ner, recognizers: [], nerHoldback: 64 };
    const r = createPiiStreamRedactorAsync(options);
    const pieces = chunks(
      text,
      Array.from({ length: 60 }, (_, k) => k * 65),
    );
    const pending = pieces.map((c) => r.push(c));
    pending.push(r.flush());
    const outs = await Promise.all(pending);
    expect(outs.filter((o) => o !== '').length).toBeGreaterThan(20);
    const batch = await detectPIIAsync(text, options);
    expect(outs.join('')).toBe(redactPII(text, { findings: batch }).text);
  });

  test('a failing model rejects that call and every later one; nothing after it is emitted', async () => {
    let calls = 0;
    const flaky: NerModel = async (t) => {
      calls++;
      if (calls === 2) throw new Error('model down');
      return ner(t);
    };
    const r = createPiiStreamRedactorAsync({ ner: flaky, nerHoldback: 0, recognizers: [] });
    const long = `${filler(6000)} Ada Lovelace`;
    await r.push(long.slice(0, 5000));
    await expect(r.push(long.slice(5000))).rejects.toThrow('model down');
    await expect(r.push('more')).rejects.toThrow('model down');
    await expect(r.flush()).rejects.toThrow('model down');
  });

  test('arguments: a typed error, never the text', async () => {
    expect(() => createPiiStreamRedactorAsync({ nerHoldback: -1 })).toThrow(RangeError);
    expect(() => createPiiStreamRedactorAsync('x' as never)).toThrow(TypeError);
    const r = createPiiStreamRedactorAsync({ ner });
    const error = await r.push(42 as never).catch((e: unknown) => e);
    expect(isModelSecError(error)).toBe(true);
    // A bad chunk does not break the stream.
    expect(await r.push('hello ')).toBe('');
    expect(await r.flush()).toBe('hello ');
    const bad = createPiiStreamRedactorAsync({ ner: (() => 'not an array') as never });
    const e2 = await bad.flush().catch((e: unknown) => e);
    expect(isModelSecError(e2)).toBe(true);
  });
});
