import {
  callbackSink,
  consoleJsonSink,
  createSecurityMonitor,
  type SecurityAlert,
  webhookSink,
} from '@modelsec/monitor';
import { describe, expect, test } from 'vitest';

describe('createSecurityMonitor', () => {
  test('count rule per principal with window and cool-down', async () => {
    let clock = 0;
    const seen: SecurityAlert[] = [];
    const lines: string[] = [];
    const monitor = createSecurityMonitor({
      rules: [
        {
          name: 'brute-force',
          event: 'auth_failure',
          windowMs: 60_000,
          threshold: 3,
          cooldownMs: 120_000,
          severity: 'critical',
        },
      ],
      sinks: [callbackSink((a) => void seen.push(a)), consoleJsonSink({ write: (l) => lines.push(l) })],
      now: () => clock,
    });
    for (let i = 0; i < 2; i++) expect(await monitor.record({ type: 'auth_failure', principal: 'ip-1' })).toEqual([]);
    await monitor.record({ type: 'auth_failure', principal: 'ip-2' });
    clock = 1000;
    const fired = await monitor.record({ type: 'auth_failure', principal: 'ip-1' });
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({
      rule: 'brute-force',
      severity: 'critical',
      principal: 'ip-1',
      count: 3,
      value: 3,
    });
    expect(seen).toEqual(fired);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      type: 'modelsec.alert',
      rule: 'brute-force',
      principal: 'ip-1',
    });
    // cool-down: more failures within 120 s do not alert again
    clock = 2000;
    expect(await monitor.record({ type: 'auth_failure', principal: 'ip-1' })).toEqual([]);
    // the window slides: at t = 61.5 s only the events after 1.5 s remain
    clock = 61_500;
    expect(monitor.count('brute-force', { principal: 'ip-1' }).count).toBe(1);
    clock = 130_000;
    for (let i = 0; i < 2; i++) await monitor.record({ type: 'auth_failure', principal: 'ip-1' });
    expect(await monitor.record({ type: 'auth_failure', principal: 'ip-1' })).toHaveLength(1);
  });

  test('ratio rule per model runs action hooks; hook and sink failures go to onError', async () => {
    let clock = 0;
    const rollbacks: string[] = [];
    const errors: string[] = [];
    const monitor = createSecurityMonitor({
      rules: [
        {
          name: 'error-rate',
          event: 'error',
          per: 'request',
          by: 'model',
          windowMs: 10_000,
          threshold: 0.25,
          minEvents: 20,
          actions: ['rollback', 'page'],
        },
      ],
      sinks: [{ name: 'broken', send: () => Promise.reject(new Error('down')) }],
      actions: {
        rollback: (a) => void rollbacks.push(a.model ?? ''),
        page: () => {
          throw new Error('pager down');
        },
      },
      onError: (_e, where) => errors.push(where),
      now: () => clock,
    });
    let alerts: SecurityAlert[] = [];
    for (let i = 0; i < 40; i++) {
      clock += 10;
      alerts = alerts.concat(await monitor.record({ type: 'request', model: 'v2' }));
      if (i % 3 === 0) alerts = alerts.concat(await monitor.record({ type: 'error', model: 'v2' }));
      alerts = alerts.concat(await monitor.record({ type: 'request', model: 'v1' }));
    }
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ rule: 'error-rate', model: 'v2', denominator: 20 });
    expect(alerts[0]?.value).toBeCloseTo(7 / 20);
    expect(rollbacks).toEqual(['v2']);
    expect(errors).toEqual(['sink:broken', 'action:page']);
  });

  test('misconfiguration and bad events are typed errors', () => {
    expect(() => createSecurityMonitor({ rules: [] })).toThrow(TypeError);
    expect(() => createSecurityMonitor({ rules: [{ name: 'x', event: 'error', windowMs: 0, threshold: 1 }] })).toThrow(
      RangeError,
    );
    expect(() =>
      createSecurityMonitor({ rules: [{ name: 'x', event: 'error', windowMs: 1, threshold: 1, actions: ['nope'] }] }),
    ).toThrow(/without a hook/);
    expect(() => webhookSink({ url: 'ftp://x' })).toThrow(RangeError);
    const m = createSecurityMonitor({ rules: [{ name: 'x', event: 'error', windowMs: 1, threshold: 1 }] });
    return Promise.all([
      expect(m.record({ type: '' })).rejects.toMatchObject({ code: 'invalid_argument' }),
      expect(m.record({ type: 'error', principal: 'p'.repeat(10_000) })).rejects.toMatchObject({
        code: 'invalid_argument',
      }),
      expect(m.record(null as never)).rejects.toThrow(TypeError),
    ]);
  });

  test('memory stays bounded under many principals', async () => {
    const m = createSecurityMonitor({
      rules: [{ name: 'x', event: 'request', windowMs: 1e9, threshold: 1e9 }],
      maxGroups: 100,
    });
    for (let i = 0; i < 5000; i++) await m.record({ type: 'request', principal: `p${i}` });
    expect(m.count('x', { principal: 'p0' }).count).toBe(0);
    expect(m.count('x', { principal: 'p4999' }).count).toBe(1);
  });
});
