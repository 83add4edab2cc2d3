/**
 * The minimal protocol-buffers wire-format reader and writer that `makeBatchable` and `readOnnxSignature`
 * need: split a message into its fields (bounds-checked, without trusting any length), and write fields
 * back with recomputed lengths. Untouched fields are copied byte for byte.
 */
import { ValidationError } from '@modelsec/core';

/** One field of a message, as byte ranges into the buffer it was read from. */
export interface WireField {
  /** Field number. */
  no: number;
  /** Wire type: 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32. */
  wire: number;
  /** Start of the whole field (tag included). */
  start: number;
  /** End of the whole field. */
  end: number;
  /** Start of the value (after the tag, and after the length for wire type 2). */
  valueStart: number;
  /** End of the value. */
  valueEnd: number;
}

function malformed(what: string): ValidationError {
  return new ValidationError('malformed_file', `ONNX protobuf is malformed: ${what}`);
}

/** Read a varint at `pos` (at most 10 bytes, within `end`); returns the value as bigint and the next position. */
export function readVarint(buf: Uint8Array, pos: number, end: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (let i = 0; i < 10; i++) {
    if (pos >= end) throw malformed('truncated varint');
    const byte = buf[pos++] as number;
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [BigInt.asUintN(64, result), pos];
    shift += 7n;
  }
  throw malformed('varint longer than 10 bytes');
}

function readSmall(buf: Uint8Array, pos: number, end: number, what: string): [number, number] {
  const [v, next] = readVarint(buf, pos, end);
  if (v > BigInt(end)) throw malformed(`${what} out of bounds`);
  return [Number(v), next];
}

/** Split the message in `buf[start, end)` into fields. */
export function readFields(buf: Uint8Array, start = 0, end = buf.length): WireField[] {
  const fields: WireField[] = [];
  let pos = start;
  while (pos < end) {
    const fieldStart = pos;
    const [tag, afterTag] = readVarint(buf, pos, end);
    const no = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    if (no === 0 || tag >> 3n > 0x1fffffffn) throw malformed('invalid field number');
    let valueStart = afterTag;
    let valueEnd: number;
    if (wire === 0) {
      valueEnd = readVarint(buf, afterTag, end)[1];
    } else if (wire === 1) {
      valueEnd = afterTag + 8;
    } else if (wire === 5) {
      valueEnd = afterTag + 4;
    } else if (wire === 2) {
      const [len, afterLen] = readSmall(buf, afterTag, end, 'length');
      valueStart = afterLen;
      valueEnd = afterLen + len;
    } else {
      throw malformed(`unsupported wire type ${wire}`);
    }
    if (valueEnd > end) throw malformed('field runs past the end of its message');
    fields.push({ no, wire, start: fieldStart, end: valueEnd, valueStart, valueEnd });
    pos = valueEnd;
  }
  return fields;
}

/** Decode a length-delimited field as UTF-8 text. */
export function fieldText(buf: Uint8Array, f: WireField): string {
  if (f.wire !== 2) throw malformed(`field ${f.no} is not length-delimited`);
  return new TextDecoder().decode(buf.subarray(f.valueStart, f.valueEnd));
}

/** Decode a varint field as a signed 64-bit value. */
export function fieldInt(buf: Uint8Array, f: WireField): bigint {
  if (f.wire !== 0) throw malformed(`field ${f.no} is not a varint`);
  return BigInt.asIntN(64, readVarint(buf, f.valueStart, f.valueEnd)[0]);
}

/** Encode an unsigned (or two's-complement 64-bit) varint. */
export function encodeVarint(value: bigint | number): Uint8Array {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return Uint8Array.from(out);
}

/** Concatenate byte chunks. */
export function concatChunks(chunks: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** A length-delimited field `no` holding `payload`. */
export function lenField(no: number, payload: Uint8Array): Uint8Array {
  return concatChunks([encodeVarint((no << 3) | 2), encodeVarint(payload.length), payload]);
}

/** A varint field `no` holding `value`. */
export function varintField(no: number, value: bigint | number): Uint8Array {
  return concatChunks([encodeVarint(no << 3), encodeVarint(value)]);
}
