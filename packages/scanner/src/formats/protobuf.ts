/**
 * A bounded protobuf wire-format reader: varints (at most 10 bytes), fixed 32/64-bit fields and
 * length-delimited fields, over bytes in memory. It never allocates more than the field it returns
 * (a subarray view) and rejects groups, bad wire types and lengths past the end.
 */
import { ValidationError } from '@modelsec/core';

/** One decoded field. */
export interface PbField {
  /** Field number. */
  field: number;
  /** Wire type (0 varint, 1 fixed64, 2 length-delimited, 5 fixed32). */
  wire: number;
  /** Varint value (wire 0) as a number (exact below 2^53), or the length (wire 2). */
  value: number;
  /** Start of the payload (wire 2). */
  start: number;
  /** End of the payload (wire 2). */
  end: number;
}

/**
 * Iterate the fields of the message in `buf[start, end)`.
 *
 * @throws ValidationError('malformed_file') on any wire-format error.
 * @example
 * ```ts
 * for (const f of fields(bytes, 0, bytes.length)) console.log(f.field);
 * ```
 */
export function* fields(buf: Uint8Array, start: number, end: number): Generator<PbField> {
  let p = start;
  while (p < end) {
    const [key, p1] = varint(buf, p, end);
    p = p1;
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (field === 0) throw new ValidationError('malformed_file', 'protobuf field number 0');
    if (wire === 0) {
      const [v, p2] = varint(buf, p, end);
      yield { field, wire, value: v, start: p, end: p2 };
      p = p2;
    } else if (wire === 2) {
      const [len, p2] = varint(buf, p, end);
      if (len > end - p2) throw new ValidationError('malformed_file', 'protobuf length runs past the message');
      yield { field, wire, value: len, start: p2, end: p2 + len };
      p = p2 + len;
    } else if (wire === 1 || wire === 5) {
      const n = wire === 1 ? 8 : 4;
      if (p + n > end) throw new ValidationError('malformed_file', 'protobuf fixed field truncated');
      yield { field, wire, value: 0, start: p, end: p + n };
      p += n;
    } else throw new ValidationError('malformed_file', `protobuf wire type ${wire} is not supported`);
  }
}

/**
 * Read a varint at `p` (before `end`): [value, next position]. Values above 2^53 lose precision.
 *
 * @example
 * ```ts
 * varint(new Uint8Array([0xac, 0x02]), 0, 2); // [300, 2]
 * ```
 */
export function varint(buf: Uint8Array, p: number, end: number): [number, number] {
  let v = 0;
  let mul = 1;
  for (let i = 0; i < 10; i++) {
    if (p >= end) throw new ValidationError('malformed_file', 'protobuf varint truncated');
    const b = buf[p++] as number;
    v += (b & 0x7f) * mul;
    if (b < 0x80) return [v, p];
    mul *= 128;
  }
  throw new ValidationError('malformed_file', 'protobuf varint longer than 10 bytes');
}
