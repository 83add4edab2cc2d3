/**
 * The pickle disassembler on hand-built streams: every import opcode, memo-indirect STACK_GLOBAL,
 * call targets, BUILD on globals, EXT codes, several pickles per stream, truncation, bad opcodes,
 * memo abuse, deep nesting, dotted names and Python 2 module names, strict mode.
 */
import { classifyGlobal, OPCODES, opcodeName, scanModel } from '@modelsec/scanner';
import { describe, expect, test } from 'vitest';
import { callPickle, cat, le32, P } from './helpers/build';

async function scan(bytes: Uint8Array, strict = false) {
  const r = await scanModel(bytes, { name: 'x.pkl', strict });
  const f = r.files[0];
  if (!f) throw new Error('no report');
  return f;
}
const names = (f: Awaited<ReturnType<typeof scan>>) => f.globals.map((g) => `${g.module}.${g.name}`).sort();

describe('opcode table', () => {
  test('covers protocols 0-5 (68 opcodes, unique bytes)', () => {
    expect(OPCODES).toHaveLength(68);
    expect(new Set(OPCODES.map((o) => o.code)).size).toBe(68);
    expect(Math.max(...OPCODES.map((o) => o.proto))).toBe(5);
    expect(opcodeName(0x93)).toBe('STACK_GLOBAL');
    expect(opcodeName(0xff)).toBeUndefined();
  });
});

describe('imports', () => {
  test('GLOBAL + REDUCE marks the callable as called', async () => {
    const f = await scan(cat(P.global('os', 'system'), P.su('id'), P.tuple1, P.reduce, P.stop));
    expect(f.verdict).toBe('dangerous');
    expect(f.globals[0]).toMatchObject({
      module: 'os',
      name: 'system',
      opcode: 'GLOBAL',
      called: true,
      offset: 0,
      safety: 'dangerous',
      severity: 'critical',
    });
  });
  test('STACK_GLOBAL resolved through BINPUT/BINGET, LONG_BINGET and text PUT/GET', async () => {
    const viaBin = cat(
      P.proto(4),
      P.su('os'),
      P.binput(0),
      P.su('system'),
      P.binput(1),
      P.pop,
      P.pop,
      P.binget(0),
      P.binget(1),
      P.stackGlobal,
      P.stop,
    );
    expect(names(await scan(viaBin))).toEqual(['os.system']);
    const viaLong = cat(
      P.proto(4),
      P.su('subprocess'),
      P.memoize,
      P.su('run'),
      P.memoize,
      P.pop,
      P.pop,
      P.longBinget(0),
      P.longBinget(1),
      P.stackGlobal,
      P.stop,
    );
    expect(names(await scan(viaLong))).toEqual(['subprocess.run']);
    const viaText = cat(
      P.proto(4),
      P.su('builtins'),
      P.put(7),
      P.su('exec'),
      P.put(9),
      P.pop,
      P.pop,
      P.get(7),
      P.get(9),
      P.stackGlobal,
      P.stop,
    );
    expect(names(await scan(viaText))).toEqual(['builtins.exec']);
  });
  test('memo aliasing that hides names from a last-two-opcodes heuristic is resolved', async () => {
    // PUT right after PUT: a heuristic that memoizes "the previous opcode's argument" sees numbers.
    const evasive = cat(
      P.proto(4),
      P.su('os'),
      P.binput(0),
      P.binput(1),
      P.su('system'),
      P.binput(2),
      P.binput(3),
      P.pop,
      P.pop,
      P.binget(1),
      P.binget(3),
      P.stackGlobal,
      P.stop,
    );
    const f = await scan(evasive);
    expect(names(f)).toEqual(['os.system']);
    expect(f.verdict).toBe('dangerous');
  });
  test('non-string STACK_GLOBAL operands are reported as unknown and dangerous', async () => {
    const f = await scan(cat(P.proto(4), P.binint1(1), P.binint1(2), P.stackGlobal, P.stop));
    expect(f.globals[0]?.module).toBe('unknown');
    expect(f.verdict).toBe('dangerous');
  });
  test('INST, OBJ and NEWOBJ targets are recorded as called', async () => {
    const inst = await scan(cat(P.mark, P.su('x'), P.inst('subprocess', 'Popen'), P.stop));
    expect(inst.globals[0]).toMatchObject({ module: 'subprocess', name: 'Popen', opcode: 'INST', called: true });
    const obj = await scan(cat(P.mark, P.global('webbrowser', 'open'), P.su('u'), P.obj, P.stop));
    expect(obj.globals[0]).toMatchObject({ called: true, safety: 'dangerous' });
    const newobj = await scan(cat(P.proto(2), P.global('collections', 'OrderedDict'), P.emptyTuple, P.newobj, P.stop));
    expect(newobj.globals[0]).toMatchObject({ called: true, safety: 'innocuous' });
    expect(newobj.verdict).toBe('clean');
  });
  test('BUILD on an imported global (module attribute override) is dangerous', async () => {
    const f = await scan(
      cat(
        P.proto(4),
        P.su('torch'),
        P.su('_utils'),
        P.stackGlobal,
        P.emptyDict,
        P.su('k'),
        P.su('v'),
        [0x73],
        P.build,
        P.stop,
      ),
    );
    expect(f.findings.some((x) => x.rule === 'pickle-build-on-global' && x.level === 'dangerous')).toBe(true);
  });
  test('EXT1/EXT2/EXT4 extension-registry imports are dangerous', async () => {
    for (const ext of [
      [0x82, 7],
      [0x83, 1, 2],
      [0x84, ...le32(99)],
    ]) {
      const f = await scan(cat(P.proto(2), ext, P.emptyTuple, P.reduce, P.stop));
      expect(f.verdict).toBe('dangerous');
      expect(f.globals[0]?.opcode).toMatch(/^EXT[124]$/);
    }
  });
});

describe('classification', () => {
  test('dotted names, submodules, Python 2 names and the allow-list', () => {
    expect(classifyGlobal('builtins', 'eval.__call__').safety).toBe('dangerous');
    expect(classifyGlobal('os.path', 'join').safety).toBe('dangerous');
    expect(classifyGlobal('__builtin__', 'reduce').safety).toBe('dangerous'); // → functools.reduce
    expect(classifyGlobal('cPickle', 'loads').safety).toBe('dangerous'); // → pickle.loads
    expect(classifyGlobal('torch._inductor.codecache', 'compile_file').severity).toBe('critical');
    expect(classifyGlobal('torch._utils', '_rebuild_tensor_v2').safety).toBe('innocuous');
    expect(classifyGlobal('torch._utils', '_rebuild_tensor_v2.x').safety).toBe('suspicious');
    expect(classifyGlobal('testing', 'x').safety).toBe('suspicious'); // 'test' covers test.*, not testing
    expect(classifyGlobal('mylib.unknown_thing', 'X').safety).toBe('dangerous'); // picklescan's 'unknown' rule
    expect(classifyGlobal('sklearn.linear_model', 'LogisticRegression')).toEqual({
      safety: 'suspicious',
      severity: 'low',
      sources: [],
    });
  });
  test('strict mode promotes suspicious imports to dangerous', async () => {
    const bytes = callPickle('sklearn.linear_model', 'LogisticRegression');
    expect((await scan(bytes)).verdict).toBe('suspicious');
    const strict = await scan(bytes, true);
    expect(strict.verdict).toBe('dangerous');
    expect(strict.globals[0]?.safety).toBe('dangerous');
  });
});

describe('streams', () => {
  test('several pickles in one stream are all scanned', async () => {
    const f = await scan(
      cat(P.proto(2), P.binint1(1), P.stop, P.proto(2), P.none, P.stop, callPickle('posix', 'system')),
    );
    expect(names(f)).toEqual(['posix.system']);
  });
  test('a truncated stream reports the imports before the cut and a parse finding', async () => {
    const full = callPickle('os', 'system');
    const f = await scan(full.subarray(0, full.length - 3));
    expect(names(f)).toEqual(['os.system']);
    expect(
      f.findings.some((x) => x.rule === 'pickle-parse' && x.code === 'truncated_input' && x.level === 'suspicious'),
    ).toBe(true);
  });
  test('a bad opcode stops the walk with a typed finding; junk is not a pickle', async () => {
    const f = await scan(cat(P.global('os', 'system'), 0xff, 0xff));
    expect(f.findings.some((x) => x.code === 'malformed_file' && x.offset === 11)).toBe(true);
    const junk = await scan(new Uint8Array([0xff, 1, 2]));
    expect(junk.format).toBe('unknown');
    expect(junk.verdict).toBe('clean');
  });
  test('data after a complete pickle is trailing data, not a parse error', async () => {
    const f = await scan(cat(P.proto(2), P.none, P.stop, new Uint8Array([0xff, 0xfe])));
    expect(f.findings.filter((x) => x.level !== 'info')).toEqual([]);
  });
  test('memo abuse: missing entries and huge indices give typed findings, no crash', async () => {
    const f = await scan(cat(P.proto(4), P.longBinget(0xfffffff0), P.longBinget(3), P.stackGlobal, P.stop));
    expect(f.verdict).toBe('dangerous'); // unresolvable STACK_GLOBAL operands
    expect(f.findings.some((x) => x.rule === 'pickle-memo')).toBe(true);
    const puts = cat(
      P.proto(4),
      P.none,
      ...Array.from({ length: 2000 }, (_, i) => [0x72, ...le32(0xffff0000 + i)]),
      P.stop,
    );
    expect(
      (await scanModel(puts, { limits: { maxMemo: 100 } })).files[0]?.findings.some((x) => x.code === 'too_large'),
    ).toBe(true);
  });
  test('deep MARK nesting degrades to an imports-only walk and still finds the payload', async () => {
    const depth = 200_000;
    const bytes = cat(new Uint8Array(depth).fill(0x28), callPickle('os', 'system').subarray(2));
    const f = await scan(bytes);
    expect(f.findings.some((x) => x.code === 'too_deep')).toBe(true);
    expect(names(f)).toContain('os.system');
    expect(f.verdict).toBe('dangerous');
  });
  test('deeply nested containers (EMPTY_LIST/APPEND chains) stay bounded', async () => {
    const n = 100_000;
    const parts: number[] = [0x80, 2];
    for (let i = 0; i < n; i++) parts.push(0x5d);
    for (let i = 0; i < n; i++) parts.push(0x61);
    parts.push(0x2e);
    const f = await scan(new Uint8Array(parts));
    expect(f.verdict).toBe('clean');
  });
  test('protocol 0 text opcodes: INT/LONG/FLOAT/STRING/UNICODE lines', async () => {
    const bytes = cat("(I01\nI-7\nL12345678901234567890L\nF1.5\nS'os'\nVsyst\\u0065m\nt", P.pop, P.stop);
    const f = await scan(bytes);
    expect(f.format).toBe('pickle');
    expect(f.findings.filter((x) => x.level !== 'info')).toEqual([]);
    const sg = await scan(cat(P.proto(4), "S'os'\n", 'Vsyst\\u0065m\n', P.stackGlobal, P.stop));
    expect(names(sg)).toEqual(['os.system']);
  });
});

describe('abort', () => {
  test('an aborted signal stops the scan with a typed error', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(scanModel(callPickle('os', 'system'), { signal: controller.signal })).rejects.toMatchObject({
      code: 'invalid_value',
    });
  });
});
