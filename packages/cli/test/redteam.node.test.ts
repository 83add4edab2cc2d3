import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@modelsec/cli';
import { readSharedText, sharedDataDir } from '@modelsec-test/utils';
import { describe, expect, test } from 'vitest';
import { memoryIO as sharedMemoryIO } from './support/memory-io';

const memoryIO = () => sharedMemoryIO();

describe('modelsec redteam', () => {
  test('attacks opt-mnist.onnx on the IDX digits and writes JSON + HTML reports', async () => {
    const mnist = join(await sharedDataDir(), 'mnist');
    const m = memoryIO();
    const argv = [
      'redteam',
      join(mnist, 'opt-mnist.onnx'),
      '--data',
      mnist,
      '--limit',
      '3',
      '--attacks',
      'fgsm,square',
    ];
    const code = await runCli(
      [...argv, '--eps', '0,0.3', '--queries', '40', '--seed', '2', '--html', 'r.html', '--out', 'r.json'],
      m.io,
    );
    expect(m.stderr()).toContain('redteam: fgsm');
    expect(code).toBe(0);
    expect(m.stdout()).toMatch(/made batch-capable/);
    expect(m.stdout()).toMatch(/fgsm linf: eps 0 -> \d+\.\d%, eps 0\.3 -> \d+\.\d%/);
    const report = JSON.parse(readFileSync(join(m.io.cwd, 'r.json'), 'utf8'));
    expect(report.schema).toBe('modelsec.redteam.report/v1');
    expect(report.samples).toBe(3);
    expect(report.evasion.square.queries).toBeLessThanOrEqual(3 * 40);
    expect(report.evasion.fgsm.sharedQueries).toBe(3 + 3 * 1568);
    expect(readFileSync(join(m.io.cwd, 'r.html'), 'utf8')).toContain('<svg');
  });

  test('reads a CSV folder; --json prints the report', async () => {
    const m = memoryIO();
    // The header row plus four digits.
    const rows = (await readSharedText('mnist/mnist_test_first1000.csv')).split('\n').slice(0, 5).join('\n');
    const dir = mkdtempSync(join(tmpdir(), 'modelsec-redteam-csv-'));
    writeFileSync(join(dir, 'digits.csv'), rows);
    const model = join(await sharedDataDir(), 'mnist', 'opt-mnist.onnx');
    const code = await runCli(
      ['redteam', model, '--data', dir, '--attacks', 'fgsm', '--eps', '0', '--gradient', 'nes', '--json'],
      m.io,
    );
    expect(code).toBe(0);
    const report = JSON.parse(m.stdout());
    expect(report.samples).toBe(4);
    expect(report.gradient).toMatch(/^nes/);
  });

  test('PGD, HopSkipJump and extraction (NES gradient): budgets counted, same seed gives the same report', async () => {
    const mnist = join(await sharedDataDir(), 'mnist');
    const run = async () => {
      const m = memoryIO();
      const argv = ['redteam', join(mnist, 'opt-mnist.onnx'), '--data', mnist, '--limit', '2', '--seed', '3'];
      const options = ['--attacks', 'pgd,hsj,extraction', '--gradient', 'nes', '--pgd-eps', '0.3', '--pgd-steps', '2'];
      const budgets = ['--queries', '30', '--l2-bounds', '2,4', '--extraction-queries', '20,40', '--json'];
      expect(await runCli([...argv, ...options, ...budgets], m.io)).toBe(0);
      return m.stdout();
    };
    const text = await run();
    const report = JSON.parse(text);
    expect(report.gradient).toMatch(/^nes/);
    expect(report.evasion.pgd.points.map((p: { eps: number }) => p.eps)).toEqual([0.3]);
    expect(report.evasion.hopSkipJump.queries).toBeLessThanOrEqual(2 * 30);
    expect(report.evasion.hopSkipJump.successAt.map((a: { eps: number }) => a.eps)).toEqual([2, 4]);
    expect(report.extraction.map((e: { strategy: string }) => e.strategy)).toEqual(['natural', 'random', 'jacobian']);
    for (const e of report.extraction) {
      expect(e.points.map((p: { queries: number }) => p.queries)).toEqual([20, 40]);
      for (const p of e.points) expect(p.fidelity).toBeGreaterThanOrEqual(0);
    }
    expect(report.evidence.attacks).toEqual(expect.arrayContaining(['pgd', 'extraction']));
    expect(await run()).toBe(text);
  });

  test('usage and data errors', async () => {
    const model = join(await sharedDataDir(), 'mnist', 'opt-mnist.onnx');
    const a = memoryIO();
    expect(await runCli(['redteam', model], a.io)).toBe(2);
    expect(a.stderr()).toContain('--data');
    const b = memoryIO();
    expect(await runCli(['redteam', model, '--data', b.io.cwd], b.io)).toBe(2);
    const c = memoryIO();
    writeFileSync(join(c.io.cwd, 'x.onnx'), 'not a model');
    expect(await runCli(['redteam', 'x.onnx', '--data', c.io.cwd], c.io)).toBe(1);
    expect(c.stderr()).toMatch(/malformed_file/);
    const d = memoryIO();
    expect(await runCli(['redteam', model, '--data', '.', '--attacks', 'nope'], d.io)).toBe(2);
  });
});
