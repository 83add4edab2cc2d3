import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commands, createProgress, formatBytes, runCli, VERSION } from '@modelsec/cli';
import { describe, expect, test } from 'vitest';
import { memoryIO as sharedMemoryIO } from './support/memory-io';

const memoryIO = (options: { tty?: boolean; stdin?: string } = {}) => sharedMemoryIO(options);

describe('modelsec CLI shell', () => {
  test('--help lists the subcommands and exit codes', async () => {
    const m = memoryIO();
    expect(await runCli(['--help'], m.io)).toBe(0);
    // The section between "commands:" and the next blank line lists every registered command, one per line.
    const section = m.stdout().split('commands:\n')[1]?.split('\n\n')[0] ?? '';
    const listed = section.split('\n').map((line) => line.trim().split(/\s+/)[0]);
    expect(listed).toEqual(commands.map((c) => c.name));
    expect(section).toContain('print the digest');
    expect(m.stdout()).toContain('exit codes: 0 ok, 1 check failed or error, 2 usage error');
    const again = memoryIO();
    expect(await runCli([], again.io)).toBe(0);
    expect(again.stdout()).toBe(m.stdout());
  });
  test('--version prints the package version', async () => {
    const m = memoryIO();
    expect(await runCli(['--version'], m.io)).toBe(0);
    expect(m.stdout().trim()).toBe(VERSION);
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });
  test('unknown flags and commands exit 2 with a clear message', async () => {
    for (const argv of [['--bogus'], ['nope'], ['digest', '--bogus', 'x'], ['digest']]) {
      const m = memoryIO();
      expect(await runCli(argv, m.io)).toBe(2);
      expect(m.stderr()).toMatch(/^modelsec: .+\nusage: modelsec/);
      expect(m.stdout()).toBe('');
    }
    const m = memoryIO();
    await runCli(['--bogus'], m.io);
    expect(m.stderr()).toContain('unknown option "--bogus"');
  });
  test('command help', async () => {
    const m = memoryIO();
    expect(await runCli(['digest', '--help'], m.io)).toBe(0);
    expect(m.stdout()).toContain('usage: modelsec digest <file|->...');
    const h = memoryIO();
    expect(await runCli(['help', 'digest'], h.io)).toBe(0);
    expect(h.stdout()).toBe(m.stdout());
  });
  test('digest prints algorithm:hex for files and stdin, and JSON with --json', async () => {
    const m = memoryIO({ stdin: 'abc' });
    const file = join(m.io.cwd, 'model.bin');
    const data = Buffer.alloc(3_000_000, 7);
    writeFileSync(file, data);
    const expected = createHash('sha256').update(data).digest('hex');
    expect(await runCli(['digest', 'model.bin', '-'], m.io)).toBe(0);
    expect(m.stdout()).toBe(
      `sha256:${expected}  model.bin\nsha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  -\n`,
    );
    const j = memoryIO();
    writeFileSync(join(j.io.cwd, 'm'), data);
    expect(await runCli(['digest', '--json', '-a', 'blake2b', 'm'], j.io)).toBe(0);
    expect(JSON.parse(j.stdout())).toEqual([
      { file: 'm', algorithm: 'blake2b', digest: createHash('blake2b512').update(data).digest('hex') },
    ]);
    const bad = memoryIO();
    expect(await runCli(['digest', '-a', 'md5', 'm'], bad.io)).toBe(2);
  });
  test('a missing file is a failure (1), not a crash', async () => {
    const m = memoryIO();
    expect(await runCli(['digest', 'does-not-exist'], m.io)).toBe(1);
    expect(m.stderr()).toMatch(/unexpected error: .*ENOENT/);
  });
  test('progress bar draws on a TTY only', async () => {
    const tty = memoryIO({ tty: true });
    let t = 0;
    const p = createProgress(tty.io, 'hashing', 2048, { bytes: true, now: () => (t += 200) });
    p.tick(1024);
    p.tick(1024);
    p.done();
    expect(tty.stderr()).toContain('hashing [');
    expect(tty.stderr()).toContain('100% 2.0 KiB/2.0 KiB');
    const pipe = memoryIO({ tty: false });
    const q = createProgress(pipe.io, 'hashing', 2048);
    q.tick(2048);
    q.done();
    expect(pipe.stderr()).toBe('');
    expect(formatBytes(1536)).toBe('1.5 KiB');
  });
});

describe('the installed bin', () => {
  test('pnpm exec modelsec --bogus exits 2', async () => {
    const { spawnSync } = await import('node:child_process');
    const bin = join(import.meta.dirname, '../bin/modelsec.js');
    const r = spawnSync(process.execPath, [bin, '--bogus'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown option "--bogus"');
    const h = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(h.status).toBe(0);
    expect(h.stdout).toContain('digest');
  });
});
