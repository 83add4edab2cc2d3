import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '@modelsec/cli';
import { createRng } from '@modelsec/monitor';
import { describe, expect, test } from 'vitest';
import { memoryIO as sharedMemoryIO } from './support/memory-io';

const memoryIO = (stdin = '') => sharedMemoryIO({ stdin });

function csv(rows: number, shift: number, seed: number): string {
  const rng = createRng(seed);
  const lines = ['income,segment,"note, free text"'];
  for (let i = 0; i < rows; i++) {
    const seg = rng.next() < 0.5 + shift / 4 ? 'a' : 'b';
    lines.push(`${(50 + 10 * (rng.normal() + shift)).toFixed(2)},${seg},"x${i % 3}"`);
  }
  return `${lines.join('\n')}\n`;
}

describe('modelsec drift', () => {
  test('no drift: table on stdout, exit 0; drift: exit 1, JSON and HTML report', async () => {
    const m = memoryIO();
    writeFileSync(join(m.io.cwd, 'ref.csv'), csv(400, 0, 1));
    writeFileSync(join(m.io.cwd, 'same.csv'), csv(300, 0, 2));
    writeFileSync(join(m.io.cwd, 'cur.csv'), csv(300, 1, 3));
    expect(await runCli(['drift', '--reference', 'ref.csv', '--current', 'same.csv'], m.io)).toBe(0);
    expect(m.stdout()).toMatch(/^column\s+type\s+test/);
    expect(m.stdout()).toMatch(/income\s+numerical\s+ks/);
    expect(m.stdout()).toContain('dataset drift: not detected');

    const j = memoryIO();
    j.io.cwd = m.io.cwd;
    expect(await runCli(['drift', '-r', 'ref.csv', '-c', 'cur.csv', '--json', '--html', 'report.html'], j.io)).toBe(1);
    const report = JSON.parse(j.stdout());
    expect(report.ok).toBe(false);
    expect(report.datasetDrift).toBe(true);
    expect(report.columns.map((c: { column: string; drifted: boolean }) => [c.column, c.drifted])).toEqual([
      ['income', true],
      ['segment', true],
      ['note, free text', false],
    ]);
    const html = readFileSync(join(m.io.cwd, 'report.html'), 'utf8');
    expect(html.match(/data-plot="ecdf"/g)).toHaveLength(1);
  });

  test('bad input: usage errors exit 2, malformed CSV exits 1 with a code', async () => {
    const m = memoryIO('a,b\n1\n');
    writeFileSync(join(m.io.cwd, 'ref.csv'), 'a,b\n1,2\n3,4\n');
    expect(await runCli(['drift', '--reference', 'ref.csv'], m.io)).toBe(2);
    expect(await runCli(['drift', '-r', 'ref.csv', '-c', 'ref.csv', '--stattest', 'nope'], m.io)).toBe(2);
    const bad = memoryIO('a,b\n1\n');
    bad.io.cwd = m.io.cwd;
    expect(await runCli(['drift', '-r', 'ref.csv', '-c', '-'], bad.io)).toBe(1);
    expect(bad.stderr()).toContain('invalid_shape');
    const binary = memoryIO();
    binary.io.cwd = m.io.cwd;
    writeFileSync(join(m.io.cwd, 'bin.csv'), Buffer.from([0xff, 0xfe, 0x00]));
    expect(await runCli(['drift', '-r', 'ref.csv', '-c', 'bin.csv'], binary.io)).toBe(1);
    expect(binary.stderr()).toContain('invalid_encoding');
  });
});
