/**
 * Turns the code blocks of the guides into modules on disk and type-checks them with the TypeScript
 * compiler against the package sources (the root tsconfig's `paths`), for the docs snippet test.
 *
 * Each runnable block becomes one ES module: its hidden setup, the block, its hidden check, then
 * `export {}`. Modules live in a temporary folder outside the repository; a `node_modules` there links
 * every bare import the snippets use to the workspace package that depends on it, so `zod` or
 * `@modelsec-test/utils` resolve as they would in an app. `docs-fixtures` is rewritten to
 * tools/docs/fixtures.ts (helpers for hidden setup code).
 */
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import type { DocBlock } from './markdown';

/** A generated module and how its lines map back to the guide. */
export interface SnippetModule {
  /** Absolute path of the module. */
  path: string;
  /** The guide it comes from (relative to the repository root). */
  file: string;
  /** Markdown line for each 0-based line of the module (`0` for harness lines). */
  lines: number[];
}

/** The modules of one block: the block itself, or for shell blocks its setup and check. */
export interface BlockModules {
  /** The block (TS/JS blocks). */
  main?: SnippetModule;
  /** Hidden setup of a shell block. */
  setup?: SnippetModule;
  /** Hidden check of a shell block. */
  check?: SnippetModule;
}

const FIXTURES = /(['"])docs-fixtures\1/g;

/**
 * Write a block's module(s) into `dir`; `index` keeps file names unique.
 *
 * @example
 * ```ts
 * const modules = writeBlockModules(block, '/tmp/docs-x', 3, '/repo/tools/docs/fixtures.ts');
 * ```
 */
export function writeBlockModules(block: DocBlock, dir: string, index: number, fixtures: string): BlockModules {
  const base = `${block.file.replace(/[^A-Za-z0-9]+/g, '_')}_${block.line}_${index}`;
  const ext = block.kind === 'js' ? 'mjs' : 'ts';
  const fix = (code: string) => code.replace(FIXTURES, (_, q: string) => `${q}${fixtures.replace(/\.ts$/, '')}${q}`);
  const write = (name: string, parts: { code: string; line: number }[]): SnippetModule => {
    const text: string[] = [`// generated from ${block.file}:${block.line}`];
    const lines = [0];
    for (const part of parts) {
      const codeLines = fix(part.code).split('\n');
      codeLines.forEach((l, k) => {
        text.push(l);
        lines.push(part.line + k);
      });
    }
    text.push('export {};', '');
    lines.push(0, 0);
    const path = join(dir, `${name}.${ext}`);
    writeFileSync(path, text.join('\n'));
    return { path, file: block.file, lines };
  };
  if (block.kind === 'shell') {
    return {
      ...(block.setup ? { setup: write(`${base}.setup`, [block.setup]) } : {}),
      ...(block.check ? { check: write(`${base}.check`, [block.check]) } : {}),
    };
  }
  const parts = [block.setup, { code: block.code, line: block.codeLine }, block.check].filter(
    (p): p is { code: string; line: number } => p !== undefined,
  );
  return { main: write(base, parts) };
}

/**
 * Link every bare package the modules import into `dir/node_modules`, from the first workspace
 * package (root, packages/*, tools/test-utils, examples/*, bench) that has it installed. Packages
 * nobody installed stay unlinked (the type check and the run then report them).
 *
 * @example
 * ```ts
 * linkDependencies('/tmp/docs-x', sources, '/repo');
 * ```
 */
export function linkDependencies(dir: string, sources: readonly string[], repoRoot: string): void {
  const names = new Set<string>();
  for (const source of sources) {
    for (const m of source.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*(['"])([^'"]+)\1/g)) {
      const spec = m[2] as string;
      if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:') || isBuiltin(spec)) continue;
      if (spec.startsWith('@modelsec/') || spec === 'docs-fixtures') continue;
      const parts = spec.split('/');
      names.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string));
    }
  }
  const roots = [repoRoot, ...workspaceDirs(repoRoot)];
  for (const name of names) {
    const from = roots.map((r) => join(r, 'node_modules', name)).find((p) => existsSync(p));
    const to = join(dir, 'node_modules', name);
    if (!from || existsSync(to)) continue;
    mkdirSync(dirname(to), { recursive: true });
    symlinkSync(from, to, 'dir');
  }
}

function workspaceDirs(repoRoot: string): string[] {
  const list = (folder: string) =>
    existsSync(join(repoRoot, folder))
      ? readdirSync(join(repoRoot, folder), { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => join(repoRoot, folder, d.name))
      : [];
  return [...list('packages'), join(repoRoot, 'tools/test-utils'), ...list('examples'), join(repoRoot, 'bench')];
}

/**
 * Type-check the modules in one program (the root tsconfig's options and `paths`, under `strict`,
 * without the repository's extra `noUncheckedIndexedAccess` and `verbatimModuleSyntax`). Returns the
 * diagnostics of each module, located in the guide (`docs/x.md:12: message`); only the snippet files
 * are checked, not the package sources they import.
 *
 * @example
 * ```ts
 * const errors = typecheck([module], '/repo'); // Map<path, string[]>
 * ```
 */
export function typecheck(modules: readonly SnippetModule[], repoRoot: string): Map<string, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(repoRoot, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('cannot read tsconfig.json');
  const options: ts.CompilerOptions = {
    ...config.options,
    noEmit: true,
    types: ['node'],
    typeRoots: [join(repoRoot, 'node_modules/@types')],
    noUncheckedIndexedAccess: false,
    verbatimModuleSyntax: false,
    allowJs: true,
    checkJs: false,
    skipLibCheck: true,
    moduleDetection: ts.ModuleDetectionKind.Force,
    incremental: false,
  };
  const program = ts.createProgram({ rootNames: modules.map((m) => m.path), options });
  const result = new Map<string, string[]>();
  for (const module of modules) {
    const source = program.getSourceFile(module.path);
    if (!source) {
      result.set(module.path, [`${module.path}: not part of the program`]);
      continue;
    }
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    result.set(
      module.path,
      diagnostics.map((d) => {
        const { line } = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: -1 };
        const mdLine = module.lines[line] ?? 0;
        const where = mdLine > 0 ? `${module.file}:${mdLine}` : `${relative(repoRoot, module.path)}:${line + 1}`;
        return `${where}: TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      }),
    );
  }
  return result;
}
