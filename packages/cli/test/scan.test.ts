/**
 * `modelsec scan`: exit codes (0 nothing dangerous, 1 dangerous, 2 usage), text and JSON output,
 * --strict, directories and stdin, on the picklescan samples and generated files.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '@modelsec/cli';
import { sharedDataDir } from '@modelsec-test/utils';
import { describe, expect, test } from 'vitest';
import { memoryIO as sharedMemoryIO } from './support/memory-io';

const memoryIO = (stdin: Uint8Array = new Uint8Array(0)) => sharedMemoryIO({ stdin });

// sklearn.linear_model.LogisticRegression() as a protocol-4 pickle: suspicious, not dangerous.
const SUSPICIOUS = Uint8Array.from([
  0x80,
  4,
  0x8c,
  20,
  ...new TextEncoder().encode('sklearn.linear_model'),
  0x94,
  0x8c,
  18,
  ...new TextEncoder().encode('LogisticRegression'),
  0x94,
  0x93,
  0x94,
  0x29,
  0x81,
  0x2e,
]); // prettier-ignore

describe('modelsec scan', () => {
  test('exit 1 and the dangerous global for a malicious file, 0 for a benign one', async () => {
    const data = join(await sharedDataDir(), 'picklescan/data');
    const bad = memoryIO();
    expect(await runCli(['scan', join(data, 'malicious1_wrong_ext.zip')], bad.io)).toBe(1);
    expect(bad.stdout()).toMatch(/^dangerous\s+\S+malicious1_wrong_ext\.zip \(zip\)/);
    expect(bad.stdout()).toContain('data.txt: dangerous import STACK_GLOBAL builtins.eval (called)');
    const good = memoryIO();
    expect(await runCli(['scan', join(data, 'pytorch_model.bin'), join(data, 'new_pytorch_model.bin')], good.io)).toBe(
      0,
    );
    expect(good.stdout()).toContain('scanned 2 file(s): 0 dangerous, 0 suspicious');
  });
  test('--json prints the report; directories are walked', async () => {
    const m = memoryIO();
    expect(await runCli(['scan', join(await sharedDataDir(), 'picklescan/data'), '--json'], m.io)).toBe(1);
    const report = JSON.parse(m.stdout());
    expect(report.verdict).toBe('dangerous');
    expect(report.files.filter((f: { verdict: string }) => f.verdict === 'dangerous')).toHaveLength(38);
  });
  test('--strict turns suspicious into dangerous; stdin with "-"', async () => {
    const m = memoryIO();
    const file = join(m.io.cwd, 'model.pkl');
    writeFileSync(file, SUSPICIOUS);
    expect(await runCli(['scan', 'model.pkl'], m.io)).toBe(0);
    expect(m.stdout()).toContain('suspicious');
    expect(await runCli(['scan', '--strict', 'model.pkl'], memoryIO().io)).toBe(1);
    const s = memoryIO(SUSPICIOUS);
    expect(await runCli(['scan', '-', '--strict', '--json'], s.io)).toBe(1);
    expect(JSON.parse(s.stdout()).files[0].path).toBe('<stdin>');
  });
  test('usage errors exit 2; a missing path exits 1 with a typed error', async () => {
    const none = memoryIO();
    expect(await runCli(['scan'], none.io)).toBe(2);
    expect(none.stderr()).toContain('usage: modelsec scan');
    expect(await runCli(['scan', '--bogus', 'x'], memoryIO().io)).toBe(2);
    const missing = memoryIO();
    expect(await runCli(['scan', 'does-not-exist.pt', '--json'], missing.io)).toBe(1);
    expect(JSON.parse(missing.stdout()).error.code).toBe('invalid_value');
  });
});
