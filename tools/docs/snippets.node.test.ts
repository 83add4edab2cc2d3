/**
 * The docs cannot rot: every code block of every guide (docs/*.md and docs/standards/*.md, not
 * docs/api) is type-checked and executed against the package sources, or explicitly marked as not
 * runnable. Conventions (info-string flags, hidden setup/check comments, fixtures) are in
 * tools/docs/README.md.
 *
 * - ts/js blocks: type-checked together (strict), then each is imported as an ES module from a fresh
 *   temporary working directory, with its hidden setup before it and its hidden check after it.
 * - sh blocks: each command runs in a fresh temporary directory; `modelsec ...` runs the CLI in-process
 *   (`runCli` from the sources), other commands run through bash. Exit codes must be 0 unless the block
 *   says otherwise (`exit=1`, or one code per command: `exit=0,1`). `synopsis` blocks (usage lines with
 *   placeholders) are checked against the CLI's declared commands and options instead of being run.
 * - json blocks must parse. text blocks, and blocks flagged `ignore`, are documentation only; `no-run`
 *   blocks are type-checked (ts) but not executed.
 * - a block without a known language fails: mark it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commands, runCli } from '@modelsec/cli';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { type BlockModules, linkDependencies, type SnippetModule, typecheck, writeBlockModules } from './compile';
import { type ShellResult, shell } from './fixtures';
import { type DocBlock, parseGuide } from './markdown';
import { checkSynopsis, parseShell } from './shell';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(here, '../..');
const fixtures = join(here, 'fixtures.ts');
const GLOBAL_OPTIONS = ['help', 'json', 'no-progress', 'version'];
const DEFAULT_TIMEOUT = 60_000;

/**
 * The guides: docs/*.md and the Markdown files in docs/ subfolders, except the generated API site.
 * `MODELSEC_DOCS=scanner,signing` narrows a local run to guides whose path contains one of the words.
 */
function listGuides(): string[] {
  const only = (process.env.MODELSEC_DOCS ?? '').split(',').filter(Boolean);
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(repoRoot, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory() && rel !== 'docs/api') walk(rel);
      else if (entry.isFile() && entry.name.endsWith('.md')) out.push(rel);
    }
  };
  walk('docs');
  return out.filter((f) => only.length === 0 || only.some((w) => f.includes(w))).sort();
}

// The node project's globalSetup runs a real redis-server; Redis snippets connect to REDIS_URL.
const redisUrl = inject('redisUrl');
if (redisUrl) process.env.REDIS_URL = redisUrl;

const work = mkdtempSync(join(tmpdir(), 'modelsec-docs-'));
const guides = listGuides().map((file) => ({ file, ...parseGuide(file, readFileSync(join(repoRoot, file), 'utf8')) }));
const modules = new Map<DocBlock, BlockModules>();
let index = 0;
for (const guide of guides) {
  for (const block of guide.blocks) {
    if (block.attrs.ignore || !['ts', 'js', 'shell'].includes(block.kind)) continue;
    if (block.kind === 'shell' && (block.attrs['no-run'] || block.attrs.synopsis)) continue;
    modules.set(block, writeBlockModules(block, work, index++, fixtures));
  }
}
linkDependencies(
  work,
  [...modules.values()]
    .flatMap((m) => [m.main, m.setup, m.check])
    .flatMap((m) => (m ? [readFileSync(m.path, 'utf8')] : [])),
  repoRoot,
);

let diagnostics = new Map<string, string[]>();
beforeAll(() => {
  const all = [...modules.values()].flatMap((m) => [m.main, m.setup, m.check]).filter((m) => m !== undefined);
  diagnostics = typecheck(all as SnippetModule[], repoRoot);
}, 180_000);

describe.each(guides)('$file', ({ file, blocks, problems }) => {
  it('has well-formed snippet directives', () => {
    expect(problems).toEqual([]);
  });
  if (blocks.length === 0) return;
  for (const block of blocks) {
    const name = `${file}:${block.line} ${block.lang || '(no language)'}${Object.keys(block.attrs)
      .map((k) => ` ${k}`)
      .join('')}`;
    const timeout = Number(block.attrs.timeout ?? DEFAULT_TIMEOUT);
    it(name, { timeout }, () => runBlock(block));
  }
});

async function runBlock(block: DocBlock): Promise<void> {
  const where = `${block.file}:${block.line}`;
  if (block.attrs.ignore || block.kind === 'text') return;
  if (block.kind === 'unmarked') {
    throw new Error(
      `${where}: code block with ${block.lang ? `unknown language "${block.lang}"` : 'no language'}: use ts, js, sh, json or text (see tools/docs/README.md)`,
    );
  }
  if (block.kind === 'json') {
    JSON.parse(block.code);
    return;
  }
  if (block.kind === 'shell') {
    if (block.attrs.synopsis) {
      expect(checkSynopsis(block.code, block.codeLine, commands, GLOBAL_OPTIONS), where).toEqual([]);
      return;
    }
    if (block.attrs['no-run']) return;
    return runShellBlock(block, modules.get(block) ?? {});
  }
  const main = modules.get(block)?.main as SnippetModule;
  expect(diagnostics.get(main.path) ?? [], `${where}: type errors`).toEqual([]);
  if (block.attrs['no-run']) return;
  await inDirectory(block, () => importModule(main));
}

/** Run `fn` with a fresh temporary working directory (fixtures are made there). */
async function inDirectory<T>(block: DocBlock, fn: (cwd: string) => Promise<T>): Promise<T> {
  const cwd = mkdtempSync(join(work, `cwd-${block.line}-`));
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    return await fn(cwd);
  } finally {
    process.chdir(previous);
  }
}

async function importModule(module: SnippetModule): Promise<void> {
  try {
    await import(/* @vite-ignore */ module.path);
  } catch (error) {
    throw locate(error, module);
  }
}

/** Point an error's message at the guide line its stack names. */
function locate(error: unknown, module: SnippetModule): Error {
  const err = error instanceof Error ? error : new Error(String(error));
  const name = module.path.split('/').pop() as string;
  const m = new RegExp(`${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+)`).exec(err.stack ?? '');
  const mdLine = m ? module.lines[Number(m[1]) - 1] : 0;
  err.message = `${module.file}${mdLine ? `:${mdLine}` : ''}: ${err.message}`;
  return err;
}

async function runShellBlock(block: DocBlock, mods: BlockModules): Promise<void> {
  for (const m of [mods.setup, mods.check]) {
    if (m) expect(diagnostics.get(m.path) ?? [], `${block.file}:${block.line}: type errors`).toEqual([]);
  }
  const list = parseShell(block.code, block.codeLine);
  const exits = String(block.attrs.exit ?? '0')
    .split(',')
    .map(Number);
  if (exits.length !== 1 && exits.length !== list.length) {
    throw new Error(`${block.file}:${block.line}: exit= lists ${exits.length} codes for ${list.length} commands`);
  }
  await inDirectory(block, async (cwd) => {
    if (mods.setup) await importModule(mods.setup);
    const results: ShellResult[] = [];
    for (const [k, command] of list.entries()) {
      const result = await runCommand(command, cwd);
      results.push(result);
      const expected = exits.length === 1 ? exits[0] : exits[k];
      const report = `${block.file}:${command.line}: \`${command.source}\` exited ${result.code} (expected ${expected})\nstdout: ${result.stdout.slice(0, 2000)}\nstderr: ${result.stderr.slice(0, 2000)}`;
      if (result.code !== expected || /unexpected error/.test(result.stderr)) throw new Error(report);
    }
    shell.results = results;
    if (mods.check) await importModule(mods.check);
  });
}

async function runCommand(command: ReturnType<typeof parseShell>[number], cwd: string): Promise<ShellResult> {
  const stdin =
    command.stdin === undefined ? new Uint8Array() : new Uint8Array(readFileSync(resolve(cwd, command.stdin)));
  let stdout = '';
  let stderr = '';
  let code: number;
  if (command.argv[0] === 'modelsec') {
    code = await runCli(command.argv.slice(1), {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      readStdin: async () => stdin,
      env: { ...process.env, ...command.env },
      cwd,
    });
  } else {
    const r = spawnSync('bash', ['-c', command.source], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, ...command.env },
    });
    code = r.status ?? 1;
    stdout = r.stdout;
    stderr = r.stderr;
  }
  if (command.argv[0] === 'modelsec' && command.stdout !== undefined) {
    const target = resolve(cwd, command.stdout);
    mkdirSync(resolve(target, '..'), { recursive: true });
    writeFileSync(target, stdout);
  }
  return { argv: command.argv, code, stdout, stderr, cwd: relative(work, cwd) };
}
