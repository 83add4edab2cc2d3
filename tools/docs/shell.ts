/**
 * The small shell subset the docs snippet test runs: commands separated by newlines, `;` or `&&`,
 * `\` line continuations, `#` comments, single and double quotes, `NAME=value` prefixes and `<`/`>`
 * redirections. Anything else (pipes, `$` expansion, subshells, background jobs) is a
 * `ShellSyntaxError`, so a block using it must be marked `no-run`. Also checks `synopsis` blocks
 * (usage lines with placeholders) against the CLI's declared commands and options.
 */

/** One command of a shell block. */
export interface ShellCommand {
  /** 1-based line of the command in the Markdown file. */
  line: number;
  /** The command's words after quote removal (`argv[0]` is the program). */
  argv: string[];
  /** `NAME=value` prefixes. */
  env: Record<string, string>;
  /** File named by `< file`. */
  stdin?: string;
  /** File named by `> file`. */
  stdout?: string;
  /** The command as written (one logical line, continuations joined). */
  source: string;
}

/** Shell syntax outside the supported subset. */
export class ShellSyntaxError extends Error {
  override name = 'ShellSyntaxError';
}

/**
 * Split a shell block into commands.
 *
 * @example
 * ```ts
 * parseShell('modelsec scan model.pt --json  # exit 1 when dangerous', 20);
 * // [{ line: 20, argv: ['modelsec', 'scan', 'model.pt', '--json'], env: {}, source: ... }]
 * ```
 */
export function parseShell(code: string, firstLine: number): ShellCommand[] {
  const commands: ShellCommand[] = [];
  for (const { text, line } of logicalLines(code, firstLine)) {
    let words: string[] = [];
    let current: string | undefined;
    let redirect: '<' | '>' | undefined;
    let stdin: string | undefined;
    let stdout: string | undefined;
    let start = 0;
    const endWord = () => {
      if (current === undefined) return;
      if (redirect === '<') stdin = current;
      else if (redirect === '>') stdout = current;
      else words.push(current);
      redirect = undefined;
      current = undefined;
    };
    const endCommand = (end: number) => {
      endWord();
      if (redirect) throw new ShellSyntaxError(`line ${line}: redirection without a file`);
      if (words.length > 0) commands.push(makeCommand(words, stdin, stdout, line, text.slice(start, end).trim()));
      words = [];
      stdin = undefined;
      stdout = undefined;
    };
    for (let k = 0; k < text.length; k++) {
      const c = text[k] as string;
      if (c === ' ' || c === '\t') {
        endWord();
      } else if (c === '#' && current === undefined) {
        endCommand(k);
        start = text.length;
        break;
      } else if (c === "'") {
        const end = text.indexOf("'", k + 1);
        if (end < 0) throw new ShellSyntaxError(`line ${line}: unterminated single quote`);
        current = (current ?? '') + text.slice(k + 1, end);
        k = end;
      } else if (c === '"') {
        let value = '';
        k++;
        for (; k < text.length && text[k] !== '"'; k++) {
          const d = text[k] as string;
          if (d === '$' || d === '`') throw new ShellSyntaxError(`line ${line}: expansion inside double quotes`);
          if (d === '\\' && /["\\$`]/.test(text[k + 1] ?? '')) value += text[++k];
          else value += d;
        }
        if (k >= text.length) throw new ShellSyntaxError(`line ${line}: unterminated double quote`);
        current = (current ?? '') + value;
      } else if (c === '\\') {
        current = (current ?? '') + (text[++k] ?? '');
      } else if (c === ';' || (c === '&' && text[k + 1] === '&')) {
        endCommand(k);
        if (c === '&') k++;
        start = k + 1;
      } else if (c === '<' || c === '>') {
        if (text[k + 1] === '>' || text[k + 1] === '&' || /\d/.test(current ?? 'x')) {
          throw new ShellSyntaxError(`line ${line}: only plain "<" and ">" redirections are supported`);
        }
        endWord();
        redirect = c;
      } else if ('|&$`()!{}*?'.includes(c)) {
        throw new ShellSyntaxError(`line ${line}: "${c}" is outside the supported shell subset`);
      } else {
        current = (current ?? '') + c;
      }
    }
    endCommand(text.length);
  }
  return commands;
}

function makeCommand(
  words: string[],
  stdin: string | undefined,
  stdout: string | undefined,
  line: number,
  source: string,
): ShellCommand {
  const env: Record<string, string> = {};
  let k = 0;
  for (; k < words.length; k++) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(words[k] as string);
    if (!m) break;
    env[m[1] as string] = m[2] as string;
  }
  if (k === words.length) throw new ShellSyntaxError(`line ${line}: assignment without a command`);
  return {
    line,
    argv: words.slice(k),
    env,
    ...(stdin === undefined ? {} : { stdin }),
    ...(stdout === undefined ? {} : { stdout }),
    source,
  };
}

/** Lines with `\` continuations joined, each with the line number it starts on. */
function logicalLines(code: string, firstLine: number): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const lines = code.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = firstLine + i;
    let text = lines[i] as string;
    while (/(^|[^\\])\\$/.test(text) && i + 1 < lines.length) text = `${text.slice(0, -1)} ${lines[++i]}`;
    out.push({ text, line });
  }
  return out;
}

/** What `checkSynopsis` needs to know about a CLI command. */
export interface SynopsisCommand {
  /** The command's name. */
  name: string;
  /** Declared options (names without `--`). */
  options?: Record<string, unknown>;
  /** Subcommands. */
  subcommands?: readonly SynopsisCommand[];
}

/**
 * Check usage lines such as `modelsec hash <path> [--hash-type sha256] [--json]`: every line that starts
 * with `modelsec` must name an existing command (and subcommand), and every `--option` on it (or on the
 * following lines that do not start with `modelsec`) must be declared by that command or be global.
 * Returns the problems found (empty when the synopsis matches the CLI).
 *
 * @example
 * ```ts
 * checkSynopsis('modelsec scan <path> [--strict]', 54, commands, ['json', 'help', 'no-progress']);
 * ```
 */
export function checkSynopsis(
  code: string,
  firstLine: number,
  commands: readonly SynopsisCommand[],
  globalOptions: readonly string[],
): string[] {
  const problems: string[] = [];
  let current: { options: Set<string>; name: string } | undefined;
  let count = 0;
  for (const { text, line } of logicalLines(code, firstLine)) {
    const body = text.replace(/(^|\s)#.*$/, '');
    const words = body.trim().split(/\s+/).filter(Boolean);
    const envless = words.findIndex((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
    if (words[envless] === 'modelsec') {
      count++;
      let list: readonly SynopsisCommand[] | undefined = commands;
      const path: SynopsisCommand[] = [];
      for (const w of words.slice(envless + 1)) {
        const next: SynopsisCommand | undefined = list?.find((c) => c.name === w);
        if (!next) break;
        path.push(next);
        list = next.subcommands;
      }
      const command = path.at(-1);
      if (!command || command.subcommands) {
        problems.push(`line ${line}: "${words.slice(envless, envless + 3).join(' ')}" is not a CLI command`);
        current = undefined;
        continue;
      }
      current = {
        name: path.map((c) => c.name).join(' '),
        options: new Set([...globalOptions, ...Object.keys(command.options ?? {})]),
      };
    } else if (!current) {
      if (body.trim() !== '') problems.push(`line ${line}: a synopsis line must start with "modelsec"`);
      continue;
    }
    for (const m of body.matchAll(/(?:^|[\s[(|])--([A-Za-z][A-Za-z0-9-]*)/g)) {
      if (!current.options.has(m[1] as string)) {
        problems.push(`line ${line}: "modelsec ${current.name}" has no option --${m[1]}`);
      }
    }
  }
  if (count === 0) problems.push(`line ${firstLine}: a synopsis block must contain a "modelsec" line`);
  return problems;
}
