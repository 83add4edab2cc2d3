/**
 * A set of (seed, token) pairs (open addressing over an Int32Array), for counting each repeated
 * pseudorandom-function input once in detection: green/red is a fixed function of the pair, so a
 * repeated pair carries no new evidence. Sized once for the number of pairs, so inserts never rehash.
 */

/** A fixed-capacity set of pairs of 32-bit integers. */
export interface PairSet {
  /** Add the pair (a, b); true when it was not there yet. */
  add(a: number, b: number): boolean;
}

/** Create a set for up to `count` pairs. */
export function pairSet(count: number): PairSet {
  let capacity = 16;
  while (capacity < count * 2) capacity *= 2;
  const mask = capacity - 1;
  const keys = new Int32Array(capacity * 2);
  const used = new Uint8Array(capacity);
  return {
    add(a, b) {
      let h = Math.imul(a ^ 0x2545f491, 0x9e3779b1);
      h ^= h >>> 15;
      h = Math.imul(h ^ b, 0x85ebca6b);
      h ^= h >>> 13;
      let slot = (h >>> 0) & mask;
      const ia = a | 0;
      const ib = b | 0;
      for (;;) {
        if (used[slot] === 0) {
          used[slot] = 1;
          keys[2 * slot] = ia;
          keys[2 * slot + 1] = ib;
          return true;
        }
        if (keys[2 * slot] === ia && keys[2 * slot + 1] === ib) return false;
        slot = (slot + 1) & mask;
      }
    },
  };
}
