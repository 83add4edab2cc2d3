/**
 * The pickle opcode table, protocols 0-5 (CPython `Lib/pickletools.py`), as data: the byte, the name,
 * the protocol that introduced it and how its argument is encoded. The disassembler dispatches on
 * `ARG` kinds; nothing here executes anything.
 */

/** How an opcode's inline argument is encoded. */
export const ARG = {
  none: 0,
  /** uint8. */
  u1: 1,
  /** uint16 little-endian. */
  u2: 2,
  /** uint32 little-endian. */
  u4: 3,
  /** int32 little-endian (signed). */
  i4: 4,
  /** uint64 little-endian. */
  u8: 5,
  /** 8-byte big-endian float. */
  f8: 6,
  /** One `\n`-terminated line. */
  line: 7,
  /** Two `\n`-terminated lines (module, name). */
  line2: 8,
  /** uint8 length, then that many bytes. */
  len1: 9,
  /** int32 length (negative is an error), then bytes. */
  len4s: 10,
  /** uint32 length, then bytes. */
  len4: 11,
  /** uint64 length, then bytes. */
  len8: 12,
} as const;

/** An argument encoding from {@link ARG}. */
export type ArgKind = (typeof ARG)[keyof typeof ARG];

/** One opcode of the table. */
export interface OpcodeInfo {
  /** The opcode byte. */
  readonly code: number;
  /** The pickletools name (`STACK_GLOBAL`, `BINUNICODE`...). */
  readonly name: string;
  /** The protocol that introduced it. */
  readonly proto: number;
  /** How its argument is encoded. */
  readonly arg: ArgKind;
}

const RAW: readonly (readonly [string, string, number, ArgKind])[] = [
  ['(', 'MARK', 0, ARG.none],
  ['.', 'STOP', 0, ARG.none],
  ['0', 'POP', 0, ARG.none],
  ['1', 'POP_MARK', 1, ARG.none],
  ['2', 'DUP', 0, ARG.none],
  ['F', 'FLOAT', 0, ARG.line],
  ['I', 'INT', 0, ARG.line],
  ['J', 'BININT', 1, ARG.i4],
  ['K', 'BININT1', 1, ARG.u1],
  ['L', 'LONG', 0, ARG.line],
  ['M', 'BININT2', 1, ARG.u2],
  ['N', 'NONE', 0, ARG.none],
  ['P', 'PERSID', 0, ARG.line],
  ['Q', 'BINPERSID', 1, ARG.none],
  ['R', 'REDUCE', 0, ARG.none],
  ['S', 'STRING', 0, ARG.line],
  ['T', 'BINSTRING', 1, ARG.len4s],
  ['U', 'SHORT_BINSTRING', 1, ARG.len1],
  ['V', 'UNICODE', 0, ARG.line],
  ['X', 'BINUNICODE', 1, ARG.len4],
  ['a', 'APPEND', 0, ARG.none],
  ['b', 'BUILD', 0, ARG.none],
  ['c', 'GLOBAL', 0, ARG.line2],
  ['d', 'DICT', 0, ARG.none],
  ['}', 'EMPTY_DICT', 1, ARG.none],
  ['e', 'APPENDS', 1, ARG.none],
  ['g', 'GET', 0, ARG.line],
  ['h', 'BINGET', 1, ARG.u1],
  ['i', 'INST', 0, ARG.line2],
  ['j', 'LONG_BINGET', 1, ARG.u4],
  ['l', 'LIST', 0, ARG.none],
  [']', 'EMPTY_LIST', 1, ARG.none],
  ['o', 'OBJ', 1, ARG.none],
  ['p', 'PUT', 0, ARG.line],
  ['q', 'BINPUT', 1, ARG.u1],
  ['r', 'LONG_BINPUT', 1, ARG.u4],
  ['s', 'SETITEM', 0, ARG.none],
  ['t', 'TUPLE', 0, ARG.none],
  [')', 'EMPTY_TUPLE', 1, ARG.none],
  ['u', 'SETITEMS', 1, ARG.none],
  ['G', 'BINFLOAT', 1, ARG.f8],
  ['\x80', 'PROTO', 2, ARG.u1],
  ['\x81', 'NEWOBJ', 2, ARG.none],
  ['\x82', 'EXT1', 2, ARG.u1],
  ['\x83', 'EXT2', 2, ARG.u2],
  ['\x84', 'EXT4', 2, ARG.i4],
  ['\x85', 'TUPLE1', 2, ARG.none],
  ['\x86', 'TUPLE2', 2, ARG.none],
  ['\x87', 'TUPLE3', 2, ARG.none],
  ['\x88', 'NEWTRUE', 2, ARG.none],
  ['\x89', 'NEWFALSE', 2, ARG.none],
  ['\x8a', 'LONG1', 2, ARG.len1],
  ['\x8b', 'LONG4', 2, ARG.len4s],
  ['B', 'BINBYTES', 3, ARG.len4],
  ['C', 'SHORT_BINBYTES', 3, ARG.len1],
  ['\x8c', 'SHORT_BINUNICODE', 4, ARG.len1],
  ['\x8d', 'BINUNICODE8', 4, ARG.len8],
  ['\x8e', 'BINBYTES8', 4, ARG.len8],
  ['\x8f', 'EMPTY_SET', 4, ARG.none],
  ['\x90', 'ADDITEMS', 4, ARG.none],
  ['\x91', 'FROZENSET', 4, ARG.none],
  ['\x92', 'NEWOBJ_EX', 4, ARG.none],
  ['\x93', 'STACK_GLOBAL', 4, ARG.none],
  ['\x94', 'MEMOIZE', 4, ARG.none],
  ['\x95', 'FRAME', 4, ARG.u8],
  ['\x96', 'BYTEARRAY8', 5, ARG.len8],
  ['\x97', 'NEXT_BUFFER', 5, ARG.none],
  ['\x98', 'READONLY_BUFFER', 5, ARG.none],
];

/** Every opcode of protocols 0-5 (68 entries), in pickletools order. */
export const OPCODES: readonly OpcodeInfo[] = /* @__PURE__ */ RAW.map(([c, name, proto, arg]) =>
  Object.freeze({ code: c.charCodeAt(0), name, proto, arg }),
);

/** Opcode info by byte (undefined for bytes that are not opcodes). */
export const OPCODE_BY_BYTE: readonly (OpcodeInfo | undefined)[] = /* @__PURE__ */ (() => {
  const table: (OpcodeInfo | undefined)[] = new Array(256).fill(undefined);
  for (const op of OPCODES) table[op.code] = op;
  return table;
})();

/** The highest pickle protocol this table covers. */
export const HIGHEST_PROTOCOL = 5;

/**
 * The name of an opcode byte, or `undefined` when it is not a pickle opcode.
 *
 * @example
 * ```ts
 * opcodeName(0x93); // 'STACK_GLOBAL'
 * ```
 */
export function opcodeName(code: number): string | undefined {
  return OPCODE_BY_BYTE[code & 0xff]?.name;
}
