/**
 * The command contract of the `modelsec` CLI: every subcommand is a plain object registered in
 * `commands/index.ts`. Options are declared, parsed strictly (unknown flags are usage errors) and
 * handed to `run` with the I/O it must use, so commands are testable without a process.
 */

/** Exit codes of the CLI. */
export const EXIT = Object.freeze({ ok: 0, failed: 1, usage: 2 });

/** A declared option. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Placeholder shown in help, e.g. `<pem>`. */
  valueName?: string;
  description: string;
}

/** Where a command reads and writes. */
export interface CliIO {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown; isTTY?: boolean; columns?: number };
  /** Reads all of standard input (for `-` file arguments). */
  readStdin(): Promise<Uint8Array>;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/** What a command's `run` receives. */
export interface CommandContext {
  /** Positional arguments after the command name(s). */
  positionals: string[];
  /** Parsed option values (booleans, strings or string arrays). */
  values: Record<string, string | boolean | string[] | undefined>;
  /** True when `--json` was given: print one JSON document on stdout. */
  json: boolean;
  io: CliIO;
  /** Print a result: `json` as JSON when `--json`, else the `text` lines. */
  print(text: string | string[], json?: unknown): void;
  /** A progress bar on stderr (a no-op unless stderr is a TTY and --no-progress is absent). */
  progress(label: string, total: number): Progress;
}

/** A progress indicator. */
export interface Progress {
  /** Advance by `delta` units (bytes, files...). */
  tick(delta: number): void;
  /** Clear the bar. */
  done(): void;
}

/** A CLI command (or a group of subcommands). */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Usage line(s) after `modelsec <name>`, e.g. `<path> [--json]`. */
  usage?: string;
  /** Longer help text. */
  description?: string;
  options?: Record<string, OptionSpec>;
  /** Minimum and maximum number of positionals (default 0..Infinity). */
  positionals?: { min?: number; max?: number };
  /** Subcommands (`watermark embed`), dispatched by the first positional. */
  subcommands?: Command[];
  /** Run the command; the returned number is the exit code (default 0). */
  run?(ctx: CommandContext): Promise<number | undefined> | number | undefined;
}

/** Thrown for bad invocations: the CLI prints the message and the usage, then exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Identity helper that types a command object.
 *
 * @example
 * ```ts
 * export default defineCommand({ name: 'hello', summary: 'say hello', run: (ctx) => { ctx.print('hello'); return 0; } });
 * ```
 */
export function defineCommand(command: Command): Command {
  return command;
}
