/**
 * A bounded protobuf wire-format reader, just enough to walk an ONNX model to its initializers: varints
 * (at most 10 bytes, values up to 2^53), field keys, and skipping of fields by wire type. Every read is
 * checked against the end of its enclosing message; anything else is a `ValidationError`
 * (`malformed_file`), never an out-of-bounds read. Nothing is copied or re-encoded.
 */
import { ValidationError } from '@modelsec/core';

/** One field of a message: its number, wire type and where its value lies. */
export interface WireField {
  /** Field number. */
  field: number;
  /** Wire type: 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32. */
  wire: number;
  /** Offset of the value (for wire type 2: of the payload, after the length). */
  start: number;
  /** Offset just past the value. */
  end: number;
  /** The varint value (wire type 0). */
  value: number;
}

function malformed(what: string, offset: number): ValidationError {
  return new ValidationError('malformed_file', `malformed ONNX protobuf: ${what}`, { details: { offset } });
}

/** Read a varint at `pos` (before `end`); returns [value, next offset]. */
export function readVarint(bytes: Uint8Array, pos: number, end: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= end) throw malformed('truncated varint', pos);
    const b = bytes[pos++] as number;
    value += (b & 0x7f) * scale;
    if ((b & 0x80) === 0) return [value, pos];
    scale *= 128;
  }
  throw malformed('varint longer than 10 bytes', pos);
}

/**
 * Iterate over the fields of the message in `bytes[start, end)`.
 *
 * @throws ValidationError `malformed_file` on truncation, bad lengths or unsupported wire types.
 */
export function* fields(bytes: Uint8Array, start: number, end: number): Generator<WireField> {
  let pos = start;
  while (pos < end) {
    const keyAt = pos;
    const [key, afterKey] = readVarint(bytes, pos, end);
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (field === 0) throw malformed('field number 0', keyAt);
    pos = afterKey;
    switch (wire) {
      case 0: {
        const [value, next] = readVarint(bytes, pos, end);
        yield { field, wire, start: pos, end: next, value };
        pos = next;
        break;
      }
      case 1:
      case 5: {
        const size = wire === 1 ? 8 : 4;
        if (pos + size > end) throw malformed('truncated fixed-width field', pos);
        yield { field, wire, start: pos, end: pos + size, value: 0 };
        pos += size;
        break;
      }
      case 2: {
        const [length, payload] = readVarint(bytes, pos, end);
        if (length > end - payload) throw malformed('length past the end of the message', pos);
        yield { field, wire, start: payload, end: payload + length, value: length };
        pos = payload + length;
        break;
      }
      default:
        throw malformed(`unsupported wire type ${wire}`, keyAt);
    }
  }
}
