/**
 * Two test projects over the same files: `node` and `browser` (headless Chromium through Playwright,
 * using the system Chromium; set CHROMIUM_PATH to override /usr/bin/chromium).
 *
 * File naming: `*.test.ts` is universal and runs in both; `*.node.test.ts` runs only in Node;
 * `*.browser.test.ts` only in Chromium; `*.slow.test.ts` only in Node (long experiments).
 * The CLI package is Node-only.
 */
import { resolve } from 'node:path';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { browserDeps } from './tools/vitest/browser-deps.mjs';
import { modelsecSources } from './tools/vitest/modelsec-plugin.mjs';
import { sharedDataCommands } from './tools/vitest/shared-data-command.mjs';

const root = import.meta.dirname;
const sharedData = resolve(process.env.MODELSEC_SHARED_DATA ?? resolve(root, '../shared/data'));
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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
        plugins: [modelsecSources({ node: false })],
        // Pre-bundle every dependency browser tests load, so Vite never re-optimizes mid-run.
        optimizeDeps: { exclude: ['onnxruntime-web'], include: browserDeps() },
        server: { fs: { allow: [root, sharedData] } },
        test: {
          name: 'browser',
          include: ['packages/*/test/**/*.test.ts', 'tools/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.node.test.ts', '**/*.slow.test.ts', 'packages/cli/**'],
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
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
