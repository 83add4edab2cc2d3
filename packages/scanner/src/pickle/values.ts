/**
 * The abstract values of the pickle disassembler's stack simulation. Nothing is ever constructed
 * for real: a global is a name, a call is a (callable, arguments) pair, and containers keep only
 * their first few items (`ITEM_CAP`), which bounds memory whatever the input.
 */
import { latin1, utf8 } from './text';

/** Value kinds that are not plain JS scalars. */
export const T = {
  bytes: 1,
  float: 2,
  /** A string too long to keep (its content is not needed to find imports). */
  longStr: 3,
  bigInt: 4,
  global: 5,
  call: 6,
  tuple: 7,
  list: 8,
  dict: 9,
  set: 10,
  persid: 11,
  buffer: 12,
  /** A value the simulation could not determine (missing memo entry, stack underflow). */
  unknown: 13,
} as const;

/** A non-scalar abstract value: `a`/`b` hold the kind's payload (see {@link T}). */
export class PV {
  /** Kind from {@link T}. */
  readonly t: number;
  /** First payload: global record, callable, container items, persistent id. */
  a: unknown;
  /** Second payload: call arguments, container length, BUILD state. */
  b: unknown;
  /** BUILD state applied to a call result (numpy dtypes, joblib wrappers). */
  s: unknown;
  constructor(t: number, a?: unknown, b?: unknown) {
    this.t = t;
    this.a = a;
    this.b = b;
  }
}

/**
 * A string still in the input bytes, decoded on first use (most pickle strings are dict keys that
 * are never looked at). Only created over stable buffers (bytes in memory).
 */
export class LazyStr {
  private v: string | undefined;
  constructor(
    private readonly buf: Uint8Array,
    private readonly start: number,
    private readonly end: number,
    private readonly utf: boolean,
  ) {}
  /** The decoded string. */
  toString(): string {
    if (this.v === undefined)
      this.v = this.utf
        ? (utf8(this.buf, this.start, this.end, false) as string)
        : latin1(this.buf, this.start, this.end);
    return this.v;
  }
}

/** Any abstract value: scalars are plain JS values. */
export type Value = string | number | boolean | null | PV | LazyStr;

/** The string of a string value (plain or lazy), else undefined. */
export function strOf(v: Value | undefined): string | undefined {
  return typeof v === 'string' ? v : v instanceof LazyStr ? v.toString() : undefined;
}

/** Items kept per container (the rest are counted, not stored). */
export const ITEM_CAP = 16;

/** A shared unknown value. */
export const UNKNOWN: PV = /* @__PURE__ */ new PV(T.unknown);
/** A shared float value (floats are never needed for analysis). */
export const FLOAT: PV = /* @__PURE__ */ new PV(T.float);
/** A shared bytes value. */
export const BYTES: PV = /* @__PURE__ */ new PV(T.bytes);
/** A shared long-string value. */
export const LONG_STR: PV = /* @__PURE__ */ new PV(T.longStr);
/** A shared big-integer value. */
export const BIG_INT: PV = /* @__PURE__ */ new PV(T.bigInt);

/** True when `v` is a global reference (`GLOBAL`/`STACK_GLOBAL` result). */
export function isGlobal(v: Value): boolean {
  return v instanceof PV && v.t === T.global;
}

/** Items of a tuple/list (the kept ones), or undefined. */
export function itemsOf(v: Value): Value[] | undefined {
  return v instanceof PV && (v.t === T.tuple || v.t === T.list) ? (v.a as Value[]) : undefined;
}

/** Look a string key up in an abstract dict. */
export function dictGet(v: Value, key: string): Value | undefined {
  if (!(v instanceof PV) || v.t !== T.dict) return undefined;
  const kv = v.a as Value[];
  for (let i = 0; i + 1 < kv.length; i += 2) if (strOf(kv[i]) === key) return kv[i + 1];
  return undefined;
}
