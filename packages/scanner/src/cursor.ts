/**
 * A sequential reader over a {@link ScanSource} with a refillable window: `need(n)` makes `n` bytes
 * available (reading more only when the window runs out), then the sync getters read them.
 */
import { ValidationError } from '@modelsec/core';
import type { ScanSource } from './source';

/** Sequential little-endian reader. */
export class Cursor {
  private buf: Uint8Array = new Uint8Array(0);
  private start = 0;
  private p = 0;
  private readonly src: ScanSource;
  private readonly window: number;

  constructor(src: ScanSource, offset = 0, window = 1 << 20) {
    this.src = src;
    this.start = offset;
    this.window = window;
    if (src.bytes) {
      this.buf = src.bytes;
      this.start = 0;
      this.p = offset;
    }
  }

  /** Absolute position. */
  get pos(): number {
    return this.start + this.p;
  }

  /** Bytes left in the source. */
  get remaining(): number {
    return this.src.size - this.pos;
  }

  /**
   * Make `n` bytes available at the position.
   *
   * @throws ValidationError('truncated_input') when the source ends first.
   */
  async need(n: number): Promise<void> {
    if (this.p + n <= this.buf.length) return;
    if (n > this.remaining) throw new ValidationError('truncated_input', 'data ends inside a field');
    const at = this.pos;
    this.buf = await this.src.read(at, Math.max(n, this.window));
    this.start = at;
    this.p = 0;
  }

  /** Skip `n` bytes without reading them. */
  skip(n: number): void {
    if (n > this.remaining) throw new ValidationError('truncated_input', 'data ends inside a field');
    const avail = this.buf.length - this.p;
    if (n <= avail) this.p += n;
    else {
      this.start = this.pos + n;
      this.p = 0;
      this.buf = new Uint8Array(0);
    }
  }

  /** uint8. */
  u8(): number {
    return this.buf[this.p++] as number;
  }
  /** uint32 little-endian. */
  u32(): number {
    const b = this.buf;
    const p = this.p;
    this.p += 4;
    return (
      ((b[p] as number) | ((b[p + 1] as number) << 8) | ((b[p + 2] as number) << 16) | ((b[p + 3] as number) << 24)) >>>
      0
    );
  }
  /** uint64 little-endian as a number (exact below 2^53). */
  u64(): number {
    const lo = this.u32();
    return this.u32() * 4294967296 + lo;
  }
  /** `n` bytes (call `need(n)` first). */
  bytes(n: number): Uint8Array {
    const out = this.buf.subarray(this.p, this.p + n);
    this.p += n;
    return out;
  }
}
