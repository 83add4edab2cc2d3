/**
 * Tree-shaking is proven, not assumed (after zod's bundle-size test): bundle a minimal import from each
 * package's universal ESM build the way a browser app's bundler would, and check that code the import
 * does not need is absent. Needs `pnpm build` first.
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, test } from 'vitest';
import { repoRoot } from '../build/layout.mjs';

async function bundle(code: string): Promise<string> {
  const result = await build({
    stdin: { contents: code, resolveDir: join(repoRoot, 'packages/core'), loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    minify: false,
    treeShaking: true,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

describe('@modelsec/core tree-shakes', () => {
  test('bytesToHex alone pulls in no hash implementation, rules or model adapters', async () => {
    const out = await bundle(
      `import { bytesToHex } from '@modelsec/core'; console.log(bytesToHex(new Uint8Array(1)));`,
    );
    expect(out).toContain('bytesToHex');
    for (const absent of ['blake3', 'Blake2b', 'classifierFromOnnx', 'runRules', 'guard(', 'softmax']) {
      expect(out, `${absent} should be tree-shaken`).not.toContain(absent);
    }
    expect(out.length).toBeLessThan(12_000);
  });
  test('digest pulls in the hashes but not guard() or the model adapters', async () => {
    const out = await bundle(`import { digest } from '@modelsec/core'; console.log(await digest('sha256', 'x'));`);
    expect(out).toContain('SHA-256');
    for (const absent of ['classifierFromOnnx', 'runRules', 'withQueryBudget']) {
      expect(out, `${absent} should be tree-shaken`).not.toContain(absent);
    }
  });
  test('the browser bundle never contains node: imports', async () => {
    const out = await bundle(`import * as core from '@modelsec/core'; console.log(Object.keys(core));`);
    expect(out).not.toMatch(/["']node:/);
  });
});
