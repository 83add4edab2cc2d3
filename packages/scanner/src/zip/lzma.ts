/**
 * LZMA and LZMA2 decoders (for 7z archives), after the LZMA specification (Igor Pavlov's
 * `LzmaSpec.cpp`, public domain). Output goes to one preallocated buffer of the declared size, so a
 * hostile stream can never make it grow; every distance is checked against what was decoded.
 */
import { ValidationError } from '@modelsec/core';

const corrupt = (what: string) => new ValidationError('malformed_file', `LZMA stream is corrupt (${what})`);

class RangeDecoder {
  range = 0xffffffff;
  code = 0;
  constructor(
    readonly buf: Uint8Array,
    public pos: number,
    readonly end: number,
  ) {
    if (pos + 5 > end || buf[pos] !== 0) throw corrupt('range coder header');
    for (let i = 1; i < 5; i++) this.code = this.code * 256 + (buf[pos + i] as number);
    this.pos += 5;
    if (this.code === this.range) throw corrupt('range coder init');
  }
  private norm(): void {
    if (this.range < 0x1000000) {
      if (this.pos >= this.end) throw corrupt('input ends early');
      this.range *= 256;
      this.code = this.code * 256 + (this.buf[this.pos++] as number);
    }
  }
  bit(p: Uint16Array, i: number): number {
    const v = p[i] as number;
    const bound = (this.range >>> 11) * v;
    if (this.code < bound) {
      p[i] = v + ((2048 - v) >>> 5);
      this.range = bound;
      this.norm();
      return 0;
    }
    p[i] = v - (v >>> 5);
    this.code -= bound;
    this.range -= bound;
    this.norm();
    return 1;
  }
  direct(n: number): number {
    let res = 0;
    for (let i = 0; i < n; i++) {
      this.range = this.range >>> 1;
      let b = 0;
      if (this.code >= this.range) {
        this.code -= this.range;
        b = 1;
      }
      res = res * 2 + b;
      this.norm();
    }
    return res;
  }
  tree(p: Uint16Array, off: number, bits: number): number {
    let m = 1;
    for (let i = 0; i < bits; i++) m = (m << 1) + this.bit(p, off + m);
    return m - (1 << bits);
  }
  reverse(p: Uint16Array, off: number, bits: number): number {
    let m = 1;
    let sym = 0;
    for (let i = 0; i < bits; i++) {
      const b = this.bit(p, off + m);
      m = (m << 1) + b;
      sym |= b << i;
    }
    return sym;
  }
}

const probs = (n: number) => new Uint16Array(n).fill(1024);

class LenDecoder {
  choice = probs(2);
  low = probs(16 << 3);
  mid = probs(16 << 3);
  high = probs(256);
  decode(rc: RangeDecoder, posState: number): number {
    if (rc.bit(this.choice, 0) === 0) return rc.tree(this.low, posState << 3, 3);
    if (rc.bit(this.choice, 1) === 0) return 8 + rc.tree(this.mid, posState << 3, 3);
    return 16 + rc.tree(this.high, 0, 8);
  }
}

/** An LZMA decoder writing into a fixed output buffer; LZMA2 drives it chunk by chunk. */
export class LzmaDecoder {
  readonly out: Uint8Array;
  pos = 0;
  private dictStart = 0;
  private lc = 0;
  private lp = 0;
  private pb = 0;
  private lit = probs(0x300);
  private isMatch = probs(192);
  private isRep = probs(12);
  private isRepG0 = probs(12);
  private isRepG1 = probs(12);
  private isRepG2 = probs(12);
  private isRep0Long = probs(192);
  private posSlot = probs(4 << 6);
  private posDec = probs(115);
  private align = probs(16);
  private lenDec = new LenDecoder();
  private repLenDec = new LenDecoder();
  private state = 0;
  private reps = [0, 0, 0, 0];

  constructor(size: number) {
    this.out = new Uint8Array(size);
  }

  /** Set lc/lp/pb from an LZMA properties byte and reset the state. */
  setProps(d: number): void {
    if (d >= 9 * 5 * 5) throw corrupt('properties');
    this.lc = d % 9;
    this.lp = Math.floor(d / 9) % 5;
    this.pb = Math.floor(d / 45);
    this.resetState();
  }

  /** Reset probabilities and match state (LZMA2 state reset). */
  resetState(): void {
    this.lit = probs(0x300 << (this.lc + this.lp));
    for (const p of [
      this.isMatch,
      this.isRep,
      this.isRepG0,
      this.isRepG1,
      this.isRepG2,
      this.isRep0Long,
      this.posSlot,
      this.posDec,
      this.align,
    ])
      p.fill(1024);
    this.lenDec = new LenDecoder();
    this.repLenDec = new LenDecoder();
    this.state = 0;
    this.reps = [0, 0, 0, 0];
  }

  /** Forget the dictionary (LZMA2 dictionary reset). */
  resetDict(): void {
    this.dictStart = this.pos;
  }

  /** Copy stored bytes (LZMA2 uncompressed chunk). */
  copy(src: Uint8Array): void {
    if (this.pos + src.length > this.out.length) throw corrupt('output overflow');
    this.out.set(src, this.pos);
    this.pos += src.length;
  }

  /** Decode from `buf[start, end)` until `outEnd` bytes of output (or an end marker when allowed). */
  decode(buf: Uint8Array, start: number, end: number, outEnd: number, allowEndMarker: boolean): number {
    if (outEnd > this.out.length) throw corrupt('output overflow');
    const rc = new RangeDecoder(buf, start, end);
    const out = this.out;
    const pbMask = (1 << this.pb) - 1;
    const lpMask = (1 << this.lp) - 1;
    let { state } = this;
    const reps = this.reps;
    while (this.pos < outEnd) {
      const posState = this.pos & pbMask;
      if (rc.bit(this.isMatch, (state << 4) + posState) === 0) {
        const prev = this.pos > this.dictStart ? (out[this.pos - 1] as number) : 0;
        const base = 0x300 * (((this.pos & lpMask) << this.lc) + (prev >>> (8 - this.lc)));
        let sym = 1;
        if (state >= 7) {
          let match = out[this.pos - (reps[0] as number) - 1] as number;
          while (sym < 0x100) {
            const mb = (match >>> 7) & 1;
            match <<= 1;
            const b = rc.bit(this.lit, base + ((1 + mb) << 8) + sym);
            sym = (sym << 1) | b;
            if (mb !== b) break;
          }
        }
        while (sym < 0x100) sym = (sym << 1) | rc.bit(this.lit, base + sym);
        out[this.pos++] = sym - 0x100;
        state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
        continue;
      }
      let len: number;
      if (rc.bit(this.isRep, state) !== 0) {
        if (this.pos === this.dictStart) throw corrupt('rep match at start');
        if (rc.bit(this.isRepG0, state) === 0) {
          if (rc.bit(this.isRep0Long, (state << 4) + posState) === 0) {
            state = state < 7 ? 9 : 11;
            out[this.pos] = out[this.pos - (reps[0] as number) - 1] as number;
            this.pos++;
            continue;
          }
        } else {
          let dist: number;
          if (rc.bit(this.isRepG1, state) === 0) dist = reps[1] as number;
          else {
            if (rc.bit(this.isRepG2, state) === 0) dist = reps[2] as number;
            else {
              dist = reps[3] as number;
              reps[3] = reps[2] as number;
            }
            reps[2] = reps[1] as number;
          }
          reps[1] = reps[0] as number;
          reps[0] = dist;
        }
        len = this.repLenDec.decode(rc, posState);
        state = state < 7 ? 8 : 11;
      } else {
        reps[3] = reps[2] as number;
        reps[2] = reps[1] as number;
        reps[1] = reps[0] as number;
        len = this.lenDec.decode(rc, posState);
        state = state < 7 ? 7 : 10;
        const dist = this.distance(rc, len);
        if (dist === 0xffffffff) {
          if (!allowEndMarker) throw corrupt('unexpected end marker');
          break;
        }
        reps[0] = dist;
      }
      len += 2;
      const rep0 = reps[0] as number;
      if (rep0 >= this.pos - this.dictStart) throw corrupt('distance beyond the dictionary');
      if (this.pos + len > outEnd) throw corrupt('match runs past the output');
      for (let i = 0; i < len; i++, this.pos++) out[this.pos] = out[this.pos - rep0 - 1] as number;
    }
    this.state = state;
    return rc.pos;
  }

  private distance(rc: RangeDecoder, len: number): number {
    const lenState = len < 3 ? len : 3;
    const slot = rc.tree(this.posSlot, lenState << 6, 6);
    if (slot < 4) return slot;
    const n = (slot >>> 1) - 1;
    let dist = (2 | (slot & 1)) * 2 ** n;
    if (slot < 14) return dist + rc.reverse(this.posDec, dist - slot, n);
    dist += rc.direct(n - 4) * 16;
    return dist + rc.reverse(this.align, 0, 4);
  }
}

/**
 * Decode a 7z LZMA stream (`props` = 5 coder property bytes) of known output size.
 *
 * @example
 * ```ts
 * const out = lzmaDecode(packed, props, unpackSize);
 * ```
 */
export function lzmaDecode(data: Uint8Array, props: Uint8Array, size: number): Uint8Array {
  if (props.length < 1) throw corrupt('properties');
  const d = new LzmaDecoder(size);
  d.setProps(props[0] as number);
  d.decode(data, 0, data.length, size, true);
  return d.out.subarray(0, d.pos);
}

/**
 * Decode a 7z LZMA2 stream of known output size.
 *
 * @example
 * ```ts
 * const out = lzma2Decode(packed, size);
 * ```
 */
export function lzma2Decode(data: Uint8Array, size: number): Uint8Array {
  const d = new LzmaDecoder(size);
  let p = 0;
  let needProps = true;
  while (p < data.length) {
    const c = data[p++] as number;
    if (c === 0) break;
    if (c === 1 || c === 2) {
      if (p + 2 > data.length) throw corrupt('chunk header');
      const n = (((data[p] as number) << 8) | (data[p + 1] as number)) + 1;
      p += 2;
      if (p + n > data.length) throw corrupt('chunk truncated');
      if (c === 1) d.resetDict();
      d.copy(data.subarray(p, p + n));
      p += n;
      continue;
    }
    if (c < 0x80) throw corrupt('chunk control byte');
    if (p + 4 > data.length) throw corrupt('chunk header');
    const unpacked = ((c & 0x1f) << 16) + (((data[p] as number) << 8) | (data[p + 1] as number)) + 1;
    const packed = (((data[p + 2] as number) << 8) | (data[p + 3] as number)) + 1;
    p += 4;
    const reset = (c >>> 5) & 3;
    if (reset === 3) d.resetDict();
    if (reset >= 2) {
      if (p >= data.length) throw corrupt('chunk properties');
      d.setProps(data[p++] as number);
      needProps = false;
    } else if (needProps) throw corrupt('chunk without properties');
    else if (reset === 1) d.resetState();
    if (p + packed > data.length) throw corrupt('chunk truncated');
    d.decode(data, p, p + packed, d.pos + unpacked, false);
    p += packed;
  }
  return d.out.subarray(0, d.pos);
}
