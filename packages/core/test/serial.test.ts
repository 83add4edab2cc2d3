// createSerialQueue (src/rules/serial.ts): steps run one at a time in call order, whatever their own
// durations; a failure rejects that step and every later one, which then never run.
import { createSerialQueue } from '@modelsec/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('createSerialQueue', () => {
  test('steps run one at a time, in call order, and resolve to their values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 12 }), async (delays) => {
        const enqueue = createSerialQueue();
        const log: string[] = [];
        let running = 0;
        const results = delays.map((d, i) =>
          enqueue(async () => {
            running++;
            expect(running).toBe(1);
            log.push(`start ${i}`);
            await sleep(d);
            log.push(`end ${i}`);
            running--;
            return i * 10;
          }),
        );
        expect(await Promise.all(results)).toEqual(delays.map((_, i) => i * 10));
        expect(log).toEqual(delays.flatMap((_, i) => [`start ${i}`, `end ${i}`]));
      }),
      { numRuns: 20 },
    );
  });

  test('fails closed: the failing step and every later one reject with its error; later steps never run', async () => {
    const enqueue = createSerialQueue();
    const ran: number[] = [];
    const boom = new Error('model down');
    const a = enqueue(() => {
      ran.push(1);
      return 'a';
    });
    const b = enqueue(async () => {
      ran.push(2);
      throw boom;
    });
    const c = enqueue(() => {
      ran.push(3);
      return 'c';
    });
    expect(await a).toBe('a');
    await expect(b).rejects.toBe(boom);
    await expect(c).rejects.toBe(boom);
    await expect(enqueue(() => ran.push(4))).rejects.toBe(boom);
    expect(ran).toEqual([1, 2]);
  });

  test('a synchronous throw is a rejection, not a throw from enqueue', async () => {
    const enqueue = createSerialQueue();
    const p = enqueue(() => {
      throw new TypeError('bad');
    });
    expect(p).toBeInstanceOf(Promise);
    await expect(p).rejects.toThrow(TypeError);
  });
});
