/**
 * Runs the demo as `pnpm demo` does (a plain Node process on the built packages) and checks that every
 * step of the story printed its evidence, and that without the shared data it stops with a clear
 * message and a non-zero exit instead of downloading anything.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const MAIN = join(import.meta.dirname, '../src/main.mjs');

test('the demo tells the whole story with evidence', () => {
  const run = spawnSync(process.execPath, [MAIN], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const lines = Object.fromEntries(
    run.stdout
      .trim()
      .split('\n')
      .map((l) => [l.slice(0, 24).trim(), l.slice(25)]),
  );
  expect(Object.keys(lines)).toEqual([
    'sign',
    'tamper → verify',
    'verify original',
    'scan',
    'encrypt → load',
    'guarded inference',
    'adversarial input',
    'extraction attacker',
    'watermark',
    'drift report',
    'audit log',
  ]);
  expect(lines.sign).toMatch(/^opt-mnist\.onnx sha256:[0-9a-f]{64}, OMS root sha256:[0-9a-f]{16}…/);
  expect(lines['tamper → verify']).toMatch(/^refused: IntegrityError digest_mismatch/);
  expect(lines['verify original']).toMatch(/^verified: 1 file\(s\), signer key [0-9a-f]{16}…/);
  expect(lines.scan).toMatch(
    /^malicious0\.pkl: dangerous, \d+ finding\(s\), dangerous globals \[.*__builtin__\.eval.*\]; opt-mnist\.onnx: clean$/,
  );
  expect(lines['encrypt → load']).toMatch(
    /decrypted \+ verified \+ loaded; flipped bit: IntegrityError decryption_failed$/,
  );

  const guarded = /^200 fresh digits: (\d+) answered \(([\d.]+)% correct\), (\d+) refused/.exec(
    lines['guarded inference'] ?? '',
  );
  expect(guarded).not.toBeNull();
  expect(Number(guarded?.[1])).toBeGreaterThanOrEqual(170);
  expect(Number(guarded?.[2])).toBeGreaterThanOrEqual(97);
  expect(Number(guarded?.[3])).toBeLessThanOrEqual(24); // calibrated at 1% + 5% FPR

  const adv = /fooled the model on (\d+)\/16 digits; guards caught (\d+)\/(\d+)/.exec(lines['adversarial input'] ?? '');
  expect(Number(adv?.[1])).toBeGreaterThanOrEqual(8);
  expect(Number(adv?.[2]) / Number(adv?.[3])).toBeGreaterThanOrEqual(0.8);

  const ext =
    /flagged the attacker at query (\d+) \(W ([\d.]+) < 0\.91\), honest client not flagged \(W ([\d.]+)\); (\d+) answers perturbed \(mean L1 ([\d.]+), top-1 kept (\d+)\/(\d+)\)/.exec(
      lines['extraction attacker'] ?? '',
    );
  expect(ext).not.toBeNull();
  expect(Number(ext?.[1])).toBeLessThanOrEqual(150);
  expect(Number(ext?.[3])).toBeGreaterThanOrEqual(0.91);
  expect(Number(ext?.[4])).toBeGreaterThan(0);
  expect(Number(ext?.[5])).toBeGreaterThan(0.05);
  expect(ext?.[6]).toBe(ext?.[7]);

  const wm =
    /^stolen copy: DETECTED (\d+)\/64 bits, p = ([\d.e+-]+) .*unmarked original: (\d+)\/64, p = ([\d.]+)$/.exec(
      lines.watermark ?? '',
    );
  expect(wm).not.toBeNull();
  expect(Number(wm?.[2])).toBeLessThan(1e-6);
  expect(Number(wm?.[4])).toBeGreaterThan(1e-3);

  const drift =
    /^clean traffic: drift false \(p confidence ([\d.e+-]+), ink ([\d.e+-]+)\); faded scans: drift true \(p ([\d.e+-]+), ([\d.e+-]+)\)$/.exec(
      lines['drift report'] ?? '',
    );
  expect(drift).not.toBeNull();
  expect(Number(drift?.[3])).toBeLessThan(1e-6);

  expect(lines['audit log']).toMatch(
    /^9 entries, Ed25519-signed hash chain verifies \(head [0-9a-f]{16}…\); one edited entry: hash_mismatch at seq 3$/,
  );
}, 240_000);

test('without the shared data it names MODELSEC_SHARED_DATA and exits non-zero', () => {
  const run = spawnSync(process.execPath, [MAIN], {
    encoding: 'utf8',
    env: { ...process.env, MODELSEC_SHARED_DATA: join(import.meta.dirname, 'no-such-folder') },
  });
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(
    /shared data folder .* was not found .* Set MODELSEC_SHARED_DATA .* Nothing is downloaded\./,
  );
});
