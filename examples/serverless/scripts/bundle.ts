/**
 * Bundle `src/worker.ts` for a web-only runtime (no Node built-ins), as an edge deployment would,
 * against the BUILT @modelsec packages. Used by `pnpm build` (writes `dist/worker.js`) and by the tests.
 */
import { join } from 'node:path';
import { build } from 'esbuild';

const EXAMPLE_DIR = join(import.meta.dirname, '..');

/** The bundled worker as one IIFE script. */
export async function bundleWorker(): Promise<string> {
  const out = await build({
    entryPoints: [join(EXAMPLE_DIR, 'src', 'worker.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    conditions: ['edge-light', 'worker', 'browser'],
    target: 'es2022',
    logLevel: 'silent',
  });
  return out.outputFiles[0]?.text as string;
}
