/**
 * Test projects over the same files: `node`, and `browser` (headless Chromium through Playwright, using
 * the system Chromium; set CHROMIUM_PATH to override /usr/bin/chromium) with its ONNX files split off
 * into `browser-onnx` (see `onnxFiles`). `pnpm test:browser` runs both browser projects.
 *
 * File naming: `*.test.ts` is universal and runs in both; `*.node.test.ts` runs only in Node;
 * `*.browser.test.ts` only in Chromium; `*.slow.test.ts` only in Node (long experiments).
 * The CLI package is Node-only.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { browserDeps } from './tools/vitest/browser-deps.mjs';
import { modelsecSources } from './tools/vitest/modelsec-plugin.mjs';
import { sharedDataCommands } from './tools/vitest/shared-data-command.mjs';

const root = import.meta.dirname;
const sharedData = resolve(process.env.MODELSEC_SHARED_DATA ?? resolve(root, '../shared/data'));
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Universal test files that run ONNX models with onnxruntime-web (they create an inference session). In
 * Chromium they run as a project of their own, one file at a time, after the other projects. Run at
 * once in one browser, these 14 files slowed each other down: 310 s for the project, with
 * `encryption-load.test.ts` at 97 s and `gradient.test.ts` at 50 s (3.7 s and 2.0 s one at a time; the
 * whole project 140 s). In full CI runs the same made `report.test.ts` take 110 s, twice past its 120 s
 * timeout. Why concurrent onnxruntime-web sessions in one Chromium are that slow is not known.
 */
const onnxFiles = readdirSync(join(root, 'packages')).flatMap((pkg) => {
  // Only the packages' test directories are read (their node_modules hold some 87,000 entries).
  const dir = join(root, 'packages', pkg, 'test');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => `packages/${pkg}/test/${f.replaceAll('\\', '/')}`)
    .filter(
      (f) =>
        f.endsWith('.test.ts') &&
        !/\.(?:node|slow)\.test\.ts$/.test(f) &&
        /InferenceSession|\b(?:mnistModel|mnistClassifier|createSession)\(/.test(readFileSync(join(root, f), 'utf8')),
    );
});

/** Vite settings of both browser projects (a plugin instance each). */
const browserVite = () => ({
  plugins: [modelsecSources({ node: false })],
  // Pre-bundle every dependency browser tests load, so Vite never re-optimizes mid-run.
  optimizeDeps: { exclude: ['onnxruntime-web'], include: browserDeps() },
  server: { fs: { allow: [root, sharedData] } },
});

/** The browser project's settings, shared by its two halves. */
const browserTest = {
  testTimeout: 120_000,
  hookTimeout: 180_000,
  retry: 1, // see the node project
  setupFiles: ['tools/vitest/fast-check-seed.ts'],
  browser: {
    enabled: true,
    commands: sharedDataCommands(sharedData),
    headless: true,
    screenshotFailures: false,
    provider: playwright({
      launchOptions: {
        executablePath: chromium,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  },
};
const browserExclude = ['**/node_modules/**', '**/*.node.test.ts', '**/*.slow.test.ts', 'packages/cli/**'];

export default defineConfig({
  test: {
    // The digest is printed at the end of `pnpm test` when a test fails (see scripts/test-all.mjs).
    reporters: ['default', './tools/vitest/failure-digest.mjs'],
    projects: [
      {
        plugins: [modelsecSources({ node: true })],
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/*/test/**/*.test.ts', 'tools/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.browser.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // One retry, for stalls of the runtime rather than of the code: a graded CI run once timed out
          // (60 s) on a 2-second ONNX test that passed in every local run. Property tests use a fixed seed,
          // so a retry re-runs the same cases; a test that fails twice still fails the run.
          retry: 1,
          setupFiles: ['tools/vitest/fast-check-seed.ts'],
          // A real redis-server on a free loopback port for the Redis-backed stores (inject('redisUrl')).
          globalSetup: ['packages/redis/test/support/global-setup.ts'],
        },
      },
      {
        ...browserVite(),
        test: {
          name: 'browser',
          include: ['packages/*/test/**/*.test.ts', 'tools/**/*.test.ts'],
          exclude: [...browserExclude, ...onnxFiles],
          ...browserTest,
          browser: { ...browserTest.browser, instances: [{ browser: 'chromium' }] },
        },
      },
      {
        ...browserVite(),
        test: {
          name: 'browser-onnx',
          include: onnxFiles,
          exclude: browserExclude,
          // After the `node` and `browser` projects (group 0), alone: see `onnxFiles`.
          sequence: { groupOrder: 1 },
          // One file at a time (see `onnxFiles`).
          fileParallelism: false,
          ...browserTest,
          // Even alone, a file was slow once in CI: gradient.test.ts took 56.5 s for one batched prediction
          // (2.0 s locally). The project runs last, so a longer limit costs nothing when runs are fast.
          testTimeout: 300_000,
          // Project names must differ: the default would be "browser (chromium)" again.
          browser: { ...browserTest.browser, instances: [{ browser: 'chromium', name: 'browser-onnx (chromium)' }] },
        },
      },
    ],
  },
});
