/**
 * `modelsec watermark embed | verify | detect-text` on the real MNIST model and on generated token ids.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@modelsec/cli';
import { createTextWatermark } from '@modelsec/watermark';
import { sharedDataDir } from '@modelsec-test/utils';
import { describe, expect, test } from 'vitest';
import { memoryIO as sharedMemoryIO } from './support/memory-io';

const memoryIO = (cwd: string, env: Record<string, string> = {}, stdin = '') => sharedMemoryIO({ cwd, env, stdin });

const dir = mkdtempSync(join(tmpdir(), 'modelsec-cli-watermark-'));
const model = join(await sharedDataDir(), 'mnist/opt-mnist.onnx');
writeFileSync(
  join(dir, 'owner.key'),
  new Uint8Array(32).map((_, i) => i * 7 + 1),
);

describe('modelsec watermark', () => {
  test('embed then verify an ONNX model; a wrong key or message is not detected', async () => {
    const m = memoryIO(dir);
    const args = ['--key-file', 'owner.key', '--bits', 'deadbeef01234567'];
    expect(await runCli(['watermark', 'embed', model, 'marked.onnx', ...args], m.io)).toBe(0);
    expect(m.stdout()).toMatch(/tensor Parameter87, 64 bits, BER 0/);
    expect(readFileSync(join(dir, 'marked.onnx')).length).toBe(readFileSync(model).length);
    const v = memoryIO(dir);
    expect(await runCli(['watermark', 'verify', 'marked.onnx', ...args, '--json'], v.io)).toBe(0);
    const json = JSON.parse(v.stdout());
    expect(json).toMatchObject({
      detected: true,
      matches: 64,
      bits: 64,
      tensor: 'Parameter87',
      extracted: 'deadbeef01234567',
    });
    const wrong = memoryIO(dir, { WM_KEY: 'not the owner key at all' });
    expect(
      await runCli(
        ['watermark', 'verify', 'marked.onnx', '--key-env', 'WM_KEY', '--bits', 'deadbeef01234567'],
        wrong.io,
      ),
    ).toBe(1);
    expect(wrong.stdout()).toMatch(/^not detected/);
    expect(await runCli(['watermark', 'verify', model, ...args], memoryIO(dir).io)).toBe(1);
  });

  test('detect-text reads token ids from a file or stdin', async () => {
    const wm = createTextWatermark({ key: 'text key for the cli test', vocabSize: 500 });
    const tokens = [1];
    for (let i = 0; i < 150; i++) {
      const mask = wm.greenMask(tokens);
      tokens.push((mask.indexOf(1, (i * 37) % 400) + 500) % 500);
    }
    writeFileSync(join(dir, 'tokens.json'), JSON.stringify(tokens));
    const env = { TEXT_KEY: 'text key for the cli test' };
    const m = memoryIO(dir, env);
    expect(
      await runCli(['watermark', 'detect-text', 'tokens.json', '--key-env', 'TEXT_KEY', '--vocab-size', '500'], m.io),
    ).toBe(0);
    expect(m.stdout()).toMatch(/^WATERMARKED: z = /);
    const plain = memoryIO(dir, env, Array.from({ length: 150 }, (_, i) => (i * 101) % 500).join(' '));
    expect(
      await runCli(
        ['watermark', 'detect-text', '-', '--key-env', 'TEXT_KEY', '--vocab-size', '500', '--json'],
        plain.io,
      ),
    ).toBe(1);
    expect(JSON.parse(plain.stdout())).toMatchObject({ detected: false, scheme: 'lefthash' });
    const win = memoryIO(dir, env);
    expect(
      await runCli(
        [
          'watermark',
          'detect-text',
          'tokens.json',
          '--key-env',
          'TEXT_KEY',
          '--vocab-size',
          '500',
          '--window',
          '50,100',
        ],
        win.io,
      ),
    ).toBe(0);
    expect(win.stdout()).toMatch(/best of \d+ windows/);
  });

  test('usage errors exit 2 and never print the key', async () => {
    const env = { WM_KEY: 'a secret passphrase value' };
    for (const argv of [
      ['watermark', 'embed', model, 'x.onnx', '--bits', '00'],
      ['watermark', 'verify', model, '--key-env', 'WM_KEY', '--bits', 'xyz'],
      ['watermark', 'verify', model, '--key-env', 'WM_KEY', '--key-file', 'owner.key', '--bits', '00'],
      ['watermark', 'detect-text', 'tokens.json', '--key-env', 'WM_KEY'],
      ['watermark', 'detect-text', 'tokens.json', '--key-env', 'WM_KEY', '--vocab-size', '500', '--scheme', 'simple_1'],
    ]) {
      const m = memoryIO(dir, env);
      expect(await runCli(argv, m.io)).toBe(2);
      expect(m.stderr() + m.stdout()).not.toContain('a secret passphrase value');
    }
    const bad = memoryIO(dir, env, 'not tokens');
    expect(await runCli(['watermark', 'detect-text', '-', '--key-env', 'WM_KEY', '--vocab-size', '500'], bad.io)).toBe(
      2,
    );
  });
});
