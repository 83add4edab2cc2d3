/**
 * Node paths: files and directories (the whole picklescan data folder, like upstream's directory
 * test), large files read through a file handle in windows, symlinks, missing paths.
 */
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanModel } from '@modelsec/scanner';
import { sharedDataDir } from '@modelsec-test/utils';
import { describe, expect, test } from 'vitest';
import { callPickle, cat, le64, P } from './helpers/build';

describe('paths', () => {
  test('the picklescan data folder: 38 dangerous files, as upstream counts them', async () => {
    const dir = join(await sharedDataDir(), 'picklescan/data');
    const report = await scanModel(dir);
    expect(report.verdict).toBe('dangerous');
    expect(report.files.filter((f) => f.verdict === 'dangerous')).toHaveLength(38);
    expect(report.files.every((f) => f.verdict !== 'suspicious')).toBe(true);
    const dangerousGlobals = report.files.flatMap((f) => f.globals.filter((g) => g.safety === 'dangerous'));
    // Upstream counts 45 Dangerous globals; this scanner rates 2 more dangerous (builtins.__import__,
    // __builtin__.globals, on modelscan's and fickling's lists) and reports each global once per stream.
    expect(dangerousGlobals.length).toBeGreaterThanOrEqual(45);
  });
  test('a large file is scanned in windows, payload after 80 MB of bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scan-'));
    const big = 80 << 20;
    const file = join(dir, 'big.pkl');
    const head = cat(P.proto(4), [0x8e], le64(big));
    writeFileSync(file, cat(head));
    const { appendFileSync } = await import('node:fs');
    const chunk = new Uint8Array(1 << 20);
    for (let i = 0; i < 80; i++) appendFileSync(file, chunk);
    appendFileSync(file, cat(P.pop, callPickle('os', 'system').subarray(2)));
    const report = await scanModel(file);
    expect(report.files[0]?.verdict).toBe('dangerous');
    expect(report.files[0]?.globals[0]?.offset).toBeGreaterThan(big);
  });
  test('several paths, symlinked files, missing paths', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scan-'));
    writeFileSync(join(dir, 'a.pkl'), callPickle('os', 'system'));
    writeFileSync(join(dir, 'README.md'), 'hello');
    symlinkSync(join(dir, 'a.pkl'), join(dir, 'link.pkl'));
    const report = await scanModel([dir, join(dir, 'a.pkl')]);
    expect(report.files.map((f) => f.path.slice(dir.length + 1))).toEqual(['a.pkl', 'link.pkl', 'a.pkl']);
    await expect(scanModel(join(dir, 'nope'))).rejects.toMatchObject({ code: 'invalid_value' });
  });
});
