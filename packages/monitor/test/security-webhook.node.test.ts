import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSecurityMonitor, webhookSink } from '@modelsec/monitor';
import { expect, test } from 'vitest';

test('webhook sink POSTs alerts as JSON to a real HTTP server (loopback)', async () => {
  const bodies: unknown[] = [];
  const heads: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      bodies.push(JSON.parse(body));
      heads.push(`${req.method} ${req.headers['content-type']} ${req.headers.authorization}`);
      res.statusCode = req.url === '/fail' ? 500 : 204;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const errors: unknown[] = [];
  try {
    const monitor = createSecurityMonitor({
      rules: [{ name: 'adv', event: 'adversarial_finding', windowMs: 1000, threshold: 1 }],
      sinks: [
        webhookSink({ url: `http://127.0.0.1:${port}/hook`, headers: { authorization: 'Bearer t0ken' } }),
        webhookSink({ url: `http://127.0.0.1:${port}/fail` }),
      ],
      onError: (e) => errors.push(e),
    });
    const [alert] = await monitor.record({ type: 'adversarial_finding', principal: 'key-7', model: 'mnist' });
    expect(bodies[0]).toEqual({ type: 'modelsec.alert', ...alert });
    expect(heads[0]).toBe('POST application/json Bearer t0ken');
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toContain('HTTP 500');
    expect(String(errors[0])).not.toContain('t0ken');
  } finally {
    server.close();
  }
});
