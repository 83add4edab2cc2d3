/**
 * The serverless handler in the Edge Runtime (@edge-runtime/vm: web APIs only, no `process`, no
 * `require`): the worker is bundled against the built packages, started with bindings from a real
 * release (signed, encrypted MNIST model, fitted guards), and serves allowed, denied, malformed,
 * out-of-distribution and rate-limited requests with a verifiable audit log; tampered or substituted
 * models make every request fail with 503 before the model is loaded.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EdgeVM } from '@edge-runtime/vm';
import { decryptBytes, encryptBytes, rawKeyProvider } from '@modelsec/core/encryption';
import { prepareRelease } from '@modelsec-examples/node-service/release';
import { loadMnist } from '@modelsec-test/utils';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bindingsFrom, bundleWorker, get, ortWasm, predict, startEdge } from './support';

let root: string;
let dir: string;
let code: string;
let wasm: Uint8Array;
let vm: EdgeVM;
let keys: Record<'alice' | 'mallory' | 'auditor', string>;

/** Fresh digits: odd MNIST test indices (the release step fits and calibrates on even ones). */
async function digits(first: number, count: number) {
  const all = await loadMnist();
  return Array.from({ length: count }, (_, i) => {
    const j = 2 * (first + i) + 1;
    return { pixels: all.images.subarray(j * 784, (j + 1) * 784), label: all.labels[j] as number };
  });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'modelsec-serverless-'));
  dir = join(root, 'release');
  await prepareRelease({ out: dir, fitCount: 600, calibrationCount: 400 });
  keys = JSON.parse(await readFile(join(dir, 'secrets', 'client-keys.json'), 'utf8'));
  [code, wasm] = await Promise.all([bundleWorker(), ortWasm()]);
  vm = startEdge(code, await bindingsFrom(dir, wasm, { limits: { perMinute: 30 } }));
}, 240_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('serverless handler in the Edge Runtime', () => {
  test('the bundle is web-only and the VM has no Node globals', () => {
    expect(code).not.toMatch(/require\("node:|from "node:|require\("fs"\)/);
    expect(vm.evaluate('typeof process')).toBe('undefined');
    expect(vm.evaluate('typeof require')).toBe('undefined');
  });

  test('cold start checks the model: health shows the verified, scanned model', async () => {
    const h = await get(vm, '/healthz');
    expect(h.status).toBe(200);
    expect(h.body.evidence).toMatchObject({ bytes: 25905, scan: { verdict: 'clean', format: 'onnx' } });
    expect(h.body.evidence.rootDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  test('allowed, denied, malformed and out-of-distribution requests', async () => {
    let correct = 0;
    let answered = 0;
    for (const d of await digits(4000, 20)) {
      const r = await predict(vm, keys.alice, d.pixels);
      expect([200, 422]).toContain(r.status);
      if (r.status === 200 && typeof r.body.digit === 'number') {
        answered++;
        if (r.body.digit === d.label) correct++;
      }
    }
    expect(answered).toBeGreaterThanOrEqual(13); // the rest abstain (< 60% confidence) or are refused as outliers
    expect(correct / answered).toBeGreaterThanOrEqual(0.9);

    const digit = (await digits(4100, 1))[0]?.pixels as Float32Array;
    expect((await predict(vm, undefined, digit)).status).toBe(401);
    const auditor = await predict(vm, keys.auditor, digit);
    expect([auditor.status, auditor.body.error.code]).toEqual([403, 'forbidden']);
    expect((await predict(vm, keys.alice, [0.1, 0.2])).status).toBe(400);
    const noise = Float32Array.from({ length: 784 }, (_, i) => ((i * 7919) % 256) / 255);
    const ood = await predict(vm, keys.alice, noise);
    expect([ood.status, ood.body.error.code]).toEqual([422, 'anomalous_input']);
    const inverted = digit.map((v) => 1 - v);
    expect((await predict(vm, keys.alice, inverted)).body.error.code).toBe('anomalous_input');
  }, 60_000);

  test('rate limit: past 30 per minute, 429 with Retry-After', async () => {
    const digit = (await digits(4200, 1))[0]?.pixels as Float32Array;
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await predict(vm, keys.mallory, digit)).status);
    expect(statuses.slice(0, 30).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
    const r = await predict(vm, keys.mallory, digit);
    expect(r.body.error.code).toBe('rate_limited');
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
  }, 60_000);

  test('audit log: the auditor verifies the signed hash chain; alerts are in it', async () => {
    const m = await get(vm, '/v1/monitoring', keys.auditor);
    expect(m.status).toBe(200);
    expect(m.body.alerts.map((a: { rule: string }) => a.rule)).toContain('adversarial-probing');
    const v = await get(vm, '/v1/audit/verify', keys.auditor);
    expect(v.status).toBe(200);
    expect(v.body).toMatchObject({ ok: true, problems: [] });
    expect(v.body.entries).toBeGreaterThan(40);
  });

  test('tampered or substituted models: every request gets 503, the model is never served', async () => {
    const good = await bindingsFrom(dir, wasm);
    const flipped = new Uint8Array(good.encryptedModel);
    flipped[flipped.length - 100] = (flipped[flipped.length - 100] as number) ^ 1;
    const kek = good.kek;
    const plain = await decryptBytes(good.encryptedModel, { keyProvider: rawKeyProvider(kek.slice()) });
    plain[plain.length - 200] = (plain[plain.length - 200] as number) ^ 0x40;
    const substituted = await encryptBytes(plain, { keyProvider: rawKeyProvider(kek.slice()) });
    for (const [encryptedModel, expected] of [
      [flipped, 'decryption_failed'],
      [substituted, 'digest_mismatch'],
    ] as const) {
      const bad = startEdge(code, { ...good, encryptedModel });
      const h = await get(bad, '/healthz');
      expect([h.status, h.body.error.code]).toEqual([503, expected]);
      const r = await predict(bad, keys.alice, (await digits(4300, 1))[0]?.pixels as Float32Array);
      expect([r.status, r.body.error.code]).toEqual([503, expected]);
    }
  }, 60_000);
});
