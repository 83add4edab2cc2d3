/**
 * The 7z BCJ x86 branch-converter filter, decoding direction (after 7-Zip's public-domain
 * `Bra86.c`): it turns the absolute CALL/JMP targets the encoder wrote back into relative ones.
 * In place, over a whole buffer starting at instruction pointer 0.
 */

const ALLOWED = [1, 1, 1, 0, 1, 0, 0, 0];
const BIT = [0, 1, 2, 2, 3, 3, 3, 3];
const ms = (b: number) => b === 0 || b === 0xff;

/**
 * Decode a BCJ x86-filtered buffer in place and return it.
 *
 * @example
 * ```ts
 * bcjX86Decode(new Uint8Array([0xe8, 5, 0, 0, 0, 0x90])); // target made relative again
 * ```
 */
export function bcjX86Decode(data: Uint8Array): Uint8Array {
  const size = data.length;
  if (size < 5) return data;
  const ip = 5;
  let pos = 0;
  let prevPos = -1;
  let prevMask = 0;
  const limit = size - 4;
  for (;;) {
    while (pos < limit && ((data[pos] as number) & 0xfe) !== 0xe8) pos++;
    if (pos >= limit) break;
    const d = pos - prevPos;
    if (d > 3) prevMask = 0;
    else {
      prevMask = (prevMask << (d - 1)) & 7;
      if (prevMask !== 0) {
        const b = data[pos + 4 - (BIT[prevMask] as number)] as number;
        if (!ALLOWED[prevMask] || ms(b)) {
          prevPos = pos;
          prevMask = ((prevMask << 1) & 7) | 1;
          pos++;
          continue;
        }
      }
    }
    prevPos = pos;
    if (ms(data[pos + 4] as number)) {
      let src =
        ((data[pos + 4] as number) * 2 ** 24 +
          ((data[pos + 3] as number) << 16) +
          ((data[pos + 2] as number) << 8) +
          (data[pos + 1] as number)) >>>
        0;
      let dest = 0;
      for (;;) {
        dest = (src - (ip + pos)) >>> 0;
        if (prevMask === 0) break;
        const index = (BIT[prevMask] as number) * 8;
        const b = (dest >>> (24 - index)) & 0xff;
        if (!ms(b)) break;
        src = (dest ^ (2 ** (32 - index) - 1)) >>> 0;
      }
      data[pos + 4] = ((dest >>> 24) & 1) === 1 ? 0xff : 0;
      data[pos + 3] = (dest >>> 16) & 0xff;
      data[pos + 2] = (dest >>> 8) & 0xff;
      data[pos + 1] = dest & 0xff;
      pos += 5;
    } else {
      prevMask = ((prevMask << 1) & 7) | 1;
      pos++;
    }
  }
  return data;
}
