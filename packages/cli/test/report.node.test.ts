/**
 * `modelsec report`: a real signed + encrypted MNIST model, a real signed audit log and a deployment
 * manifest give a checklist where each item's status follows from the files (pass), tampering flips
 * the right items to fail, missing sections stay "not checked", and the HTML links every checklist
 * item to its evidence. The config parser rejects malformed configs with a typed error (fast-check).
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@modelsec/cli';
import { bytesToHex, digest, ModelSecError, randomBytes } from '@modelsec/core';
import { encryptBytes, rawKeyProvider } from '@modelsec/core/encryption';
import { memorySource, signModel } from '@modelsec/core/signing';
import { createAuditLog, ed25519AuditSigner, ed25519PublicKey, memoryAuditSink } from '@modelsec/endpoint';
import { loadMnistModelBytes } from '@modelsec-test/utils';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { CHECKLIST, parseReportConfig } from '../src/report/index';
import { memoryIO as sharedMemoryIO } from './support/memory-io';

function memoryIO(cwd: string) {
  const m = sharedMemoryIO({ cwd });
  return { io: m.io, output: m.stdout, errors: m.stderr };
}

let dir: string;
let auditLines: string[];

const manifest = (sha256: string) => ({
  format: 'modelsec.deployment',
  version: 1,
  model: { name: 'mnist', version: '1', sha256 },
  auth: { methods: ['api-key'], policy: 'built-in roles' },
  rateLimits: [
    {
      name: 'burst',
      algorithm: 'sliding-window',
      limit: 120,
      windowMs: 60000,
      by: ['principal'],
      code: 'rate_limited',
    },
  ],
  ipAllowList: null,
  request: { maxBytes: 32768, schema: 'zod' },
  inputGuards: ['finiteValues', 'featureRanges', 'robustZAnomaly', 'featureSqueezing'],
  outputFilters: { minConfidence: 0.6, standard: ['confidenceThreshold', 'topK'], hardened: ['reverseSigmoid'] },
  monitoring: {
    extraction: { method: 'PRADA', delta: 0.91 },
    drift: { method: 'KS', window: 200 },
    alerts: ['model-extraction'],
  },
  audit: { logId: 'x', alg: 'Ed25519', kid: 'audit-ed25519-1' },
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelsec-report-'));
  const model = await loadMnistModelBytes();
  const keyPair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const signed = await signModel(memorySource('opt-mnist.onnx', model), { privateKey: keyPair });
  const spki = Buffer.from(await crypto.subtle.exportKey('spki', keyPair.publicKey)).toString('base64');
  await writeFile(join(dir, 'model.sig'), signed.text);
  await writeFile(join(dir, 'release.pub.pem'), `-----BEGIN PUBLIC KEY-----\n${spki}\n-----END PUBLIC KEY-----\n`);
  const kek = randomBytes(32);
  await writeFile(join(dir, 'model.kek'), kek);
  const sha = bytesToHex(await digest('sha256', model));
  await writeFile(
    join(dir, 'opt-mnist.onnx.enc'),
    await encryptBytes(model, { keyProvider: rawKeyProvider(kek.slice()), metadata: { digest: `sha256:${sha}` } }),
  );
  await writeFile(join(dir, 'deployment.json'), JSON.stringify(manifest(`sha256:${sha}`)));
  const auditKey = randomBytes(32);
  await writeFile(join(dir, 'audit.pub'), bytesToHex(ed25519PublicKey(auditKey)));
  const sink = memoryAuditSink();
  const log = createAuditLog({ sink, signer: ed25519AuditSigner(auditKey, { kid: 'audit-ed25519-1' }) });
  for (let i = 0; i < 5; i++) await log.append({ type: 'request', status: 200, i });
  auditLines = [...sink.lines];
  await writeFile(join(dir, 'audit.jsonl'), `${auditLines.join('\n')}\n`);
  await writeConfig('report.json', {});
});

async function writeConfig(name: string, overrides: Record<string, unknown>) {
  const config = {
    format: 'modelsec.report',
    version: 1,
    model: {
      name: 'MNIST digits',
      version: '1',
      intendedUse: 'Handwritten digit recognition for the demo.',
      limitations: ['Centered 28x28 digits only'],
      metrics: [{ name: 'accuracy', value: 0.98, dataset: 'MNIST test' }],
      encrypted: { path: 'opt-mnist.onnx.enc', keyFile: 'model.kek' },
      signature: { bundle: 'model.sig', publicKey: 'release.pub.pem' },
    },
    deployment: 'deployment.json',
    audit: { log: 'audit.jsonl', publicKey: 'audit.pub' },
    output: { markdown: `${name}.md`, html: `${name}.html` },
    ...overrides,
  };
  await writeFile(join(dir, name), JSON.stringify(config));
}

async function report(config: string) {
  const m = memoryIO(dir);
  const code = await runCli(['report', config, '--json'], m.io);
  if (!m.output()) throw new Error(`no report: ${m.errors()}`);
  const json = JSON.parse(m.output());
  const status = Object.fromEntries((json.results ?? []).map((r: { id: string; status: string }) => [r.id, r.status]));
  return { code, json, status };
}

describe('modelsec report', () => {
  test('a signed, encrypted model with a verified audit log and a deployment manifest', async () => {
    const { code, json, status } = await report('report.json');
    expect(code).toBe(0);
    expect(status).toEqual({
      'encrypted-at-rest': 'pass',
      'model-signed': 'pass',
      'model-scanned': 'pass',
      watermark: 'not-checked',
      'access-control': 'pass',
      'rate-limits': 'pass',
      'input-validation': 'pass',
      'output-filtering': 'pass',
      monitoring: 'pass',
      'audit-log': 'pass',
      'adversarial-testing': 'not-checked',
      'model-card': 'pass',
    });
    expect(json.model.sha256).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(json.model.signer).toMatch(/^[0-9a-f]+$/); // key hint
    const html = await readFile(join(dir, 'report.json.html'), 'utf8');
    for (const item of CHECKLIST) {
      expect(html).toContain(`href="#evidence-${item.id}"`);
      expect(html).toContain(`id="evidence-${item.id}"`);
    }
    for (const ref of ['ML05', 'LLM10', 'MEASURE 2.7', '23894 6.5']) expect(html).toContain(ref);
    expect(html).toContain('href="audit.jsonl"');
    expect(html).not.toContain('<script');
    const markdown = await readFile(join(dir, 'report.json.md'), 'utf8');
    expect(markdown).toContain('| 1 | Model signed; the signature verifies against the release key | **PASS** | [');
    expect(markdown).toContain('## Model card');
  });

  test('tampering flips the right items to fail', async () => {
    const edited = [...auditLines];
    edited[2] = (edited[2] as string).replace('"status":200', '"status":500');
    await writeFile(join(dir, 'audit-edited.jsonl'), edited.join('\n'));
    const other = await loadMnistModelBytes();
    other[other.length - 10] = (other[other.length - 10] as number) ^ 1;
    await writeFile(join(dir, 'other.onnx'), other);
    await writeConfig('tampered.json', {
      model: {
        name: 'MNIST digits',
        path: 'other.onnx',
        signature: { bundle: 'model.sig', publicKey: 'release.pub.pem' },
      },
      audit: { log: 'audit-edited.jsonl', publicKey: 'audit.pub' },
    });
    const { code, status, json } = await report('tampered.json');
    expect(code).toBe(1);
    expect(status['model-signed']).toBe('fail');
    expect(status['audit-log']).toBe('fail');
    // The manifest describes the released model, not this one.
    expect(status['input-validation']).toBe('fail');
    expect(status['encrypted-at-rest']).toBe('not-checked');
    expect(status['model-card']).toBe('fail');
    const signed = json.results.find((r: { id: string }) => r.id === 'model-signed');
    expect(signed.evidence.summary).toMatch(/digest_mismatch/);
  });

  test('malformed evidence files make their items fail, never crash the report', async () => {
    const garbage = [
      '',
      '{',
      'null',
      '[1,2]',
      '{"format":"modelsec.deployment","version":1,"rateLimits":"x"}',
      '\u0000'.repeat(100),
    ];
    for (const [i, text] of garbage.entries()) {
      for (const f of ['d', 'w', 'r', 'a']) await writeFile(join(dir, `${f}${i}.json`), text);
      await writeConfig(`garbage${i}.json`, {
        model: { name: 'x' },
        deployment: `d${i}.json`,
        watermark: `w${i}.json`,
        redteam: `r${i}.json`,
        audit: { log: `a${i}.json`, publicKey: 'audit.pub' },
      });
      const { code, status } = await report(`garbage${i}.json`);
      expect(code).toBe(1);
      for (const id of ['watermark', 'adversarial-testing']) expect(status[id]).toBe('fail');
      expect(status['model-signed']).toBe('not-checked');
    }
  });

  test('config errors are typed and name the field', async () => {
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ model: { name: 'x', colour: 'red' } }));
    const m = memoryIO(dir);
    expect(await runCli(['report', 'bad.json'], m.io)).toBe(1);
    expect(m.errors()).toMatch(/invalid_config: report config: "model.colour" is not a known key/);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({ model: v })),
        ),
        (text) => {
          try {
            parseReportConfig(text, join(dir, 'x.json'));
          } catch (error) {
            expect(ModelSecError.isInstance(error) && error.code === 'invalid_config').toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
