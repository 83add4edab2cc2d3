/**
 * The Node inference service end to end: a release is prepared (signed, encrypted, guards fitted), the
 * service runs as its own process on a free loopback port, and clients exercise every path: allowed,
 * denied (no key, bad key, wrong role), malformed, out-of-distribution, adversarial (FGSM), an
 * extraction attacker (PRADA flags it and its answers are hardened), rate limits, the audit log and its
 * verification, and start-ups that must be refused (tampered container, substituted model, signed but
 * unsafe model).
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliIO, runCli } from '@modelsec/cli';
import { classifierFromOnnx, hexToBytes } from '@modelsec/core';
import { decryptBytes, encryptBytes, rawKeyProvider } from '@modelsec/core/encryption';
import { memorySource, signModel } from '@modelsec/core/signing';
import { ed25519AuditVerifier, verifyAuditLog } from '@modelsec/endpoint';
import { fgsm, finiteDifferences, makeBatchable } from '@modelsec/redteam';
import { createSession, loadMnistModelBytes, ort } from '@modelsec-test/utils';
import onnxProto from 'onnx-proto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { prepareRelease } from '../src/release';
import {
  clientKeys,
  freshDigits,
  get,
  inkPerturbationQueries,
  predict,
  type ServiceProcess,
  startExpectingRefusal,
  startService,
} from './support';

let root: string;
let dir: string;
let service: ServiceProcess;
let keys: Awaited<ReturnType<typeof clientKeys>>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'modelsec-node-service-'));
  dir = join(root, 'release');
  await prepareRelease({ out: dir, redteamSamples: 8 });
  keys = await clientKeys(dir);
  service = await startService(dir, { RATE_LIMIT_PER_MINUTE: '1000' });
}, 240_000);

afterAll(async () => {
  await service?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('node-service', () => {
  test('health: the model evidence of the start-up checks', async () => {
    const { status, body } = await get(service.url, '/healthz');
    expect(status).toBe(200);
    expect(body.evidence).toMatchObject({ scan: { verdict: 'clean', format: 'onnx' }, bytes: 25905 });
    expect(body.evidence.sha256).toMatch(/^sha256:[0-9a-f]{64}$/);
    const deployment = JSON.parse(await readFile(join(dir, 'deployment.json'), 'utf8'));
    expect(deployment.inputGuards).toEqual([
      'finiteValues',
      'featureRanges',
      'normBound',
      'robustZAnomaly',
      'featureSqueezing',
    ]);
    expect(deployment.audit).toMatchObject({ alg: 'Ed25519', logId: 'mnist-node-service' });
  });

  test('allowed: legitimate digits are answered correctly, few are refused', async () => {
    const digits = await freshDigits(2500, 40);
    let answered = 0;
    let correct = 0;
    let refused = 0;
    for (let i = 0; i < digits.count; i++) {
      const r = await predict(service.url, keys.alice, digits.images.subarray(i * 784, (i + 1) * 784));
      if (r.status === 422) refused++;
      else {
        expect(r.status).toBe(200);
        expect(r.headers.get('ratelimit')).toMatch(/"burst";r=\d+;t=\d+/);
        if (typeof r.body.digit === 'number') {
          answered++;
          if (r.body.digit === digits.labels[i]) correct++;
          expect(r.body.policy).toBe('standard');
          expect(Object.keys(r.body.scores as object).length).toBeLessThanOrEqual(3);
        } else expect(r.body.digit).toBe('Unable to provide prediction');
      }
    }
    expect(refused).toBeLessThanOrEqual(6); // thresholds at 1% + 5% FPR on held-out digits
    expect(answered).toBeGreaterThanOrEqual(32);
    expect(correct / answered).toBeGreaterThanOrEqual(0.95);
  });

  test('denied: no key, a forged key, the wrong role; malformed bodies', async () => {
    const digit = new Float32Array(784).fill(0.5);
    expect((await predict(service.url, undefined, digit)).status).toBe(401);
    const forged = await predict(service.url, `msk_AAAAAAAAAAAAAAAA_${'B'.repeat(43)}`, digit);
    expect([forged.status, (forged.body.error as { code: string }).code]).toEqual([401, 'token_invalid']);
    const auditor = await predict(service.url, keys.auditor, digit);
    expect([auditor.status, (auditor.body.error as { code: string }).code]).toEqual([403, 'forbidden']);
    expect((await get(service.url, '/v1/monitoring', keys.alice)).status).toBe(403);
    expect((await predict(service.url, keys.alice, { pixels: [1, 2, 3] })).status).toBe(400);
    expect((await predict(service.url, keys.alice, { pixels: Array(784).fill(0.1), extra: 1 })).status).toBe(400);
    const big = await predict(service.url, keys.alice, { pixels: Array(20_000).fill(0.123456789) });
    expect(big.status).toBe(413);
    const outOfRange = await predict(service.url, keys.alice, Array(784).fill(2));
    expect([outOfRange.status, (outOfRange.body.error as { code: string }).code]).toEqual([400, 'out_of_range']);
  });

  test('out-of-distribution inputs (noise, inverted digit, blank) are refused before the model answers', async () => {
    const { images } = await freshDigits(2600, 1);
    const noise = Float32Array.from({ length: 784 }, (_, i) => ((i * 7919) % 256) / 255);
    const inverted = images.map((v) => 1 - v);
    const blank = new Float32Array(784);
    for (const [x, code] of [
      [noise, 'anomalous_input'],
      [inverted, 'anomalous_input'],
      [blank, 'out_of_range'],
    ] as const) {
      const r = await predict(service.url, keys.alice, x);
      expect([r.status, (r.body.error as { code: string }).code]).toEqual([code === 'out_of_range' ? 400 : 422, code]);
    }
  });

  test('adversarial: FGSM digits that fool the model are refused', async () => {
    const bytes = await loadMnistModelBytes();
    const session = await createSession(makeBatchable(bytes).bytes);
    const model = classifierFromOnnx(session, {
      Tensor: ort.Tensor as never,
      sampleShape: [1, 28, 28],
      numClasses: 10,
      maxBatch: 4096,
    });
    const clean = await freshDigits(2700, 12);
    const attack = await fgsm(
      model,
      { inputs: clean.images, labels: clean.labels },
      { eps: 0.2, gradient: finiteDifferences(model, { scheme: 'forward' }) },
    );
    const fooled = [...attack.success.keys()].filter((i) => attack.success[i] === 1);
    expect(fooled.length).toBeGreaterThanOrEqual(6);
    let refused = 0;
    for (const i of fooled) {
      const r = await predict(service.url, keys.alice, attack.adversarial.subarray(i * 784, (i + 1) * 784));
      if (r.status === 422) {
        expect(['adversarial_input', 'anomalous_input']).toContain((r.body.error as { code: string }).code);
        refused++;
      }
    }
    expect(refused / fooled.length).toBeGreaterThanOrEqual(0.8);
  }, 120_000);

  test('extraction: PRADA flags the attacker, whose answers become label-only, and raises an alert', async () => {
    const seeds = (await freshDigits(2800, 40)).images;
    const queries = inkPerturbationQueries(seeds, 40, 4); // 160 queries: 40 digits, 3 noisy copies each
    let firstHardened: number | undefined;
    let answered = 0;
    for (const [i, x] of queries.entries()) {
      const r = await predict(service.url, keys.mallory, x);
      expect([200, 422]).toContain(r.status); // a few digits fail the guards at their calibrated FPR
      if (r.status === 200) answered++;
      if (r.body.policy === 'hardened' && firstHardened === undefined) firstHardened = i + 1;
      if (firstHardened !== undefined && typeof r.body.digit === 'number') {
        expect(r.body.scores).toEqual({ [String(r.body.digit)]: 1 });
      }
    }
    expect(answered).toBeGreaterThanOrEqual(140);
    expect(firstHardened).toBeDefined();
    expect(firstHardened as number).toBeLessThanOrEqual(150);
    const m = await get(service.url, '/v1/monitoring', keys.auditor);
    expect(m.status).toBe(200);
    expect(m.body.flaggedClients.map((c: { client: string }) => c.client)).toEqual(['mallory']);
    expect(m.body.flaggedClients[0].w).toBeLessThan(0.91);
    expect(m.body.alerts.map((a: { rule: string }) => a.rule)).toContain('model-extraction');
    // An honest client is unaffected.
    const honest = await predict(service.url, keys.alice, (await freshDigits(2900, 1)).images);
    expect(honest.body.policy).toBe('standard');
  }, 120_000);

  test('audit: every request is in the signed hash chain, which verifies; an edited entry does not', async () => {
    const v = await get(service.url, '/v1/audit/verify', keys.auditor);
    expect(v.status).toBe(200);
    expect(v.body).toMatchObject({ ok: true, problems: [] });
    expect(v.body.entries).toBeGreaterThan(200);
    const lines = (await readFile(join(dir, 'audit.jsonl'), 'utf8')).trim().split('\n');
    const events = lines.map((l) => JSON.parse(l).event);
    expect(events[0].type).toBe('startup');
    expect(events.some((e) => e.type === 'security_alert' && e.rule === 'model-extraction')).toBe(true);
    expect(lines.join('\n')).not.toContain(keys.alice); // keys are never logged
    const verifier = ed25519AuditVerifier(
      hexToBytes((await readFile(join(dir, 'keys', 'audit-ed25519.pub'), 'utf8')).trim()),
      {
        kid: 'audit-ed25519-1',
      },
    );
    const edited = [...lines];
    edited[3] = (edited[3] as string).replace('"status":200', '"status":201');
    const report = await verifyAuditLog(edited, { verifier });
    expect(report.ok).toBe(false);
    expect(report.problems[0]?.kind).toBe('hash_mismatch');
  });

  test('report: the checklist and model card of this deployment render to HTML, each item linked to its evidence', async () => {
    const out: string[] = [];
    const io: CliIO = {
      stdout: { write: (t: string) => out.push(t) },
      stderr: { write: () => true, isTTY: false },
      env: {},
      cwd: dir,
      readStdin: async () => new Uint8Array(),
    };
    expect(await runCli(['report', 'report.json', '--json'], io)).toBe(0);
    const r = JSON.parse(out.join(''));
    const status = Object.fromEntries(r.results.map((x: { id: string; status: string }) => [x.id, x.status]));
    expect(status).toEqual({
      'model-signed': 'pass',
      'model-scanned': 'pass',
      'encrypted-at-rest': 'pass',
      watermark: 'pass', // embedded before signing, verified at release
      'access-control': 'pass',
      'rate-limits': 'pass',
      'input-validation': 'pass',
      'output-filtering': 'pass',
      monitoring: 'pass',
      'audit-log': 'pass',
      'adversarial-testing': 'pass', // FGSM curve on 8 digits (redteamSamples)
      'model-card': 'pass',
    });
    const html = await readFile(join(dir, 'report', 'security-report.html'), 'utf8');
    for (const id of Object.keys(status)) {
      expect(html).toContain(`<a href="#evidence-${id}">`);
      expect(html).toContain(`<section id="evidence-${id}">`);
    }
    expect(html).toContain(r.model.sha256);
    expect(html).toContain('href="../audit.jsonl"');
    expect(html).toMatch(/accuracy<\/td><td>0\.9\d/);
  });

  test('rate limits: past the per-minute limit, 429 with Retry-After; the model is not called', async () => {
    const copy = join(root, 'rate-limited');
    await cp(dir, copy, { recursive: true });
    await rm(join(copy, 'audit.jsonl'));
    const limited = await startService(copy, { RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const { images } = await freshDigits(3000, 1);
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await predict(limited.url, keys.alice, images)).status);
      expect(statuses.slice(3)).toEqual([429, 429]);
      const r = await predict(limited.url, keys.alice, images);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((r.body.error as { code: string }).code).toBe('rate_limited');
      // Other clients have their own window.
      expect((await predict(limited.url, keys.mallory, images)).status).not.toBe(429);
    } finally {
      await limited.stop();
    }
  }, 120_000);

  test('refused start-ups: tampered container, substituted model, signed but unsafe model', async () => {
    const variant = async (name: string, change: (d: string) => Promise<void>) => {
      const d = join(root, name);
      await cp(dir, d, { recursive: true });
      await change(d);
      return startExpectingRefusal(d);
    };
    const kekOf = async (d: string) => new Uint8Array(await readFile(join(d, 'secrets', 'model.kek')));
    const enc = (d: string) => join(d, 'model', 'opt-mnist.onnx.enc');
    const [flipped, substituted, unsafe] = await Promise.all([
      // A bit flipped in the encrypted file at rest.
      variant('flipped', async (d) => {
        const bytes = new Uint8Array(await readFile(enc(d)));
        bytes[bytes.length - 100] = (bytes[bytes.length - 100] as number) ^ 1;
        await writeFile(enc(d), bytes);
      }),
      // An insider with the storage key swaps in a modified model: decryption succeeds, the signature fails.
      variant('substituted', async (d) => {
        const kek = await kekOf(d);
        const plain = await decryptBytes(await readFile(enc(d)), { keyProvider: rawKeyProvider(kek.slice()) });
        plain[plain.length - 200] = (plain[plain.length - 200] as number) ^ 0x40;
        await writeFile(enc(d), await encryptBytes(plain, { keyProvider: rawKeyProvider(kek.slice()) }));
      }),
      // A compromised pipeline signs a model that needs a Python custom-op library: the scan refuses it.
      variant('unsafe', async (d) => {
        const kek = await kekOf(d);
        const model = customOpModel();
        const keyPair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
        const signed = await signModel(memorySource('opt-mnist.onnx', model), { privateKey: keyPair });
        const spki = Buffer.from(await crypto.subtle.exportKey('spki', keyPair.publicKey)).toString('base64');
        await writeFile(join(d, 'model', 'opt-mnist.onnx.sig'), signed.text);
        await writeFile(
          join(d, 'keys', 'release-signing.pub.pem'),
          `-----BEGIN PUBLIC KEY-----\n${spki}\n-----END PUBLIC KEY-----\n`,
        );
        await writeFile(enc(d), await encryptBytes(model, { keyProvider: rawKeyProvider(kek.slice()) }));
      }),
    ]);
    expect(flipped.code).toBe(1);
    expect(flipped.output).toMatch(/refused to start: IntegrityError decryption_failed/);
    expect(substituted.code).toBe(1);
    expect(substituted.output).toMatch(/refused to start: IntegrityError digest_mismatch/);
    expect(unsafe.code).toBe(1);
    expect(unsafe.output).toMatch(/refused to start: SecurityError dangerous_code: the model scan is suspicious/);
    for (const r of [flipped, substituted, unsafe]) expect(r.output).not.toContain('listening on');
  }, 180_000);
});

/** A small valid ONNX model whose only node runs in the `ai.onnx.contrib` (Python custom-op) domain. */
function customOpModel(): Uint8Array {
  const { onnx } = onnxProto;
  const FLOAT = onnx.TensorProto.DataType.FLOAT;
  const io = (name: string) =>
    onnx.ValueInfoProto.create({
      name,
      type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimValue: 1 }, { dimValue: 784 }] } } },
    });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'attacker',
    opsetImport: [
      { domain: '', version: 17 },
      { domain: 'ai.onnx.contrib', version: 1 },
    ],
    graph: onnx.GraphProto.create({
      name: 'g',
      node: [onnx.NodeProto.create({ opType: 'PyOp', domain: 'ai.onnx.contrib', input: ['x'], output: ['y'] })],
      input: [io('x')],
      output: [io('y')],
    }),
  });
  return new Uint8Array(onnx.ModelProto.encode(model).finish());
}
