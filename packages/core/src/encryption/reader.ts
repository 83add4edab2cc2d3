/**
 * A buffered reader over an async iterable of byte chunks: exact-length reads, an end-of-input check,
 * and no copy when a read fits inside one incoming chunk. Used to parse containers from streams.
 */

/** Reads exact byte counts from a chunked source. */
export class ByteReader {
  private readonly it: AsyncIterator<Uint8Array>;
  private chunk: Uint8Array = new Uint8Array(0);
  private offset = 0;
  private done = false;
  /** Bytes handed out so far. */
  position = 0;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.it = source[Symbol.asyncIterator]();
  }

  /** Read `n` bytes, or fewer only at the end of the input. */
  async read(n: number): Promise<Uint8Array> {
    if (this.chunk.length - this.offset >= n) return this.take(n);
    const parts: Uint8Array[] = [];
    let have = 0;
    while (have < n) {
      if (this.chunk.length - this.offset === 0 && !(await this.fill())) break;
      const part = this.take(Math.min(n - have, this.chunk.length - this.offset));
      parts.push(part);
      have += part.length;
    }
    if (parts.length === 1) return parts[0] as Uint8Array;
    const out = new Uint8Array(have);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }

  /** True when no byte is left. */
  async atEnd(): Promise<boolean> {
    return this.chunk.length - this.offset === 0 && !(await this.fill());
  }

  /** Stop reading early (lets the source release its resources). */
  async cancel(): Promise<void> {
    if (!this.done) {
      this.done = true;
      await this.it.return?.();
    }
  }

  private take(n: number): Uint8Array {
    const out = this.chunk.subarray(this.offset, this.offset + n);
    this.offset += n;
    this.position += n;
    return out;
  }

  private async fill(): Promise<boolean> {
    while (!this.done) {
      const next = await this.it.next();
      if (next.done) {
        this.done = true;
        return false;
      }
      if (next.value.length > 0) {
        this.chunk = next.value;
        this.offset = 0;
        return true;
      }
    }
    return false;
  }
}
