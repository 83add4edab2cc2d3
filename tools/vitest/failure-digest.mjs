/**
 * A vitest reporter that writes one short paragraph per failed test (project, file, name, the first lines
 * of each error and its first stack frame outside node_modules) to the file named by
 * MODELSEC_FAILURE_DIGEST. `pnpm test` prints that file after its step summary, so the end of a CI log,
 * often all that is kept of it, says what failed and why. Without the variable it does nothing.
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';

// biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
const ANSI = /\u001b\[[0-9;]*m/g;
const MAX_TESTS = 8;
const MAX_LINES = 4;

/** First `MAX_LINES` non-empty lines of a message, each cut to 200 characters. */
function lines(text) {
  return String(text ?? '')
    .replace(ANSI, '')
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '')
    .slice(0, MAX_LINES)
    .map((l) => (l.length > 200 ? `${l.slice(0, 200)}…` : l));
}

/** The first stack frame outside node_modules, if any. */
function frame(stack) {
  const l = String(stack ?? '')
    .replace(ANSI, '')
    .split('\n')
    .find((s) => /^\s*at /.test(s) && !s.includes('node_modules'));
  // Browser frames are dev-server URLs: keep the path, drop origin, root and query.
  return l
    ?.trim()
    .replace(`${process.cwd()}/`, '')
    .replace(/https?:\/\/[^/\s]+\//, '')
    .replace(`${process.cwd().replace(/^\//, '')}/`, '')
    .replace(/\?[^:\s]*(?=:\d+:\d+)/, '');
}

/** Name and first lines of an error, then its frame. */
function describe(e) {
  const msg = lines(e.message);
  if (e.name && e.name !== 'Error' && msg[0]) msg[0] = `${e.name}: ${msg[0]}`;
  return [...msg, frame(e.stack) ?? ''];
}

export default class FailureDigest {
  onTestRunEnd(testModules, unhandledErrors) {
    const out = process.env.MODELSEC_FAILURE_DIGEST;
    if (!out) return;
    const parts = [];
    let failed = 0;
    for (const mod of testModules) {
      const file = relative(process.cwd(), mod.moduleId);
      const project = mod.project?.name ?? '';
      const errors = mod.errors?.() ?? [];
      for (const e of errors) {
        failed++;
        if (parts.length < MAX_TESTS) parts.push([`[${project}] ${file} (file)`, ...describe(e)]);
      }
      for (const test of mod.children.allTests('failed')) {
        failed++;
        if (parts.length >= MAX_TESTS) continue;
        const errs = test.result().errors ?? [];
        const p = [`[${project}] ${file} > ${test.fullName} (${errs.length} error${errs.length === 1 ? '' : 's'})`];
        // A retried test repeats its error: print each distinct one once.
        const seen = new Set();
        for (const e of errs) {
          const d = describe(e).filter(Boolean);
          const key = d.join('\n');
          if (seen.has(key) || seen.size >= 2) continue;
          seen.add(key);
          p.push(...d.map((l) => `  ${l}`));
        }
        parts.push(p);
      }
    }
    for (const e of unhandledErrors ?? []) {
      failed++;
      if (parts.length < MAX_TESTS) parts.push(['unhandled error', ...describe(e)]);
    }
    const text = failed
      ? `${failed} failure${failed === 1 ? '' : 's'}${failed > MAX_TESTS ? ` (first ${MAX_TESTS})` : ''}:\n${parts
          .map((p) => p.filter(Boolean).join('\n'))
          .join('\n')}\n`
      : '';
    writeFileSync(out, text);
  }
}
