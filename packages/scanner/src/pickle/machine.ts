/**
 * The pickle disassembler: walks protocol 0-5 opcodes over a byte window and simulates the
 * unpickler's stack and memo with abstract values, never executing anything. It records every
 * import (GLOBAL, STACK_GLOBAL with memo-indirect names, INST, OBJ/REDUCE/NEWOBJ call targets,
 * EXT1/2/4), BUILD on imported globals, several pickles per stream, joblib's raw array payloads,
 * truncation and bad opcodes. Memory is bounded by limits; past them it degrades to an
 * imports-only walk (picklescan's heuristics) instead of stopping.
 *
 * Resumable: `run(buf, pos, end, eof)` consumes whole opcodes and returns where it stopped, so a
 * driver can feed a large file window by window (see `scan-pickle.ts`).
 */

import { joblibArrayPlan } from './joblib';
import { DEFAULT_PICKLE_LIMITS, type PickleIssue, type PickleLimits, type RawGlobal } from './limits';
import { Memo } from './memo';
import { ARG, OPCODE_BY_BYTE } from './opcodes';
import { escapeDecode, latin1, parsePyInt, rawUnicodeEscape, utf8 } from './text';
import {
  BIG_INT,
  BYTES,
  FLOAT,
  ITEM_CAP,
  isGlobal,
  LazyStr,
  LONG_STR,
  PV,
  strOf,
  T,
  UNKNOWN,
  type Value,
} from './values';

// Per-opcode flags: 1 = memo write (MEMOIZE PUT BINPUT LONG_BINPUT), 2 = picklescan's STACK_GLOBAL
// string operand ops, 4 = memo read (GET BINGET LONG_BINGET).
const FLAGS = /* @__PURE__ */ (() => {
  const f = new Uint8Array(256);
  for (const c of [0x94, 0x70, 0x71, 0x72]) f[c] = 1;
  for (const c of [0x8c, 0x56, 0x58, 0x8d, 0x53, 0x54, 0x55]) f[c] = 2;
  for (const c of [0x67, 0x68, 0x6a]) f[c] = 4;
  return f;
})();
const SHORT_STRING = 256;
const HUNK = 'unknown';
const NEED = -1;

/** Outcome of a parse error. */
export interface PickleError {
  offset: number;
  message: string;
  truncated: boolean;
}

/** The disassembler state machine. */
export class PickleMachine {
  readonly limits: Readonly<PickleLimits>;
  /** Imports keyed by `module\nname`. */
  readonly globals = new Map<string, RawGlobal>();
  readonly issues: PickleIssue[] = [];
  /** Completed pickles (STOP reached). */
  pickles = 0;
  /** Highest PROTO seen. */
  protocol = -1;
  /** Set when parsing stopped on malformed input. */
  error: PickleError | undefined;
  /** Offset of non-pickle data after at least one complete pickle. */
  trailing: number | undefined;
  /** Parsing is over (STOP of the last wanted pickle, error, or end of data). */
  done = false;
  /** Bytes to skip before the next opcode (payloads larger than the window). */
  skip = 0;
  /** A joblib NumpyArrayWrapper was seen. */
  joblib = false;
  /** Absolute offset of `buf[0]` (set by the driver). */
  base = 0;
  /** The buffer outlives the walk (bytes in memory): strings may stay undecoded until used. */
  stable = false;

  private stack: Value[] = [];
  private meta: Value[][] = [];
  private memo = new Memo<Value>();
  private hmemo = new Memo<string | LazyStr>();
  private h1: string | LazyStr | undefined;
  private h2: string | LazyStr | undefined;
  private prevArg: string | number | LazyStr = 'None';
  private ops = 0;
  private live = 0;
  private retained = 0;
  private captured = 0;
  private degraded = false;
  private outer: { stack: Value[]; meta: Value[][]; memo: Memo<Value> }[] = [];
  private padPending = false;
  private arrayBytes = 0;
  private cur = 0;

  /** Stop after this many complete pickles. */
  readonly maxPickles: number;

  constructor(limits: Readonly<PickleLimits> = DEFAULT_PICKLE_LIMITS, maxPickles = limits.maxPickles) {
    this.limits = limits;
    this.maxPickles = maxPickles;
  }

  /** Stop with an error at `offset`. */
  private fail(offset: number, message: string, truncated = false): number {
    this.error = { offset: this.base + offset, message, truncated };
    this.done = true;
    return offset;
  }

  private issue(i: Omit<PickleIssue, 'offset'>, offset: number): void {
    if (this.issues.length < 64) this.issues.push({ ...i, offset: this.base + offset });
  }

  private degrade(offset: number, what: string): void {
    if (this.degraded) return;
    this.degraded = true;
    this.stack = [];
    this.meta = [];
    this.memo = new Memo();
    this.issue(
      {
        rule: 'pickle-limits',
        code: what === 'nesting' ? 'too_deep' : 'too_large',
        level: 'suspicious',
        severity: 'medium',
        message: `pickle exceeds the ${what} limit; continuing with an imports-only walk`,
      },
      offset,
    );
  }

  // --- stack helpers -------------------------------------------------------------------------
  private push(v: Value): void {
    if (this.degraded) return;
    this.stack.push(v);
    if (++this.live > this.limits.maxStack) this.degrade(this.cur, 'stack');
  }
  private pop(): Value {
    if (this.degraded) return UNKNOWN;
    if (this.stack.length === 0) return UNKNOWN;
    this.live--;
    return this.stack.pop() as Value;
  }
  private top(): Value {
    return this.stack.length ? (this.stack[this.stack.length - 1] as Value) : UNKNOWN;
  }
  private popMark(): Value[] {
    if (this.degraded) return [];
    const items = this.stack;
    this.live -= items.length;
    this.stack = this.meta.pop() ?? [];
    return items;
  }
  private keep(items: Value[]): Value[] {
    this.retained += Math.min(items.length, ITEM_CAP);
    return items.length > ITEM_CAP ? items.slice(0, ITEM_CAP) : items;
  }
  private addItems(target: Value, items: Value[]): void {
    if (!(target instanceof PV)) return;
    if (target.t !== T.list && target.t !== T.dict && target.t !== T.set) return;
    const arr = target.a as Value[];
    const cap = target.t === T.dict ? ITEM_CAP * 2 : ITEM_CAP;
    for (const it of items) {
      if (arr.length >= cap) break;
      arr.push(it);
      this.retained++;
    }
    target.b = (target.b as number) + items.length;
  }

  private str(s: string): Value {
    if (s.length <= SHORT_STRING) return s;
    if (s.length > this.limits.maxCapture || this.captured + s.length > this.limits.maxCapturedBytes) return LONG_STR;
    this.captured += s.length;
    return s;
  }

  private record(module: string, name: string, offset: number, opcode: string, called: boolean): PV {
    const key = `${module}\n${name}`;
    let rec = this.globals.get(key);
    if (!rec) {
      if (this.globals.size >= this.limits.maxGlobals) {
        this.degrade(offset, 'imports');
        return new PV(T.global, { module, name, offset: this.base + offset, opcode, called } satisfies RawGlobal);
      }
      rec = { module, name, offset: this.base + offset, opcode, called };
      this.globals.set(key, rec);
      if (module === 'joblib.numpy_pickle' || module.endsWith('.joblib.numpy_pickle')) this.joblib = true;
    } else if (called) rec.called = true;
    return new PV(T.global, rec);
  }

  private markCalled(fn: Value): void {
    if (isGlobal(fn)) ((fn as PV).a as RawGlobal).called = true;
  }

  private startPickle(): void {
    this.stack = [];
    this.meta = [];
    this.memo = new Memo();
    this.live = 0;
    this.ops = 0;
    this.h1 = undefined;
    this.h2 = undefined;
    this.degraded = false;
  }

  /**
   * Consume opcodes from `buf[pos, end)`; returns the offset of the first byte not consumed.
   * With `eof` false it stops before an opcode that does not fit (call again with more data).
   */
  run(buf: Uint8Array, pos: number, end: number, eof: boolean): number {
    while (!this.done) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, end - pos);
        pos += n;
        this.skip -= n;
        if (this.skip > 0) return eof ? this.fail(pos, 'payload runs past the end of the data', true) : pos;
      }
      if (this.padPending) {
        if (pos >= end) return eof ? this.fail(pos, 'joblib array padding truncated', true) : pos;
        this.skip = (buf[pos] as number) + this.arrayBytes;
        this.padPending = false;
        pos++;
        continue;
      }
      if (pos >= end) {
        if (!eof) return pos;
        if (this.ops > 0) return this.fail(pos, 'pickle exhausted before STOP', true);
        this.done = true;
        return pos;
      }
      const fast = this.degraded ? -1 : this.fast(buf, pos, end);
      if (fast >= 0) {
        pos = fast;
        continue;
      }
      const next = this.step(buf, pos, end, eof);
      if (next === NEED) return pos;
      pos = next;
    }
    return pos;
  }

  /**
   * Fast path for the opcodes that dominate large pickles (strings, small ints, memo writes and
   * reads, marks), with exactly the effects `step` + `exec` have; -1 sends the opcode to `step`.
   */
  private fast(buf: Uint8Array, pos: number, end: number): number {
    const code = buf[pos] as number;
    switch (code) {
      case 0x94: {
        // MEMOIZE
        if (this.ops === 0) return -1;
        const top = this.stack.length ? (this.stack[this.stack.length - 1] as Value) : UNKNOWN;
        if (this.memo.size >= this.limits.maxMemo || this.hmemo.size >= this.limits.maxMemo) return -1;
        this.hmemo.set(this.hmemo.size, typeof this.prevArg === 'number' ? String(this.prevArg) : this.prevArg);
        this.memo.set(this.memo.size, top);
        this.prevArg = 'None';
        this.ops++;
        return pos + 1;
      }
      case 0x8c: {
        // SHORT_BINUNICODE
        if (!this.stable || pos + 2 > end) return -1;
        const len = buf[pos + 1] as number;
        if (pos + 2 + len > end) return -1;
        const v = new LazyStr(buf, pos + 2, pos + 2 + len, true);
        this.stack.push(v);
        if (++this.live > this.limits.maxStack) return this.undo(v);
        this.h2 = this.h1;
        this.h1 = v;
        this.prevArg = v;
        this.ops++;
        return pos + 2 + len;
      }
      case 0x4b: // BININT1
      case 0x4d: // BININT2
      case 0x4a: {
        // BININT
        const n = code === 0x4b ? 1 : code === 0x4d ? 2 : 4;
        if (pos + 1 + n > end) return -1;
        let v: number;
        if (n === 1) v = buf[pos + 1] as number;
        else if (n === 2) v = (buf[pos + 1] as number) | ((buf[pos + 2] as number) << 8);
        else
          v =
            (buf[pos + 1] as number) |
            ((buf[pos + 2] as number) << 8) |
            ((buf[pos + 3] as number) << 16) |
            ((buf[pos + 4] as number) << 24);
        this.stack.push(v);
        if (++this.live > this.limits.maxStack) return this.undo(v);
        this.h2 = this.h1;
        this.h1 = HUNK;
        this.prevArg = v;
        this.ops++;
        return pos + 1 + n;
      }
      case 0x71: // BINPUT
      case 0x72: // LONG_BINPUT
      case 0x68: // BINGET
      case 0x6a: {
        // LONG_BINGET
        const wide = code === 0x72 || code === 0x6a;
        if (pos + (wide ? 5 : 2) > end || this.ops === 0) return -1;
        const key = wide
          ? ((buf[pos + 1] as number) |
              ((buf[pos + 2] as number) << 8) |
              ((buf[pos + 3] as number) << 16) |
              ((buf[pos + 4] as number) << 24)) >>>
            0
          : (buf[pos + 1] as number);
        if (code === 0x71 || code === 0x72) {
          if (this.memo.size >= this.limits.maxMemo || this.hmemo.size >= this.limits.maxMemo) return -1;
          this.hmemo.set(key, typeof this.prevArg === 'number' ? String(this.prevArg) : this.prevArg);
          this.memo.set(key, this.stack.length ? (this.stack[this.stack.length - 1] as Value) : UNKNOWN);
        } else {
          const v = this.memo.get(key);
          if (v === undefined) return -1;
          this.stack.push(v);
          if (++this.live > this.limits.maxStack) return this.undo(v);
          this.h2 = this.h1;
          this.h1 = this.hmemo.get(key) ?? HUNK;
        }
        this.prevArg = key;
        this.ops++;
        return pos + (wide ? 5 : 2);
      }
      case 0x58: {
        // BINUNICODE
        if (!this.stable || pos + 5 > end) return -1;
        const len =
          ((buf[pos + 1] as number) |
            ((buf[pos + 2] as number) << 8) |
            ((buf[pos + 3] as number) << 16) |
            ((buf[pos + 4] as number) << 24)) >>>
          0;
        if (len > SHORT_STRING || pos + 5 + len > end) return -1;
        const v = new LazyStr(buf, pos + 5, pos + 5 + len, true);
        this.stack.push(v);
        if (++this.live > this.limits.maxStack) return this.undo(v);
        this.h2 = this.h1;
        this.h1 = v;
        this.prevArg = v;
        this.ops++;
        return pos + 5 + len;
      }
      case 0x47: // BINFLOAT
      case 0x4e: // NONE
      case 0x88: // NEWTRUE
      case 0x89: {
        // NEWFALSE
        const size = code === 0x47 ? 9 : 1;
        if (pos + size > end) return -1;
        const v: Value = code === 0x47 ? FLOAT : code === 0x4e ? null : code === 0x88;
        this.stack.push(v);
        if (++this.live > this.limits.maxStack) return this.undo(v);
        this.h2 = this.h1;
        this.h1 = HUNK;
        this.prevArg = code === 0x47 ? '0.0' : 'None';
        this.ops++;
        return pos + size;
      }
      case 0x28: // MARK
        if (this.meta.length >= this.limits.maxDepth) return -1;
        this.meta.push(this.stack);
        this.stack = [];
        this.h2 = this.h1;
        this.h1 = HUNK;
        this.prevArg = 'None';
        this.ops++;
        return pos + 1;
      default:
        return -1;
    }
  }

  /** Take back a fast-path push that crossed the stack limit and let `step` handle it. */
  private undo(v: Value): number {
    void v;
    this.stack.pop();
    this.live--;
    return -1;
  }

  /** One opcode at `pos`; returns the next position, or NEED. */
  private step(buf: Uint8Array, pos: number, end: number, eof: boolean): number {
    const code = buf[pos] as number;
    const info = OPCODE_BY_BYTE[code];
    this.cur = pos;
    if (info === undefined) {
      if (this.ops === 0 && this.pickles > 0) {
        this.trailing = this.base + pos;
        this.done = true;
        return pos;
      }
      return this.fail(pos, `invalid opcode 0x${code.toString(16).padStart(2, '0')}`);
    }
    let p = pos + 1;
    let argNum = 0;
    let s0 = '';
    let s1 = '';
    let payloadStart = 0;
    let payloadLen = 0;
    switch (info.arg) {
      case ARG.none:
        break;
      case ARG.u1:
        if (p + 1 > end) return this.short(pos, eof);
        argNum = buf[p] as number;
        p += 1;
        break;
      case ARG.u2:
        if (p + 2 > end) return this.short(pos, eof);
        argNum = (buf[p] as number) | ((buf[p + 1] as number) << 8);
        p += 2;
        break;
      case ARG.u4:
      case ARG.i4: {
        if (p + 4 > end) return this.short(pos, eof);
        const v =
          (buf[p] as number) |
          ((buf[p + 1] as number) << 8) |
          ((buf[p + 2] as number) << 16) |
          ((buf[p + 3] as number) << 24);
        argNum = info.arg === ARG.u4 ? v >>> 0 : v;
        p += 4;
        break;
      }
      case ARG.u8:
        if (p + 8 > end) return this.short(pos, eof);
        argNum = readU64(buf, p);
        p += 8;
        break;
      case ARG.f8:
        if (p + 8 > end) return this.short(pos, eof);
        p += 8;
        break;
      case ARG.line:
      case ARG.line2: {
        const nl = indexOfNl(buf, p, end);
        if (nl < 0) return this.longLine(pos, end, eof);
        if (info.arg === ARG.line2) {
          const nl2 = indexOfNl(buf, nl + 1, end);
          if (nl2 < 0) return this.longLine(pos, end, eof);
          const m = utf8(buf, p, nl, true);
          const n = utf8(buf, nl + 1, nl2, true);
          if (m === undefined || n === undefined) return this.fail(pos, `${info.name} argument is not UTF-8`);
          s0 = m;
          s1 = n;
          p = nl2 + 1;
        } else {
          s0 = latin1(buf, p, nl);
          p = nl + 1;
        }
        break;
      }
      default: {
        // length-prefixed payloads
        let len: number;
        let hdr: number;
        if (info.arg === ARG.len1) {
          if (p + 1 > end) return this.short(pos, eof);
          len = buf[p] as number;
          hdr = 1;
        } else if (info.arg === ARG.len8) {
          if (p + 8 > end) return this.short(pos, eof);
          len = readU64(buf, p);
          hdr = 8;
        } else {
          if (p + 4 > end) return this.short(pos, eof);
          const v =
            (buf[p] as number) |
            ((buf[p + 1] as number) << 8) |
            ((buf[p + 2] as number) << 16) |
            ((buf[p + 3] as number) << 24);
          if (info.arg === ARG.len4s && v < 0) return this.fail(pos, `${info.name} has a negative length`);
          len = v >>> 0;
          hdr = 4;
        }
        p += hdr;
        payloadStart = p;
        payloadLen = len;
        if (p + len > end) {
          const isText = (FLAGS[code] as number) & 2 || code === 0x8a || code === 0x8b;
          if (eof) return this.fail(pos, `${info.name} payload truncated`, true);
          // Small text/ints must be read whole: ask for more. Large payloads are skipped.
          if (isText && len <= this.limits.maxCapture && len <= this.limits.window / 2) return NEED;
          this.skip = p + len - end;
          p = end;
          payloadLen = -1;
        } else p += len;
      }
    }
    this.ops++;
    this.exec(code, buf, pos, argNum, s0, s1, payloadStart, payloadLen);
    return p;
  }

  private short(pos: number, eof: boolean): number {
    return eof ? this.fail(pos, 'opcode argument truncated', true) : NEED;
  }

  private longLine(pos: number, end: number, eof: boolean): number {
    if (eof) return this.fail(pos, 'no newline found for a line argument', true);
    if (end - pos > this.limits.maxLine) return this.fail(pos, 'line argument exceeds the line limit');
    return NEED;
  }

  /** Execute one decoded opcode on the abstract state. `payloadLen` -1 means skipped. */
  private exec(
    code: number,
    buf: Uint8Array,
    pos: number,
    n: number,
    s0: string,
    s1: string,
    ps: number,
    pl: number,
  ): void {
    // picklescan's STACK_GLOBAL heuristic inputs
    let hval: string | LazyStr | undefined = HUNK;
    let arg: string | number | LazyStr = 'None';
    switch (code) {
      case 0x28: // MARK
        if (!this.degraded) {
          this.meta.push(this.stack);
          this.stack = [];
          if (this.meta.length > this.limits.maxDepth) this.degrade(pos, 'nesting');
        }
        break;
      case 0x2e: // STOP
        this.pop();
        this.pickles++;
        if (this.outer.length > 0) {
          const o = this.outer.pop() as (typeof this.outer)[number];
          this.stack = o.stack;
          this.meta = o.meta;
          this.memo = o.memo;
          this.ops = 1;
          this.push(UNKNOWN);
        } else {
          this.startPickle();
          if (this.pickles >= this.maxPickles) this.done = true;
        }
        return;
      case 0x30: // POP
        if (this.stack.length > 0 || this.degraded) this.pop();
        else this.popMark();
        break;
      case 0x31: // POP_MARK
        this.popMark();
        break;
      case 0x32: // DUP
        this.push(this.top());
        break;
      case 0x46: // FLOAT
      case 0x47: // BINFLOAT
        this.push(FLOAT);
        arg = code === 0x46 ? s0 : '0.0';
        break;
      case 0x49: // INT
        arg = s0;
        this.push(s0 === '00' ? false : s0 === '01' ? true : toValue(parsePyInt(s0)));
        break;
      case 0x4c: // LONG
        arg = s0;
        this.push(toValue(parsePyInt(s0.endsWith('L') ? s0.slice(0, -1) : s0)));
        break;
      case 0x4a: // BININT
      case 0x4b: // BININT1
      case 0x4d: // BININT2
        arg = n;
        this.push(n);
        break;
      case 0x8a: // LONG1
      case 0x8b: // LONG4
        this.push(pl < 0 ? BIG_INT : decodeLong(buf, ps, pl));
        break;
      case 0x4e: // NONE
        this.push(null);
        break;
      case 0x88:
        this.push(true);
        break;
      case 0x89:
        this.push(false);
        break;
      case 0x50: // PERSID
        arg = s0;
        this.push(new PV(T.persid, s0.length <= SHORT_STRING ? s0 : LONG_STR));
        break;
      case 0x51: // BINPERSID
        this.push(new PV(T.persid, this.pop()));
        break;
      case 0x52: {
        // REDUCE
        const args = this.pop();
        const fn = this.pop();
        this.markCalled(fn);
        this.push(new PV(T.call, fn, args));
        break;
      }
      case 0x53: {
        // STRING (quoted, escaped)
        const q = s0.length >= 2 && s0[0] === s0[s0.length - 1] && (s0[0] === '"' || s0[0] === "'");
        const v = escapeDecode(q ? s0.slice(1, -1) : s0);
        hval = arg = v;
        this.push(this.str(v));
        break;
      }
      case 0x54: // BINSTRING
      case 0x55: // SHORT_BINSTRING
        if (pl < 0 || pl > this.limits.maxCapture) {
          hval = arg = '<long string>';
          this.push(LONG_STR);
        } else {
          const v = latin1(buf, ps, ps + pl);
          hval = arg = v;
          this.push(this.str(v));
        }
        break;
      case 0x56: {
        // UNICODE
        const v = rawUnicodeEscape(s0);
        hval = arg = v;
        this.push(this.str(v));
        break;
      }
      case 0x58: // BINUNICODE
      case 0x8c: // SHORT_BINUNICODE
      case 0x8d: // BINUNICODE8
        if (pl < 0 || pl > this.limits.maxCapture) {
          hval = arg = '<long string>';
          this.push(LONG_STR);
        } else if (this.stable && pl <= SHORT_STRING) {
          const v = new LazyStr(buf, ps, ps + pl, true);
          hval = arg = v;
          this.push(v);
        } else {
          const v = utf8(buf, ps, ps + pl, false) as string;
          hval = arg = v;
          this.push(this.str(v));
        }
        break;
      case 0x42: // BINBYTES
      case 0x43: // SHORT_BINBYTES
      case 0x8e: // BINBYTES8
      case 0x96: // BYTEARRAY8
        this.push(BYTES);
        arg = '<bytes>';
        break;
      case 0x61: {
        // APPEND
        const v = this.pop();
        this.addItems(this.top(), [v]);
        break;
      }
      case 0x65: {
        // APPENDS
        const items = this.popMark();
        this.addItems(this.top(), items);
        break;
      }
      case 0x73: {
        // SETITEM
        const v = this.pop();
        const k = this.pop();
        this.addItems(this.top(), [k, v]);
        break;
      }
      case 0x75: // SETITEMS
      case 0x90: {
        // ADDITEMS
        const items = this.popMark();
        this.addItems(this.top(), items);
        break;
      }
      case 0x6c: // LIST
      case 0x74: // TUPLE
      case 0x64: // DICT
      case 0x91: {
        // FROZENSET
        const items = this.popMark();
        const t = code === 0x6c ? T.list : code === 0x74 ? T.tuple : code === 0x64 ? T.dict : T.set;
        this.push(new PV(t, this.keep(items), items.length));
        break;
      }
      case 0x5d: // EMPTY_LIST
        this.push(new PV(T.list, [], 0));
        break;
      case 0x29: // EMPTY_TUPLE
        this.push(new PV(T.tuple, [], 0));
        break;
      case 0x7d: // EMPTY_DICT
        this.push(new PV(T.dict, [], 0));
        break;
      case 0x8f: // EMPTY_SET
        this.push(new PV(T.set, [], 0));
        break;
      case 0x85:
      case 0x86:
      case 0x87: {
        // TUPLE1/2/3
        const k = code - 0x84;
        const items: Value[] = new Array(k);
        for (let i = k - 1; i >= 0; i--) items[i] = this.pop();
        this.push(new PV(T.tuple, this.keep(items), k));
        break;
      }
      case 0x67: // GET
      case 0x68: // BINGET
      case 0x6a: {
        // LONG_BINGET
        const key = code === 0x67 ? toIndex(s0) : n;
        arg = code === 0x67 ? s0 : String(n);
        hval = key === undefined ? HUNK : (this.hmemo.get(key) ?? HUNK);
        if (this.degraded) break;
        const v = key === undefined ? undefined : this.memo.get(key);
        if (v === undefined) {
          this.issue(
            {
              rule: 'pickle-memo',
              code: 'malformed_file',
              level: 'info',
              severity: 'low',
              message: 'memo read of a missing entry',
            },
            pos,
          );
        }
        this.push(v ?? UNKNOWN);
        break;
      }
      case 0x70: // PUT
      case 0x71: // BINPUT
      case 0x72: // LONG_BINPUT
      case 0x94: {
        // MEMOIZE
        const key = code === 0x94 ? this.memo.size : code === 0x70 ? toIndex(s0) : n;
        const hkey = code === 0x94 ? this.hmemo.size : key;
        if (hkey !== undefined && this.ops > 1) {
          if (this.hmemo.size < this.limits.maxMemo || this.hmemo.has(hkey))
            this.hmemo.set(hkey, this.prevArg instanceof LazyStr ? this.prevArg : String(this.prevArg));
        }
        arg = code === 0x94 ? 'None' : String(key);
        if (this.degraded || key === undefined) break;
        if (this.memo.size >= this.limits.maxMemo && !this.memo.has(key)) this.degrade(pos, 'memo');
        else this.memo.set(key, this.top());
        break;
      }
      case 0x63: {
        // GLOBAL
        arg = `${s0} ${s1}`;
        this.push(this.record(s0, s1, pos, 'GLOBAL', false));
        break;
      }
      case 0x93: {
        // STACK_GLOBAL
        const name = this.pop();
        const module = this.pop();
        let m: string;
        let nm: string;
        const ms = strOf(module);
        const ns = strOf(name);
        if (!this.degraded && ms !== undefined && ns !== undefined) {
          m = ms;
          nm = ns;
        } else {
          m = strOf(this.h2) ?? HUNK;
          nm = strOf(this.h1) ?? HUNK;
          if (!this.degraded && !m.includes(HUNK) && !nm.includes(HUNK)) {
            if (ms === undefined) m = HUNK;
            if (ns === undefined) nm = HUNK;
          }
        }
        this.push(this.record(m, nm, pos, 'STACK_GLOBAL', false));
        break;
      }
      case 0x69: {
        // INST
        arg = `${s0} ${s1}`;
        this.popMark();
        const g = this.record(s0, s1, pos, 'INST', true);
        this.push(new PV(T.call, g, UNKNOWN));
        break;
      }
      case 0x6f: {
        // OBJ
        const items = this.popMark();
        const cls = items[0] ?? UNKNOWN;
        this.markCalled(cls);
        this.push(new PV(T.call, cls, new PV(T.tuple, this.keep(items.slice(1)), items.length - 1)));
        break;
      }
      case 0x81: {
        // NEWOBJ
        const args = this.pop();
        const cls = this.pop();
        this.markCalled(cls);
        this.push(new PV(T.call, cls, args));
        break;
      }
      case 0x92: {
        // NEWOBJ_EX
        this.pop();
        const args = this.pop();
        const cls = this.pop();
        this.markCalled(cls);
        this.push(new PV(T.call, cls, args));
        break;
      }
      case 0x62: {
        // BUILD
        const state = this.pop();
        const inst = this.top();
        this.build(inst, state, pos);
        break;
      }
      case 0x82:
      case 0x83:
      case 0x84: {
        // EXT1/2/4
        arg = String(n);
        const g = this.record(
          'copyreg',
          `_inverted_registry[${n}]`,
          pos,
          code === 0x82 ? 'EXT1' : code === 0x83 ? 'EXT2' : 'EXT4',
          false,
        );
        (g.a as RawGlobal).forced = 'dangerous';
        this.push(g);
        break;
      }
      case 0x80: // PROTO
        arg = String(n);
        if (n > this.protocol) this.protocol = n;
        if (n > 5) {
          this.issue(
            {
              rule: 'pickle-protocol',
              code: 'unsupported_format',
              level: 'info',
              severity: 'low',
              message: `pickle protocol ${n} is newer than 5`,
            },
            pos,
          );
        }
        break;
      case 0x95: // FRAME
        arg = String(n);
        break;
      case 0x97: // NEXT_BUFFER
        this.push(new PV(T.buffer));
        break;
      case 0x98: // READONLY_BUFFER
        break;
      default:
        break;
    }
    const flags = FLAGS[code] as number;
    if ((flags & 1) === 0) {
      this.h2 = this.h1;
      this.h1 = flags & 6 ? hval : HUNK;
    }
    this.prevArg = arg;
  }

  private build(inst: Value, state: Value, pos: number): void {
    if (isGlobal(inst)) {
      const g = (inst as PV).a as RawGlobal;
      this.issue(
        {
          rule: 'pickle-build-on-global',
          code: 'dangerous_code',
          level: 'dangerous',
          severity: 'high',
          message: `BUILD sets attributes on an imported global (${g.opcode} at ${g.offset}): module or class state override`,
        },
        pos,
      );
      return;
    }
    if (!(inst instanceof PV) || inst.t !== T.call) return;
    inst.s = state;
    const fn = inst.a;
    if (!isGlobal(fn as Value)) return;
    const g = (fn as PV).a as RawGlobal;
    if (g.name !== 'NumpyArrayWrapper' || !g.module.endsWith('numpy_pickle')) return;
    const plan = joblibArrayPlan(state);
    if (plan.kind === 'unknown') {
      this.fail(pos, `joblib array of unknown size (${plan.reason})`);
      return;
    }
    if (plan.kind === 'object') {
      // An object array is a complete nested pickle right after BUILD.
      this.pop();
      this.outer.push({ stack: this.stack, meta: this.meta, memo: this.memo });
      if (this.outer.length > this.limits.maxDepth) this.degrade(pos, 'nesting');
      this.stack = [];
      this.meta = [];
      this.memo = new Memo();
      this.ops = 0;
      return;
    }
    this.pop();
    this.push(UNKNOWN);
    this.arrayBytes = plan.bytes;
    if (plan.aligned) this.padPending = true;
    else this.skip = plan.bytes;
  }
}

function indexOfNl(buf: Uint8Array, from: number, end: number): number {
  const i = buf.indexOf(10, from);
  return i >= 0 && i < end ? i : -1;
}

function readU64(buf: Uint8Array, p: number): number {
  const lo =
    ((buf[p] as number) |
      ((buf[p + 1] as number) << 8) |
      ((buf[p + 2] as number) << 16) |
      ((buf[p + 3] as number) << 24)) >>>
    0;
  const hi =
    ((buf[p + 4] as number) |
      ((buf[p + 5] as number) << 8) |
      ((buf[p + 6] as number) << 16) |
      ((buf[p + 7] as number) << 24)) >>>
    0;
  return hi * 4294967296 + lo;
}

function toValue(v: number | bigint | undefined): Value {
  if (v === undefined) return UNKNOWN;
  return typeof v === 'bigint' ? BIG_INT : v;
}

function toIndex(s: string): number | undefined {
  const v = parsePyInt(s);
  return typeof v === 'number' && v >= 0 ? v : undefined;
}

/** Two's-complement little-endian integer (LONG1/LONG4); big values become BIG_INT. */
function decodeLong(buf: Uint8Array, start: number, len: number): Value {
  if (len === 0) return 0;
  if (len > 6) return BIG_INT;
  let v = 0;
  for (let i = len - 1; i >= 0; i--) v = v * 256 + (buf[start + i] as number);
  if ((buf[start + len - 1] as number) & 0x80) v -= 2 ** (8 * len);
  return v;
}
