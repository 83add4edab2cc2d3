/**
 * Extracts the fenced code blocks of a Markdown guide, with their hidden setup and check code, for the
 * docs snippet test (see tools/docs/README.md for the conventions guide authors follow).
 *
 * A block is classified by the first word of its info string (` ```ts `, ` ```sh `...) and by flags
 * after it (` ```ts no-run `, ` ```sh exit=1 `). A hidden `<!-- snippet-setup ... -->` comment right
 * before a block is code that runs before it; a `<!-- snippet-check ... -->` comment right after it
 * runs after it (assertions). Anything the parser cannot attach is reported as a problem.
 */

/** How the test treats a block. */
export type BlockKind = 'ts' | 'js' | 'shell' | 'json' | 'text' | 'unmarked';

/** Hidden code attached to a block by an HTML comment. */
export interface HiddenCode {
  /** The code between the comment's first and last line. */
  code: string;
  /** 1-based line of the first code line in the Markdown file. */
  line: number;
}

/** One fenced code block of a guide. */
export interface DocBlock {
  /** The guide's path, relative to the repository root. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** First word of the info string, lower-cased (`''` when there is none). */
  lang: string;
  /** The remaining words of the info string: `flag` or `key=value`. */
  attrs: Record<string, string | true>;
  /** How the test treats it (from `lang`). */
  kind: BlockKind;
  /** The block's content, with the fence's indentation removed. */
  code: string;
  /** 1-based line of the first content line. */
  codeLine: number;
  /** Hidden code that runs before the block (`<!-- snippet-setup ... -->`). */
  setup?: HiddenCode;
  /** Hidden code that runs after the block (`<!-- snippet-check ... -->`). */
  check?: HiddenCode;
}

/** A guide's blocks and the directives that could not be attached. */
export interface ParsedGuide {
  blocks: DocBlock[];
  /** Human-readable problems (`file:line: message`); the test fails on any. */
  problems: string[];
}

const LANGS: Record<string, BlockKind> = {
  ts: 'ts',
  typescript: 'ts',
  js: 'js',
  javascript: 'js',
  mjs: 'js',
  sh: 'shell',
  bash: 'shell',
  shell: 'shell',
  json: 'json',
  text: 'text',
  txt: 'text',
  plain: 'text',
  output: 'text',
};

const OPEN = /^(\s*)(`{3,}|~{3,})\s*([^`]*?)\s*$/;
const DIRECTIVE = /^\s*<!--\s*snippet-(setup|check)\s*$/;

/**
 * Parse a Markdown text into its code blocks.
 *
 * @example
 * ```ts
 * const { blocks, problems } = parseGuide('docs/scanner.md', markdown);
 * ```
 */
export function parseGuide(file: string, markdown: string): ParsedGuide {
  const lines = markdown.split(/\r?\n/);
  const blocks: DocBlock[] = [];
  const problems: string[] = [];
  let pendingSetup: HiddenCode | undefined;
  let lastClose = -1; // index of the line that closed the previous block
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] as string;
    const directive = DIRECTIVE.exec(text);
    if (directive) {
      const end = lines.findIndex((l, j) => j > i && l.trim() === '-->');
      if (end < 0) {
        problems.push(`${file}:${i + 1}: snippet-${directive[1]} comment is not closed by a line "-->"`);
        break;
      }
      const hidden = { code: lines.slice(i + 1, end).join('\n'), line: i + 2 };
      if (directive[1] === 'setup') {
        if (pendingSetup) problems.push(`${file}:${pendingSetup.line - 1}: snippet-setup not followed by a code block`);
        pendingSetup = hidden;
      } else {
        const previous = blocks.at(-1);
        const onlyBlank = lastClose >= 0 && lines.slice(lastClose + 1, i).every((l) => l.trim() === '');
        if (!previous || !onlyBlank || previous.check) {
          problems.push(`${file}:${i + 1}: snippet-check must directly follow a code block`);
        } else previous.check = hidden;
      }
      i = end;
      continue;
    }
    const open = OPEN.exec(text);
    if (!open) {
      if (pendingSetup && text.trim() !== '') {
        problems.push(`${file}:${pendingSetup.line - 1}: snippet-setup not followed by a code block`);
        pendingSetup = undefined;
      }
      continue;
    }
    const indent = (open[1] as string).length;
    const fence = open[2] as string;
    const [lang = '', ...rest] = (open[3] as string).split(/\s+/).filter(Boolean);
    const close = new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    let j = i + 1;
    while (j < lines.length && !close.test(lines[j] as string)) j++;
    if (j >= lines.length) problems.push(`${file}:${i + 1}: code block is not closed`);
    const content = lines.slice(i + 1, j).map((l) => stripIndent(l, indent));
    const attrs: Record<string, string | true> = {};
    for (const word of rest) {
      const eq = word.indexOf('=');
      if (eq > 0) attrs[word.slice(0, eq)] = word.slice(eq + 1);
      else attrs[word] = true;
    }
    const key = lang.toLowerCase();
    const block: DocBlock = {
      file,
      line: i + 1,
      lang: key,
      attrs,
      kind: LANGS[key] ?? 'unmarked',
      code: content.join('\n'),
      codeLine: i + 2,
    };
    if (pendingSetup) block.setup = pendingSetup;
    pendingSetup = undefined;
    blocks.push(block);
    lastClose = j;
    i = j;
  }
  if (pendingSetup) problems.push(`${file}:${pendingSetup.line - 1}: snippet-setup not followed by a code block`);
  return { blocks, problems };
}

function stripIndent(line: string, indent: number): string {
  let k = 0;
  while (k < indent && k < line.length && line[k] === ' ') k++;
  return line.slice(k);
}
