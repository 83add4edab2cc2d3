/**
 * `runCli(argv)`: parse global flags, dispatch to the command (and subcommand), print help, map
 * errors to exit codes: 0 ok, 1 check failed or error, 2 usage error.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isModelSecError } from '@modelsec/core';
import { type CliIO, type Command, type CommandContext, EXIT, type OptionSpec, UsageError } from './command';
import { commands } from './commands/index';
import { createProgress } from './progress';

const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  help: { type: 'boolean', short: 'h', description: 'show help' },
  json: { type: 'boolean', description: 'print one JSON document on stdout' },
  'no-progress': { type: 'boolean', description: 'never draw a progress bar' },
};

/** The CLI version (the @modelsec/cli package version). */
export const VERSION: string = readVersion();

/**
 * Run the CLI with `argv` (without the node and script paths) and return the exit code.
 *
 * @example
 * ```ts
 * const code = await runCli(['hash', './model', '--json']);
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const args = [...argv];
  if (args[0] === '--version' || args[0] === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const path: Command[] = [];
  let list = commands;
  // Walk command names (and subcommand names) from the front of argv.
  while (args.length > 0 && !(args[0] as string).startsWith('-')) {
    const name = args[0] as string;
    if (path.length === 0 && name === 'help') {
      args.shift();
      continue;
    }
    const next = list.find((c) => c.name === name);
    if (!next) {
      if (path.length === 0) return usage(io, `unknown command "${name}"`, undefined);
      break;
    }
    path.push(next);
    args.shift();
    if (!next.subcommands) break;
    list = next.subcommands;
  }
  const command = path.at(-1);
  const helpWanted = argv[0] === 'help' || args.includes('--help') || args.includes('-h');
  if (!command) {
    if (helpWanted || args.length === 0) {
      io.stdout.write(rootHelp());
      return EXIT.ok;
    }
    return usage(io, `unknown option "${args[0]}"`, undefined);
  }
  const fullName = path.map((c) => c.name).join(' ');
  if (helpWanted) {
    io.stdout.write(commandHelp(command, fullName));
    return EXIT.ok;
  }
  if (command.subcommands) {
    const what = args[0] ? `unknown subcommand "${args[0]}"` : 'missing subcommand';
    return usage(io, `${fullName}: ${what}`, command, fullName);
  }
  try {
    const ctx = parseCommand(command, args, io);
    return (await command.run?.(ctx)) ?? EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) return usage(io, `${fullName}: ${error.message}`, command, fullName);
    const json = args.includes('--json');
    if (isModelSecError(error)) {
      if (json) io.stdout.write(`${JSON.stringify({ ok: false, error: error.toJSON() })}\n`);
      io.stderr.write(`modelsec ${fullName}: ${error.code}: ${error.message}\n`);
      return EXIT.failed;
    }
    const message = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
    io.stderr.write(`modelsec ${fullName}: unexpected error: ${message}\n`);
    return EXIT.failed;
  }
}

function parseCommand(command: Command, args: string[], io: CliIO): CommandContext {
  const options = { ...GLOBAL_OPTIONS, ...command.options };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      options: Object.fromEntries(
        Object.entries(options).map(([k, o]) => [
          k,
          { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.replace(/\. To specify.*$/s, '') : 'bad arguments');
  }
  const { min = 0, max = Number.POSITIVE_INFINITY } = command.positionals ?? {};
  if (parsed.positionals.length < min) throw new UsageError(`expected at least ${min} argument(s)`);
  if (parsed.positionals.length > max) throw new UsageError(`expected at most ${max} argument(s)`);
  const values = parsed.values as CommandContext['values'];
  const json = values.json === true;
  const progressEnabled = values['no-progress'] !== true;
  return {
    positionals: parsed.positionals,
    values,
    json,
    io,
    print(text, value) {
      if (json) io.stdout.write(`${JSON.stringify(value ?? null, null, 2)}\n`);
      else io.stdout.write(`${(Array.isArray(text) ? text : [text]).join('\n')}\n`);
    },
    progress: (label, total) => createProgress(io, label, total, { enabled: progressEnabled, bytes: true }),
  };
}

function usage(io: CliIO, message: string, command: Command | undefined, fullName = ''): number {
  io.stderr.write(`modelsec: ${message}\n`);
  io.stderr.write(
    command ? `usage: modelsec ${fullName} ${command.usage ?? ''}\n` : 'usage: modelsec <command> [options]\n',
  );
  io.stderr.write(`run "modelsec ${command ? `${fullName} ` : ''}--help" for help\n`);
  return EXIT.usage;
}

function rootHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `modelsec ${VERSION}: protect machine-learning models (integrity, scanning, guards, monitoring)`,
    '',
    'usage: modelsec <command> [options]',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'global options:',
    ...formatOptions(GLOBAL_OPTIONS),
    '  -v, --version     print the version',
    '',
    'exit codes: 0 ok, 1 check failed or error, 2 usage error',
    'run "modelsec <command> --help" for the options of a command',
    '',
  ].join('\n');
}

function commandHelp(command: Command, fullName: string): string {
  const lines = [`usage: modelsec ${fullName} ${command.usage ?? ''}`.trimEnd(), '', command.summary];
  if (command.description) lines.push('', command.description);
  if (command.subcommands) {
    const width = Math.max(...command.subcommands.map((c) => c.name.length));
    lines.push('', 'subcommands:', ...command.subcommands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`));
  }
  if (command.options && Object.keys(command.options).length > 0) {
    lines.push('', 'options:', ...formatOptions(command.options));
  }
  lines.push('', 'global options:', ...formatOptions(GLOBAL_OPTIONS), '');
  return lines.join('\n');
}

function formatOptions(options: Record<string, OptionSpec>): string[] {
  const rows = Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` ${o.valueName ?? '<value>'}` : ''}`;
    return [flag, `${o.description}${o.multiple ? ' (repeatable)' : ''}`] as const;
  });
  const width = Math.max(16, ...rows.map(([f]) => f.length));
  return rows.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`);
}

function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    async readStdin() {
      const chunks: Uint8Array[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Uint8Array);
      return new Uint8Array(Buffer.concat(chunks));
    },
  };
}

function readVersion(): string {
  try {
    // dist/run-*.js and src/run.ts both sit one level below the package root.
    const url = new URL('../package.json', import.meta.url);
    return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
