// Shared helpers for benchmarks: machine description, results JSON under bench/results/, and the
// generated tables in bench/README.md (between `<!-- bench:<name> -->` and `<!-- /bench:<name> -->`).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

export const benchRoot = join(import.meta.dirname, '..');

/** What the numbers were measured on. */
export function machine() {
  const cpu = cpus();
  let openssl = null;
  try {
    openssl = execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim();
  } catch {}
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    openssl,
  };
}

/**
 * Write `bench/results/<name>.json` with the machine, the command that produced it and the results.
 * @param {string} name @param {{ command: string, results: unknown, notes?: string[] }} data
 */
export function writeResults(name, data) {
  const file = join(benchRoot, 'results', `${name}.json`);
  writeFileSync(file, `${JSON.stringify({ name, machine: machine(), ...data }, null, 2)}\n`);
  return file;
}

/**
 * Render rows as a Markdown table.
 * @param {string[]} header @param {(string|number)[][]} rows
 */
export function markdownTable(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map((r) => line(r.map(String)))].join('\n');
}

/**
 * Replace the generated section `name` of bench/README.md (created at the end when missing).
 * @param {string} name @param {string} markdown
 */
export function updateReadme(name, markdown) {
  const file = join(benchRoot, 'README.md');
  const text = readFileSync(file, 'utf8');
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  const next =
    i >= 0 && j > i ? text.slice(0, i) + block + text.slice(j + end.length) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}

/** Format a number with a fixed number of significant digits. */
export function sig(x, digits = 3) {
  return Number.isFinite(x) ? Number(x.toPrecision(digits)).toString() : String(x);
}

/**
 * Best wall time in ms of `rounds` calls of `fn` (awaited), after min(3, rounds) warm-up calls (JIT): every
 * row of a table is timed alike, in its optimized steady state.
 * @param {number} rounds @param {() => unknown} fn
 */
export async function bestMs(rounds, fn) {
  for (let w = 0; w < Math.min(3, rounds); w++) await fn();
  let min = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    await fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}
