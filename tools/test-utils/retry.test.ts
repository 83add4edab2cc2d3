import { describe, expect, test } from 'vitest';
import { settleWithin } from './retry';

describe('settleWithin', () => {
  test('a stalled attempt is abandoned (its signal aborted) and the step tried again', async () => {
    const signals: AbortSignal[] = [];
    const r = await settleWithin(
      (signal) => {
        signals.push(signal);
        return signals.length === 1 ? new Promise<string>(() => {}) : Promise.resolve('ok');
      },
      { ms: 20, attempts: 3, what: 'step' },
    );
    expect(r).toBe('ok');
    expect(signals.map((s) => s.aborted)).toEqual([true, false]);
  });

  test('gives up after the last stalled attempt', async () => {
    let calls = 0;
    const never = () => {
      calls++;
      return new Promise<never>(() => {});
    };
    await expect(settleWithin(never, { ms: 10, attempts: 2, what: 'step' })).rejects.toThrow(
      'step: no answer after 2 attempts of 10 ms',
    );
    expect(calls).toBe(2);
  });

  test('a failing step is not retried', async () => {
    let calls = 0;
    const failing = () => {
      calls++;
      return Promise.reject(new Error('HTTP 404'));
    };
    await expect(settleWithin(failing, { ms: 1000, attempts: 3, what: 'step' })).rejects.toThrow('HTTP 404');
    expect(calls).toBe(1);
  });
});
