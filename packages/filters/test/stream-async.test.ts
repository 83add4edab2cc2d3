// createTextFilterAsync (src/text/stream-async.ts): the text filter with a real NER model (the validators'
// tiny ONNX token classifier, run by onnxruntime-web in Node and Chromium). Each token's label depends on
// that token only, so a scan of any window that holds the whole entity finds what a scan of the whole
// answer finds: the streamed output equals the whole-answer output however the answer is chunked, and
// the PII it redacts is what detectPIIAsync finds. Without a model it emits what createTextFilter emits.
import { isModelSecError } from '@modelsec/core';
import {
  createTextFilter,
  createTextFilterAsync,
  DEFAULT_TEXT_SAFE_RESPONSE,
  type TextFilterAsync,
} from '@modelsec/filters';
import { createCanary, detectPIIAsync, type NerModel, redactPII, tokenClassifierNer } from '@modelsec/validators';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
// The validators' test model: one implementation, reused.
import { NER_LABELS, nerClassifier, tokenizeNer } from '../../validators/test/text/ner-model-support';
import { chunks, filler } from '../../validators/test/text/stream-support';

/** Feed `pieces` to a new session, each push awaited; everything emitted and the session. */
async function streamed(filter: TextFilterAsync, pieces: readonly string[]) {
  const s = filter.session();
  let out = '';
  for (const c of pieces) out += await s.push(c);
  out += await s.flush();
  return { out, session: s };
}

const sentence = (k: number) =>
  `${filler(40 + ((k * 97) % 700))} Ada Lovelace met Grace Hopper in New York, and works at Acme. Mail ada${k}@example.com or call +1 415-555-01${10 + k}.`;
const TEXT = Array.from({ length: 6 }, (_, k) => sentence(k)).join('\n');
const SECRET = 'ghp_1234567890abcdefghijABCDEFGHIJ123456';

describe('createTextFilterAsync', () => {
  let ner: NerModel;
  let calls: number[];
  beforeAll(async () => {
    const model = await nerClassifier();
    calls = model.windows;
    ner = tokenClassifierNer({ labels: NER_LABELS, tokenize: tokenizeNer, classify: model.classify });
  });

  test('a whole answer: the PII detectPIIAsync finds with the model is masked, ORGANIZATION included', async () => {
    const found = await detectPIIAsync(TEXT, { ner });
    expect(found.some((f) => f.recognizer === 'ner' && f.entity === 'ORGANIZATION')).toBe(true);
    const result = await createTextFilterAsync({ pii: { ner } }).filter(TEXT);
    expect(result.text).toBe(redactPII(TEXT, { findings: found }).text);
    expect(result.text).not.toContain('Acme');
    expect(result.findings.map((f) => [f.details?.entity, f.span?.start, f.span?.end])).toEqual(
      found.map((f) => [f.entity, f.start, f.end]),
    );
    expect(result.findings.filter((f) => f.details?.recognizer === 'ner').length).toBeGreaterThan(0);
    // The synchronous filter (no model) leaves the organization alone.
    expect(createTextFilter({ pii: true }).filter(TEXT).text).toContain('Acme');
  });

  test('streamed: equals the whole answer however it is chunked, with a model run per scan', async () => {
    const filter = createTextFilterAsync({ pii: { ner }, secrets: true, scanInterval: 1 });
    const answer = `${TEXT}\nYour token: ${SECRET} - keep it.`;
    const whole = await filter.filter(answer);
    expect(whole.text).toContain('<SECRET:');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 30 }), async (cuts) => {
        const before = calls.length;
        const { out, session } = await streamed(filter, chunks(answer, cuts));
        expect(out).toBe(whole.text);
        expect(session.findings.map((f) => [f.rule, f.span?.start, f.span?.end])).toEqual(
          whole.findings.map((f) => [f.rule, f.span?.start, f.span?.end]),
        );
        expect(calls.length).toBeGreaterThan(before);
      }),
      { numRuns: 20 },
    );
  });

  test('nothing is emitted until nerHoldback units follow it', async () => {
    // The model alone (no recognizers), so the model's holdback is the only one.
    for (const nerHoldback of [0, 64, 300]) {
      const s = createTextFilterAsync({ pii: { ner, recognizers: [], nerHoldback }, scanInterval: 1 }).session();
      let emitted = 0;
      let received = 0;
      for (const c of chunks(TEXT, [100, 150, 700, 701, 1500, 2600])) {
        received += c.length;
        emitted += (await s.push(c)).length;
        // Masking keeps lengths: the emitted units are the first `emitted` units of the answer.
        expect(emitted).toBeLessThanOrEqual(Math.max(0, received - nerHoldback));
      }
      expect(emitted).toBeGreaterThan(0);
      emitted += (await s.flush()).length;
      expect(emitted).toBe(TEXT.length);
    }
  });

  test('without a model it emits what createTextFilter emits', async () => {
    const canary = createCanary();
    const options = { pii: true, secrets: true, canaries: [canary], urls: { allow: ['example.com'] } } as const;
    const sync = createTextFilter(options);
    const async_ = createTextFilterAsync(options);
    const answer = `${TEXT}\nSee https://evil.test/x and https://example.com/ok, token ${SECRET}.`;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 20 }), async (cuts) => {
        const pieces = chunks(answer, cuts);
        const s = sync.session();
        let a = '';
        for (const c of pieces) a += s.push(c);
        a += s.flush();
        const { out, session } = await streamed(async_, pieces);
        expect(out).toBe(a);
        expect(session.findings).toEqual(s.findings);
      }),
      { numRuns: 15 },
    );
    // A leaked canary blocks before any of it is emitted, as in the synchronous filter.
    const leaked = `Sure. ${canary.token} is the secret.`;
    const blocked = await async_.filter(leaked);
    expect(blocked.blocked?.code).toBe('canary_leak');
    expect(blocked.text).toBe(sync.filter(leaked).text);
  });

  test('a canary leak blocks an answer with a model too: nothing of the canary, then the safe response', async () => {
    const canary = createCanary();
    const filter = createTextFilterAsync({ pii: { ner }, canaries: [canary] });
    const leaked = `${TEXT} and ${canary.token} too`;
    for (const cuts of [[], [10, 2000], [leaked.indexOf(canary.token) + 5]]) {
      const { out, session } = await streamed(filter, chunks(leaked, cuts));
      expect(out).not.toContain(canary.token.slice(0, 12));
      expect(out.endsWith(DEFAULT_TEXT_SAFE_RESPONSE)).toBe(true);
      expect(session.blocked?.code).toBe('canary_leak');
    }
  });

  test('stream(): a TransformStream in order; onBlock "error" errors it with a SecurityError', async () => {
    const filter = createTextFilterAsync({ pii: { ner }, scanInterval: 1 });
    const pieces = chunks(TEXT, [3, 400, 401, 1999, 2500]);
    const read = async (f: TextFilterAsync, parts: readonly string[]) => {
      const source = new ReadableStream<string>({
        start(controller) {
          for (const p of parts) controller.enqueue(p);
          controller.close();
        },
      });
      let out = '';
      const reader = source.pipeThrough(f.stream()).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return out;
        out += value;
      }
    };
    expect(await read(filter, pieces)).toBe((await filter.filter(TEXT)).text);
    const strict = createTextFilterAsync({ pii: { ner }, secrets: { action: 'block' }, onBlock: 'error' });
    const error = await read(strict, [`${TEXT} `, SECRET, ' more']).catch((e: unknown) => e);
    expect(isModelSecError(error)).toBe(true);
    expect((error as { code?: string }).code).toBe('secret_detected');
  });

  test('calls queue: pushes not awaited come out in order', async () => {
    const filter = createTextFilterAsync({ pii: { ner, recognizers: [], nerHoldback: 64 }, scanInterval: 1 });
    const s = filter.session();
    const pieces = chunks(
      TEXT,
      Array.from({ length: 60 }, (_, k) => k * 65),
    );
    const pending = pieces.map((c) => s.push(c));
    pending.push(s.flush());
    const outs = await Promise.all(pending);
    expect(outs.filter((o) => o !== '').length).toBeGreaterThan(20);
    expect(outs.join('')).toBe((await filter.filter(TEXT)).text);
  });

  test('a failing model rejects that call and every later one; nothing after it is emitted', async () => {
    let n = 0;
    const flaky: NerModel = async (t) => {
      n++;
      if (n === 2) throw new Error('model down');
      return ner(t);
    };
    const s = createTextFilterAsync({ pii: { ner: flaky, recognizers: [], nerHoldback: 0 } }).session();
    const long = `${filler(3000)} Ada Lovelace`;
    expect(await s.push(long.slice(0, 2000))).not.toBe('');
    await expect(s.push(long.slice(2000))).rejects.toThrow('model down');
    await expect(s.push('more')).rejects.toThrow('model down');
    await expect(s.flush()).rejects.toThrow('model down');
    // The stream form errors.
    n = 0;
    const reader = new ReadableStream<string>({
      start(c) {
        c.enqueue(long.slice(0, 2000));
        c.enqueue(long.slice(2000));
        c.close();
      },
    })
      .pipeThrough(createTextFilterAsync({ pii: { ner: flaky, recognizers: [], nerHoldback: 0 } }).stream())
      .getReader();
    const read = async () => {
      for (;;) if ((await reader.read()).done) return;
    };
    await expect(read()).rejects.toThrow('model down');
  });

  test('arguments: typed errors, never the text; createTextFilter refuses a model', async () => {
    expect(() => createTextFilter({ pii: { ner } as never })).toThrow(TypeError);
    expect(() => createTextFilterAsync({ pii: { ner, nerHoldback: -1 } })).toThrow(RangeError);
    expect(() => createTextFilterAsync({ pii: { ner, nerHoldback: 4096 }, maxHoldback: 4096 })).toThrow(RangeError);
    expect(() => createTextFilterAsync({ pii: { ner: 'model' as never } })).toThrow(TypeError);
    expect(() => createTextFilterAsync({ pii: { ner, labels: 5 as never } })).toThrow(TypeError);
    expect(() => createTextFilterAsync('x' as never)).toThrow(TypeError);
    const s = createTextFilterAsync({ pii: { ner } }).session();
    const error = await s.push(42 as never).catch((e: unknown) => e);
    expect(isModelSecError(error)).toBe(true);
    // A bad chunk does not break the answer.
    expect(await s.push('hello ')).toBe('');
    expect(await s.flush()).toBe('hello ');
    const bad = createTextFilterAsync({ pii: { ner: (() => 'not an array') as never } });
    const e2 = await bad.filter('Ada').catch((e: unknown) => e);
    expect(isModelSecError(e2)).toBe(true);
    await expect(createTextFilterAsync().filter(7 as never)).rejects.toThrow(TypeError);
  });

  test('property: arbitrary options give a filter or a typed error, never a crash', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (pii, rest) => {
        try {
          createTextFilterAsync({ ...(typeof rest === 'object' && rest !== null ? rest : {}), pii } as never);
        } catch (e) {
          expect(isModelSecError(e)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
