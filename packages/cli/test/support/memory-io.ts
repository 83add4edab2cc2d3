/**
 * In-memory `CliIO` for the CLI tests: captured stdout/stderr, a chosen working directory (a fresh
 * temporary folder by default), environment and standard input, and a non-TTY stderr unless asked.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIO } from '@modelsec/cli';

/** What `memoryIO` can set. */
export interface MemoryIOOptions {
  /** Working directory (default: a new folder under the OS temp dir). */
  cwd?: string;
  /** Environment variables the command sees (default: none). */
  env?: Record<string, string>;
  /** Standard input (default: empty). */
  stdin?: string | Uint8Array;
  /** Whether stderr claims to be a terminal (default false: no progress bars). */
  tty?: boolean;
}

/** A CLI I/O that records what a command prints. */
export function memoryIO(options: MemoryIOOptions = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const stdin = options.stdin ?? '';
  const io: CliIO = {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s), isTTY: options.tty ?? false, columns: 100 },
    env: options.env ?? {},
    cwd: options.cwd ?? mkdtempSync(join(tmpdir(), 'modelsec-cli-')),
    readStdin: async () => (typeof stdin === 'string' ? new TextEncoder().encode(stdin) : stdin),
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}
