/**
 * Read the external test data in `../shared/data` (relative to the repository root; override with
 * MODELSEC_SHARED_DATA). In Node it is read from disk; in Chromium it is fetched from the Vite dev
 * server, which is allowed to serve that folder (see vitest.config.ts).
 */
import sharedData from 'virtual:modelsec-shared-data';
import { isNode } from './runtime';

/** Absolute path of the shared data folder. */
export const sharedDataPath: string = sharedData;

/** Absolute path of a file in the shared data folder. */
function abs(rel: string): string {
  return `${sharedDataPath}/${rel.replace(/^\/+/, '')}`;
}

/** Read a shared data file as bytes. */
export async function readSharedBytes(rel: string): Promise<Uint8Array> {
  if (isNode) {
    const fs = await import(/* @vite-ignore */ 'node:fs/promises' as string);
    return new Uint8Array(await fs.readFile(abs(rel)));
  }
  const res = await fetch(`/@fs${abs(rel)}`);
  if (!res.ok) throw new Error(`shared data ${rel}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
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
