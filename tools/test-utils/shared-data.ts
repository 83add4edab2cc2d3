/**
 * Read the external test data in `../shared/data` (relative to the repository root; override with
 * MODELSEC_SHARED_DATA). In Node (tests, benchmarks) it is read from disk; in Chromium through the
 * `readSharedData` browser command (tools/vitest/shared-data-command.mjs), over the test runner's own
 * WebSocket channel rather than an HTTP fetch from the dev server.
 */
import { settleWithin } from './retry';
import { isNode } from './runtime';

/** Absolute path of the shared data folder (Node only). */
export async function sharedDataDir(): Promise<string> {
  const { fileURLToPath } = await import(/* @vite-ignore */ 'node:url' as string);
  const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env;
  return env?.MODELSEC_SHARED_DATA ?? fileURLToPath(new URL('../../../shared/data', import.meta.url));
}

/** Read a shared data file as bytes. */
export async function readSharedBytes(rel: string): Promise<Uint8Array> {
  const clean = rel.replace(/^\/+/, '');
  if (isNode) {
    const fs = await import(/* @vite-ignore */ 'node:fs/promises' as string);
    return new Uint8Array(await fs.readFile(`${await sharedDataDir()}/${clean}`));
  }
  const { commands } = await import('vitest/browser');
  const read = (commands as unknown as { readSharedData(rel: string): Promise<string> }).readSharedData;
  const base64 = await settleWithin(() => read(clean), { ms: 30_000, attempts: 3, what: `shared data ${rel}` });
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Read a shared data file as UTF-8 text. */
export async function readSharedText(rel: string): Promise<string> {
  return new TextDecoder().decode(await readSharedBytes(rel));
}

/** Read and parse a shared JSON file. */
export async function readSharedJSON<T = unknown>(rel: string): Promise<T> {
  return JSON.parse(await readSharedText(rel)) as T;
}

/** Read a shared data file as a `File` (what a browser app gets from an input or a drop). */
export async function readSharedFile(rel: string, name = rel.split('/').pop() ?? rel): Promise<File> {
  return new File([(await readSharedBytes(rel)) as Uint8Array<ArrayBuffer>], name);
}

/** True when the shared data folder exists (always the case in CI). */
export async function hasSharedData(): Promise<boolean> {
  try {
    await readSharedBytes('README.md');
    return true;
  } catch {
    return false;
  }
}
