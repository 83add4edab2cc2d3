/**
 * Keyed deterministic randomness: a ChaCha20 keystream (RFC 8439, from @noble/ciphers) under a
 * purpose-bound subkey, with a 96-bit stream index as nonce. Everything a watermark derives from its
 * key (projection signs, trigger inputs and labels, noise in robustness checks) comes from here, so it
 * is reproducible from the key and unpredictable without it.
 */
import { boxMuller } from '@modelsec/core';
import { chacha20 } from '@noble/ciphers/chacha';

const CHUNK = 4096;
const ZEROS = /* @__PURE__ */ new Uint8Array(CHUNK);

/** A keyed stream of pseudorandom bytes, integers and floats. */
export interface KeyStream {
  /** Fill `out` with the next `out.length` bytes. */
  fill(out: Uint8Array): Uint8Array;
  /** The next unsigned 32-bit integer. */
  uint32(): number;
  /** A float uniform in [0, 1) with 53 random bits. */
  uniform(): number;
  /** An integer uniform in [0, n), without modulo bias. */
  below(n: number): number;
  /** A standard normal deviate (Box-Muller). */
  normal(): number;
}

/**
 * A ChaCha20 keystream under a 32-byte `key`, stream number `index` (up to 2^53).
 *
 * @example
 * ```ts
 * const s = keyStream(deriveKey(keyBytes(secret), 'trigger'), 0);
 * s.uniform(); // deterministic for this key and index
 * ```
 */
export function keyStream(key: Uint8Array, index = 0): KeyStream {
  const nonce = new Uint8Array(12);
  const view = new DataView(nonce.buffer);
  view.setUint32(0, index >>> 0, true);
  view.setUint32(4, Math.floor(index / 2 ** 32) >>> 0, true);
  const buf = new Uint8Array(CHUNK);
  const words = new DataView(buf.buffer);
  let pos = CHUNK;
  let counter = 0;
  const refill = (): void => {
    chacha20(key, nonce, ZEROS, buf, counter);
    counter += CHUNK / 64;
    pos = 0;
  };
  const stream: KeyStream = {
    fill(out) {
      let o = 0;
      while (o < out.length) {
        if (pos === CHUNK) refill();
        const n = Math.min(CHUNK - pos, out.length - o);
        out.set(buf.subarray(pos, pos + n), o);
        pos += n;
        o += n;
      }
      return out;
    },
    uint32() {
      if (pos + 4 > CHUNK) {
        // CHUNK is a multiple of 4 and reads are aligned, so this only happens at the end of a chunk.
        refill();
      }
      const v = words.getUint32(pos, true);
      pos += 4;
      return v;
    },
    uniform() {
      const hi = stream.uint32() >>> 5; // 27 bits
      const lo = stream.uint32() >>> 6; // 26 bits
      return (hi * 67108864 + lo) / 9007199254740992;
    },
    below(n) {
      if (n <= 1) return 0;
      if (n <= 2 ** 32) {
        const limit = 2 ** 32 - (2 ** 32 % n);
        for (;;) {
          const v = stream.uint32();
          if (v < limit) return v % n;
        }
      }
      return Math.floor(stream.uniform() * n);
    },
    normal: boxMuller(() => stream.uniform()),
  };
  return stream;
}
