/**
 * Runs the demo as `pnpm demo` does (a plain Node process on the built packages) and checks that every
 * step printed its evidence.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';

test('the demo tells its story with evidence', () => {
  const out = execFileSync(process.execPath, [join(import.meta.dirname, '../src/main.mjs')], { encoding: 'utf8' });
  const lines = Object.fromEntries(
    out
      .trim()
      .split('\n')
      .map((l) => [l.slice(0, 22).trim(), l.slice(23)]),
  );
  expect(lines.model).toMatch(/sha256:[0-9a-f]{64}$/);
  expect(lines['tampered model']).toMatch(/^refused: IntegrityError digest_mismatch/);
  expect(lines['verified model']).toMatch(/loaded by onnxruntime-web/);
  expect(lines['guarded prediction']).toMatch(/→ setosa \(p=0\.\d{3}|→ setosa \(p=1\.000\)/);
  expect(lines['NaN input']).toBe('blocked before the model: ValidationError non_finite (model calls so far: 1)');
  expect(lines['out-of-range input']).toMatch(/clipped to 10 → \w+ \(p=/);
  expect(lines['low confidence']).toMatch(/"Unable to provide prediction" \(p=0\.\d+ < 0\.6\)/);
  expect(lines['findings log']).toMatch(/^3 findings: .*model calls: 3$/);
});
