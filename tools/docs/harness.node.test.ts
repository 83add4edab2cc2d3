/**
 * The docs harness's own parsers: block classification, hidden setup/check attachment, the shell
 * subset and synopsis checks. These decide whether a guide's block is run, so a bug here would let
 * docs rot silently.
 */
import { describe, expect, it } from 'vitest';
import { parseGuide } from './markdown';
import { checkSynopsis, parseShell, ShellSyntaxError } from './shell';

const fence = '```';

describe('parseGuide', () => {
  it('classifies blocks by language and reads flags', () => {
    const md = [
      `${fence}ts no-run`,
      'const a = 1;',
      fence,
      `${fence}sh exit=0,1 timeout=5000`,
      'modelsec scan x',
      fence,
      `${fence}`,
      'plain',
      fence,
      `${fence}python`,
      'print(1)',
      fence,
      `${fence}text`,
      'out',
      fence,
    ].join('\n');
    const { blocks, problems } = parseGuide('g.md', md);
    expect(problems).toEqual([]);
    expect(blocks.map((b) => [b.kind, b.line, b.codeLine])).toEqual([
      ['ts', 1, 2],
      ['shell', 4, 5],
      ['unmarked', 7, 8],
      ['unmarked', 10, 11],
      ['text', 13, 14],
    ]);
    expect(blocks[0]?.attrs).toEqual({ 'no-run': true });
    expect(blocks[1]?.attrs).toEqual({ exit: '0,1', timeout: '5000' });
  });

  it('attaches hidden setup before and check after a block, with their line numbers', () => {
    const md = [
      '<!-- snippet-setup',
      'const x = 1;',
      '-->',
      `${fence}ts`,
      'x;',
      fence,
      '<!-- snippet-check',
      'check(x);',
      '-->',
    ];
    const { blocks, problems } = parseGuide('g.md', md.join('\n'));
    expect(problems).toEqual([]);
    expect(blocks[0]?.setup).toEqual({ code: 'const x = 1;', line: 2 });
    expect(blocks[0]?.check).toEqual({ code: 'check(x);', line: 8 });
  });

  it('reports directives that are not attached or not closed', () => {
    const stray = parseGuide(
      'g.md',
      ['<!-- snippet-setup', 'a', '-->', 'some prose', `${fence}ts`, 'b', fence].join('\n'),
    );
    expect(stray.problems).toEqual(['g.md:1: snippet-setup not followed by a code block']);
    expect(stray.blocks[0]?.setup).toBeUndefined();
    const lonely = parseGuide('g.md', ['prose', '<!-- snippet-check', 'a', '-->'].join('\n'));
    expect(lonely.problems).toEqual(['g.md:2: snippet-check must directly follow a code block']);
    const open = parseGuide('g.md', ['<!-- snippet-setup', 'a'].join('\n'));
    expect(open.problems[0]).toMatch(/not closed/);
    const unclosed = parseGuide('g.md', [`${fence}ts`, 'a'].join('\n'));
    expect(unclosed.problems).toEqual(['g.md:1: code block is not closed']);
  });

  it('strips the fence indentation of blocks inside lists', () => {
    const { blocks } = parseGuide(
      'g.md',
      ['1. step', `   ${fence}ts`, '   const a = 1;', '     b;', `   ${fence}`].join('\n'),
    );
    expect(blocks[0]?.code).toBe('const a = 1;\n  b;');
  });
});

describe('parseShell', () => {
  it('splits commands, quotes, env prefixes, redirections and continuations', () => {
    const cmds = parseShell(
      [
        "modelsec scan 'my model.pt' --json > out.json  # comment",
        'A=1 B="two words" modelsec pii < in.txt && echo done; true',
        'modelsec sign m \\',
        '  --private-key key.pem',
      ].join('\n'),
      10,
    );
    expect(cmds.map((c) => [c.line, c.argv])).toEqual([
      [10, ['modelsec', 'scan', 'my model.pt', '--json']],
      [11, ['modelsec', 'pii']],
      [11, ['echo', 'done']],
      [11, ['true']],
      [12, ['modelsec', 'sign', 'm', '--private-key', 'key.pem']],
    ]);
    expect(cmds[0]?.stdout).toBe('out.json');
    expect(cmds[1]).toMatchObject({ env: { A: '1', B: 'two words' }, stdin: 'in.txt' });
  });

  it('refuses syntax outside the subset instead of running it differently', () => {
    for (const bad of ['a | b', 'echo $HOME', 'echo "$X"', 'a 2> err', '(a)', 'echo `id`', "echo 'open", 'X=1']) {
      expect(() => parseShell(bad, 1), bad).toThrow(ShellSyntaxError);
    }
  });
});

describe('checkSynopsis', () => {
  const commands = [
    { name: 'scan', options: { strict: {} } },
    { name: 'watermark', subcommands: [{ name: 'embed', options: { 'key-file': {}, bits: {} } }] },
  ];
  it('accepts declared commands and options, including continuation lines', () => {
    expect(checkSynopsis('modelsec scan <path> [--strict] [--json]', 1, commands, ['json'])).toEqual([]);
    expect(
      checkSynopsis('modelsec watermark embed <in> <out> \\\n  --key-file <f> --bits <hex>', 1, commands, []),
    ).toEqual([]);
  });
  it('reports unknown commands, subcommand groups and options', () => {
    expect(checkSynopsis('modelsec scna x', 3, commands, [])).toEqual([
      'line 3: "modelsec scna x" is not a CLI command',
    ]);
    expect(checkSynopsis('modelsec watermark <x>', 3, commands, [])).toEqual([
      'line 3: "modelsec watermark <x>" is not a CLI command',
    ]);
    expect(checkSynopsis('modelsec scan x [--strcit]', 3, commands, [])).toEqual([
      'line 3: "modelsec scan" has no option --strcit',
    ]);
    expect(checkSynopsis('echo hi', 3, commands, [])).toHaveLength(2);
  });
});
