/**
 * `modelsec dataset manifest|verify|pii|screen` end to end in a temporary folder: a raw and a derived
 * dataset signed with model_signing's test key, the lineage verified (and broken by an edited parent
 * file), a CSV screened for PII with a redacted copy, and a labelled numeric CSV screened with an HTML
 * report.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@modelsec/cli';
import { sharedDataDir } from '@modelsec-test/utils';
import { describe, expect, test } from 'vitest';
import { memoryIO as sharedMemoryIO } from './support/memory-io';

const memoryIO = (cwd: string) => sharedMemoryIO({ cwd });

const keys = join(await sharedDataDir(), 'model-transparency/keys/certificate');
const key = join(keys, 'signing-key.pem');
const pub = join(keys, 'signing-key-pub.pem');

describe('modelsec dataset manifest / verify', () => {
  test('sign a raw and a derived dataset, verify the chain, detect an edited parent', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'modelsec-cli-dataset-'));
    mkdirSync(join(cwd, 'raw'));
    mkdirSync(join(cwd, 'clean'));
    writeFileSync(join(cwd, 'raw/a.csv'), 'x,label\n1,0\n2,1\n');
    writeFileSync(join(cwd, 'clean/a.csv'), 'x,label\n1,0\n');
    const s = memoryIO(cwd);
    expect(await runCli(['dataset', 'manifest', 'raw', '--private-key', key, '--out', 'raw.manifest.json'], s.io)).toBe(
      0,
    );
    expect(s.stdout()).toMatch(/^signed dataset raw: data sha256:[0-9a-f]{64}, 0 parent\(s\) -> raw.manifest.json\n$/);
    const c = memoryIO(cwd);
    const args = ['dataset', 'manifest', 'clean', '--private-key', key, '--parent', 'raw.manifest.json'];
    expect(await runCli([...args, '--transform', 'drop row 2', '--out', 'clean.manifest.json', '--json'], c.io)).toBe(
      0,
    );
    expect(JSON.parse(c.stdout())).toMatchObject({ ok: true, name: 'clean' });
    const child = JSON.parse(readFileSync(join(cwd, 'clean.manifest.json'), 'utf8'));
    expect(child.lineage.parents[0].uri).toBe('raw.manifest.json');
    expect(child.lineage.transform).toEqual({ description: 'drop row 2' });

    const v = memoryIO(cwd);
    expect(
      await runCli(['dataset', 'verify', 'clean.manifest.json', '--public-key', pub, '--data', 'clean'], v.io),
    ).toBe(0);
    expect(v.stdout()).toContain('ok   clean');
    expect(v.stdout()).toContain('(data re-hashed)');
    expect(v.stdout()).toMatch(/lineage verified \(2 manifest\(s\)\)/);

    // Changed data of the verified dataset, then an edited lineage record of the parent.
    writeFileSync(join(cwd, 'clean/a.csv'), 'x,label\n1,1\n');
    const d = memoryIO(cwd);
    expect(
      await runCli(
        ['dataset', 'verify', 'clean.manifest.json', '--public-key', pub, '--data', 'clean', '--json'],
        d.io,
      ),
    ).toBe(1);
    expect(JSON.parse(d.stdout()).issues.map((i: { code: string }) => i.code)).toEqual(['digest_mismatch']);
    const raw = JSON.parse(readFileSync(join(cwd, 'raw.manifest.json'), 'utf8'));
    raw.lineage.transform = { description: 'something else' };
    writeFileSync(join(cwd, 'raw.manifest.json'), JSON.stringify(raw));
    const e = memoryIO(cwd);
    expect(await runCli(['dataset', 'verify', 'clean.manifest.json', '--public-key', pub, '--json'], e.io)).toBe(1);
    expect(JSON.parse(e.stdout()).issues.map((i: { code: string }) => i.code)).toContain('lineage_mismatch');
  });

  test('usage errors', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'modelsec-cli-dataset-'));
    expect(await runCli(['dataset', 'manifest', '.'], memoryIO(cwd).io)).toBe(2);
    expect(await runCli(['dataset', 'verify', 'x.json'], memoryIO(cwd).io)).toBe(2);
    expect(await runCli(['dataset', 'pii', 'x.csv', '--format', 'xml'], memoryIO(cwd).io)).toBe(2);
  });
});

describe('modelsec dataset pii / screen', () => {
  test('PII counts per column, masked samples, a redacted copy without the values', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'modelsec-cli-dataset-'));
    writeFileSync(
      join(cwd, 'people.csv'),
      'id,name,email,note\n1,Maria Garcia,maria.garcia@example.com,"call +1 (415) 555-0123"\n2,anon,,nothing\n',
    );
    const s = memoryIO(cwd);
    expect(await runCli(['dataset', 'pii', 'people.csv', '--redacted', 'people.redacted.csv', '--json'], s.io)).toBe(1);
    const report = JSON.parse(s.stdout());
    expect(report.rows).toBe(2);
    expect(report.byColumn.email).toEqual({ EMAIL_ADDRESS: 1 });
    expect(report.byColumn.note).toEqual({ PHONE_NUMBER: 1 });
    expect(s.stdout()).not.toContain('maria.garcia@example.com');
    const copy = readFileSync(join(cwd, 'people.redacted.csv'), 'utf8');
    expect(copy.split('\n')[0]).toBe('id,name,email,note');
    expect(copy).not.toContain('maria.garcia@example.com');
    expect(copy).not.toContain('555-0123');
    const clean = memoryIO(cwd);
    writeFileSync(join(cwd, 'clean.txt'), 'nothing personal\nhere\n');
    expect(await runCli(['dataset', 'pii', 'clean.txt'], clean.io)).toBe(0);
    expect(clean.stdout()).toMatch(/^clean.txt: 2 rows, 0 finding\(s\)/);
  });

  test('a labelled CSV with a conflicting duplicate and a far outlier: findings and an HTML report', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'modelsec-cli-dataset-'));
    const rows = ['id,a,b,label'];
    for (let i = 0; i < 60; i++) {
      const a = (i * 1.37) % 10;
      const b = (i * 2.71) % 10;
      rows.push(`r${i},${a},${b},${a > 5 ? 'dog' : 'cat'}`);
    }
    rows.push('dup,0.5,0.5,cat', 'dup2,0.5,0.5,dog', 'far,400,-300,cat');
    writeFileSync(join(cwd, 'data.csv'), `${rows.join('\n')}\n`);
    const s = memoryIO(cwd);
    const code = await runCli(
      ['dataset', 'screen', 'data.csv', '--id-column', 'id', '--html', 'report.html', '--json'],
      s.io,
    );
    expect(code).toBe(1);
    const report = JSON.parse(s.stdout());
    expect(report.rowCount).toBe(63);
    const dup = report.findings.find(
      (f: { check: string; ids: string[] }) => f.check === 'duplicate' && f.ids.includes('dup'),
    );
    expect(dup.ids).toEqual(expect.arrayContaining(['dup', 'dup2']));
    expect(dup.severity).toBe('warning');
    expect(
      report.findings.some((f: { ids: string[]; check: string }) => f.check !== 'duplicate' && f.ids.includes('far')),
    ).toBe(true);
    const html = readFileSync(join(cwd, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('Dataset screen: data.csv');
    const bad = memoryIO(cwd);
    writeFileSync(join(cwd, 'bad.csv'), 'a,label\nx,1\n');
    expect(await runCli(['dataset', 'screen', 'bad.csv'], bad.io)).toBe(2);
  });
});
