/**
 * Test helpers: run the service as a user would (`node --import tsx src/main.ts`, a separate process on
 * the built packages) on a free loopback port, call it, and build the clients' inputs (legitimate
 * digits, an ink-only perturbation attacker that passes the input guards, FGSM digits).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRng } from '@modelsec/redteam';
import { loadMnist } from '@modelsec-test/utils';

/** The example's folder. */
export const EXAMPLE_DIR = join(import.meta.dirname, '..');

/** A service process. */
export interface ServiceProcess {
  url: string;
  proc: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

function run(dir: string, env: Record<string, string>): { proc: ChildProcess; output: () => string } {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: EXAMPLE_DIR,
    env: { ...process.env, MODELSEC_SERVICE_DIR: dir, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d) => {
    out += String(d);
  });
  proc.stderr?.on('data', (d) => {
    out += String(d);
  });
  return { proc, output: () => out };
}

/** Start the service and wait for its "listening on" line. */
export function startService(dir: string, env: Record<string, string> = {}): Promise<ServiceProcess> {
  const { proc, output } = run(dir, env);
  return new Promise((resolve, reject) => {
    const check = () => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output());
      if (!m) return;
      proc.stdout?.off('data', check);
      resolve({
        url: m[1] as string,
        proc,
        output,
        stop: () =>
          new Promise<void>((done) => {
            if (proc.exitCode !== null) return done();
            proc.once('exit', () => done());
            proc.kill('SIGTERM');
          }),
      });
    };
    proc.stdout?.on('data', check);
    proc.once('exit', (code) => reject(new Error(`service exited with ${code}: ${output()}`)));
  });
}

/** Start the service expecting it to refuse: resolves to its exit code and output. */
export function startExpectingRefusal(dir: string): Promise<{ code: number | null; output: string }> {
  const { proc, output } = run(dir, {});
  return new Promise((resolve) => {
    proc.once('exit', (code) => resolve({ code, output: output() }));
  });
}

/** The demo clients' API keys written by the release step. */
export async function clientKeys(dir: string): Promise<Record<'alice' | 'mallory' | 'auditor', string>> {
  return JSON.parse(await readFile(join(dir, 'secrets', 'client-keys.json'), 'utf8'));
}

/** POST pixels to /v1/predict. */
export async function predict(
  url: string,
  key: string | undefined,
  pixels: ArrayLike<number> | unknown,
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`${url}/v1/predict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
    body: JSON.stringify(
      pixels instanceof Float32Array || Array.isArray(pixels)
        ? { pixels: Array.from(pixels as ArrayLike<number>) }
        : pixels,
    ),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

/** GET a route with a key. */
// biome-ignore lint/suspicious/noExplicitAny: parsed JSON response bodies, inspected by the tests
export async function get(url: string, path: string, key?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}${path}`, { headers: key ? { 'x-api-key': key } : {} });
  return { status: res.status, body: await res.json() };
}

/**
 * An extraction attacker's queries: each seed digit as is, then `perSeed - 1` copies with Gaussian noise
 * (σ) on its ink pixels only, seed after seed. The queries stay digit-like (they pass the anomaly and
 * squeeze guards), but the distances to earlier same-class queries mix the natural gaps between
 * seeds with the tiny ones of the perturbed copies: not normally distributed, the pattern PRADA detects.
 */
export function inkPerturbationQueries(
  seeds: Float32Array,
  seedCount: number,
  perSeed: number,
  sigma = 0.05,
): Float32Array[] {
  const rng = createRng(7);
  const normal = () => rng.normal();
  const out: Float32Array[] = [];
  for (let s = 0; s < seedCount; s++) {
    const base = seeds.subarray(s * 784, (s + 1) * 784);
    out.push(Float32Array.from(base));
    for (let i = 1; i < perSeed; i++) {
      const x = new Float32Array(784);
      for (let k = 0; k < 784; k++) {
        const v = base[k] as number;
        x[k] = v > 0 ? Math.min(1, Math.max(0, v + sigma * normal())) : 0;
      }
      out.push(x);
    }
  }
  return out;
}

/**
 * `count` MNIST test digits at odd indices from `2·first + 1` on: the release step fits and calibrates
 * the guards on even indices only, so these are fresh legitimate inputs.
 */
export async function freshDigits(
  first: number,
  count: number,
): Promise<{ images: Float32Array; labels: Uint8Array; count: number }> {
  const all = await loadMnist();
  const images = new Float32Array(count * 784);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const j = 2 * (first + i) + 1;
    images.set(all.images.subarray(j * 784, (j + 1) * 784), i * 784);
    labels[i] = all.labels[j] as number;
  }
  return { images, labels, count };
}
