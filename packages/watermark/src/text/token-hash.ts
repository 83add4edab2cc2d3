/**
 * The keyed PRF of the text watermark. Each token id t gets a secret 32-bit value τ(t) (31 bits) from
 * HMAC-SHA-256 under the key's `text/tokens` subkey (one HMAC per block of 8 consecutive ids, filled
 * lazily and cached, so detection costs one HMAC per 8 distinct tokens seen); green-list membership of a
 * token in a context is a keyed 32-bit mix (MurmurHash3 rounds with a secret salt) of the context's τ
 * values and the token's τ, compared with γ·2^31. Without the key, the τ values and so the green lists
 * are unpredictable.
 */
import { prf } from '../shared/key';

/** Lazily filled table of keyed token values. */
export interface TokenHashes {
  /** τ(t) for 0 ≤ t < vocabSize (31 bits, so values stay small integers in the JIT). */
  get(t: number): number;
  /** The whole table (fills every block). */
  all(): Int32Array;
  /** The secret 32-bit salt of the mix. */
  readonly salt: number;
}

/** Create the token table of a `text/tokens` subkey. */
export function tokenHashes(subkey: Uint8Array, vocabSize: number): TokenHashes {
  const table = new Int32Array(vocabSize);
  const filled = new Uint8Array(Math.ceil(vocabSize / 8));
  const message = new Uint8Array(5);
  const view = new DataView(message.buffer);
  const fill = (block: number): void => {
    message[0] = 0x74; // 't'
    view.setUint32(1, block);
    const tag = prf(subkey, message);
    const words = new DataView(tag.buffer, tag.byteOffset, 32);
    const start = block * 8;
    const end = Math.min(vocabSize, start + 8);
    for (let t = start; t < end; t++) table[t] = words.getUint32((t - start) * 4, true) >>> 1;
    filled[block] = 1;
  };
  message[0] = 0x73; // 's'
  view.setUint32(1, 0);
  const saltTag = prf(subkey, message);
  const salt = new DataView(saltTag.buffer, saltTag.byteOffset, 32).getUint32(0, true);
  return {
    salt,
    get(t) {
      if (filled[t >>> 3] === 0) fill(t >>> 3);
      return table[t] as number;
    },
    all() {
      for (let b = 0; b < filled.length; b++) if (filled[b] === 0) fill(b);
      return table;
    },
  };
}

/**
 * Keyed mix of two 32-bit words (MurmurHash3_x86_32 over [a, b] with seed `salt`), top 31 bits: uniform
 * in [0, 2^31).
 */
export function mix(salt: number, a: number, b: number): number {
  let h = salt | 0;
  let k = Math.imul(a | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  k = Math.imul(b | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  h ^= 8;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 1;
}
