/**
 * A small, strict DER reader and writer for the few ASN.1 structures signing needs (X.509
 * certificates, SubjectPublicKeyInfo, PKCS#8 / SEC1 keys, ECDSA signatures). Definite lengths only,
 * minimal length encodings only, bounded nesting; every malformation is an `IntegrityError`
 * (`certificate_invalid` by default) that says where, never what.
 */
import { IntegrityError } from '../errors/model-sec-error';

/** One parsed DER element: its tag byte, the content bytes and the whole encoding. */
export interface DerNode {
  /** The identifier octet (low-tag-number form only). */
  tag: number;
  /** Content octets. */
  value: Uint8Array;
  /** Tag + length + content (what signatures over a TBS structure cover). */
  raw: Uint8Array;
}

/** Universal tags used here. */
export const TAG = Object.freeze({
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
});

type IntegrityCode = ConstructorParameters<typeof IntegrityError>[0];

/**
 * Read one DER element at `offset` of `bytes`.
 *
 * @throws IntegrityError (`code`, default `certificate_invalid`) on a malformed encoding.
 * @example
 * ```ts
 * const { node, end } = readDer(bytes, 0);
 * ```
 */
export function readDer(
  bytes: Uint8Array,
  offset = 0,
  code: IntegrityCode = 'certificate_invalid',
): { node: DerNode; end: number } {
  const fail = (why: string): never => {
    throw new IntegrityError(code, `malformed DER: ${why} at offset ${offset}`);
  };
  if (offset + 2 > bytes.length) fail('truncated header');
  const tag = bytes[offset] as number;
  if ((tag & 0x1f) === 0x1f) fail('high tag numbers are not supported');
  let len = bytes[offset + 1] as number;
  let pos = offset + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0) fail('indefinite length');
    if (n > 4) fail('length too large');
    if (pos + n > bytes.length) fail('truncated length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (bytes[pos + i] as number);
    if (bytes[pos] === 0 || len < 0x80) fail('non-minimal length');
    pos += n;
  }
  const end = pos + len;
  if (end > bytes.length) fail('truncated content');
  return { node: { tag, value: bytes.subarray(pos, end), raw: bytes.subarray(offset, end) }, end };
}

/**
 * Parse a complete DER value (no trailing bytes).
 *
 * @example
 * ```ts
 * const cert = parseDer(certificateBytes);
 * ```
 */
export function parseDer(bytes: Uint8Array, code: IntegrityCode = 'certificate_invalid'): DerNode {
  const { node, end } = readDer(bytes, 0, code);
  if (end !== bytes.length) throw new IntegrityError(code, `malformed DER: ${bytes.length - end} trailing bytes`);
  return node;
}

/**
 * The children of a constructed element (SEQUENCE, SET, or a constructed context tag).
 *
 * @example
 * ```ts
 * const [tbs, sigAlg, sig] = children(cert);
 * ```
 */
export function children(node: DerNode, code: IntegrityCode = 'certificate_invalid'): DerNode[] {
  if ((node.tag & 0x20) === 0) throw new IntegrityError(code, 'malformed DER: expected a constructed element');
  const out: DerNode[] = [];
  let pos = 0;
  while (pos < node.value.length) {
    if (out.length >= 10_000) throw new IntegrityError(code, 'malformed DER: too many elements');
    const { node: child, end } = readDer(node.value, pos, code);
    out.push(child);
    pos = end;
  }
  return out;
}

/**
 * Assert a node has the given tag and return it.
 *
 * @example
 * ```ts
 * expectTag(node, TAG.sequence, 'certificate');
 * ```
 */
export function expectTag(
  node: DerNode | undefined,
  tag: number,
  what: string,
  code: IntegrityCode = 'certificate_invalid',
): DerNode {
  if (!node || node.tag !== tag) throw new IntegrityError(code, `malformed DER: expected ${what}`);
  return node;
}

/**
 * Decode an OBJECT IDENTIFIER to dotted form.
 *
 * @example
 * ```ts
 * decodeOid(node); // '1.2.840.10045.2.1'
 * ```
 */
export function decodeOid(node: DerNode, code: IntegrityCode = 'certificate_invalid'): string {
  const v = expectTag(node, TAG.oid, 'OBJECT IDENTIFIER', code).value;
  if (v.length === 0 || v.length > 64) throw new IntegrityError(code, 'malformed DER: bad OID length');
  const parts: number[] = [];
  let acc = 0;
  for (let i = 0; i < v.length; i++) {
    const b = v[i] as number;
    if (acc === 0 && b === 0x80) throw new IntegrityError(code, 'malformed DER: non-minimal OID');
    acc = acc * 128 + (b & 0x7f);
    if (acc > Number.MAX_SAFE_INTEGER / 128) throw new IntegrityError(code, 'malformed DER: OID arc too large');
    if ((b & 0x80) === 0) {
      if (parts.length === 0) parts.push(acc < 80 ? Math.floor(acc / 40) : 2, acc < 80 ? acc % 40 : acc - 80);
      else parts.push(acc);
      acc = 0;
    } else if (i === v.length - 1) throw new IntegrityError(code, 'malformed DER: truncated OID');
  }
  return parts.join('.');
}

/**
 * The OID of an AlgorithmIdentifier (`SEQUENCE { OID, parameters? }`).
 *
 * @example
 * ```ts
 * algorithmOid(node); // '1.2.840.10045.4.3.2' (ecdsa-with-SHA256)
 * ```
 */
export function algorithmOid(node: DerNode | undefined, code: IntegrityCode = 'certificate_invalid'): string {
  return decodeOid(children(expectTag(node, TAG.sequence, 'AlgorithmIdentifier', code), code)[0] as DerNode, code);
}

/**
 * A UTCTime or GeneralizedTime in UTC with whole seconds (RFC 5280), or with `fractions`, a
 * GeneralizedTime that may carry fractional seconds (RFC 3161 `genTime`).
 *
 * @returns the time, or undefined for another tag or a malformed value.
 * @example
 * ```ts
 * derTime(notBefore); // 2025-04-08T06:59:43.000Z
 * ```
 */
export function derTime(node: DerNode | undefined, fractions = false): Date | undefined {
  if (!node || (node.tag !== TAG.utcTime && node.tag !== TAG.generalizedTime)) return undefined;
  const s = new TextDecoder().decode(node.value);
  const m =
    node.tag === TAG.utcTime
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s)
      : fractions
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,9}))?Z$/.exec(s)
        : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return undefined;
  let year = Number(m[1]);
  if (node.tag === TAG.utcTime) year += year < 50 ? 2000 : 1900;
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  const t = Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms);
  return Number.isFinite(t) ? new Date(t) : undefined;
}

/**
 * The unsigned big-endian magnitude of a DER INTEGER (leading zero removed), rejecting negatives
 * and non-minimal encodings.
 *
 * @example
 * ```ts
 * const r = integerBytes(node);
 * ```
 */
export function integerBytes(node: DerNode, code: IntegrityCode = 'certificate_invalid'): Uint8Array {
  const v = expectTag(node, TAG.integer, 'INTEGER', code).value;
  if (v.length === 0) throw new IntegrityError(code, 'malformed DER: empty INTEGER');
  if ((v[0] as number) & 0x80) throw new IntegrityError(code, 'malformed DER: negative INTEGER');
  if (v.length > 1 && v[0] === 0 && ((v[1] as number) & 0x80) === 0) {
    throw new IntegrityError(code, 'malformed DER: non-minimal INTEGER');
  }
  return v[0] === 0 && v.length > 1 ? v.subarray(1) : v;
}

/**
 * The content of a BIT STRING with no unused bits.
 *
 * @example
 * ```ts
 * const spkiKey = bitStringBytes(node);
 * ```
 */
export function bitStringBytes(node: DerNode, code: IntegrityCode = 'certificate_invalid'): Uint8Array {
  const v = expectTag(node, TAG.bitString, 'BIT STRING', code).value;
  if (v.length === 0 || v[0] !== 0) throw new IntegrityError(code, 'malformed DER: BIT STRING with unused bits');
  return v.subarray(1);
}

/**
 * Encode a DER element from a tag and content.
 *
 * @example
 * ```ts
 * derEncode(TAG.sequence, concatBytes(a, b));
 * ```
 */
export function derEncode(tag: number, content: Uint8Array): Uint8Array {
  const n = content.length;
  const head =
    n < 0x80
      ? [tag, n]
      : n < 0x100
        ? [tag, 0x81, n]
        : n < 0x10000
          ? [tag, 0x82, n >> 8, n & 0xff]
          : [tag, 0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  const out = new Uint8Array(head.length + n);
  out.set(head);
  out.set(content, head.length);
  return out;
}

/**
 * Concatenate encoded elements into a SEQUENCE.
 *
 * @example
 * ```ts
 * derSequence(algorithmIdentifier, derEncode(TAG.bitString, key));
 * ```
 */
export function derSequence(...items: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const i of items) length += i.length;
  const body = new Uint8Array(length);
  let o = 0;
  for (const i of items) {
    body.set(i, o);
    o += i.length;
  }
  return derEncode(TAG.sequence, body);
}

/**
 * Encode a dotted OID.
 *
 * @example
 * ```ts
 * derOid('1.3.132.0.34');
 * ```
 */
export function derOid(oid: string): Uint8Array {
  const arcs = oid.split('.').map(Number);
  const bytes: number[] = [];
  const push = (v: number) => {
    const tmp = [v & 0x7f];
    for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128)) tmp.unshift((x & 0x7f) | 0x80);
    bytes.push(...tmp);
  };
  push((arcs[0] as number) * 40 + (arcs[1] as number));
  for (const a of arcs.slice(2)) push(a);
  return derEncode(TAG.oid, Uint8Array.from(bytes));
}

/**
 * Encode an unsigned big-endian magnitude as a DER INTEGER.
 *
 * @example
 * ```ts
 * derUnsignedInteger(r);
 * ```
 */
export function derUnsignedInteger(magnitude: Uint8Array): Uint8Array {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  const m = magnitude.subarray(i);
  const pad = ((m[0] ?? 0) & 0x80) !== 0 ? 1 : 0;
  const content = new Uint8Array(m.length + pad);
  content.set(m, pad);
  return derEncode(TAG.integer, content.length === 0 ? new Uint8Array(1) : content);
}
