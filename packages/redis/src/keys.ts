/**
 * Key naming for Redis-backed state: a prefix plus escaped parts, bounded in length (long parts,
 * possibly attacker-influenced, are replaced by their SHA-256), so keys cannot collide across parts
 * or grow without limit.
 */
import { bytesToHex, digest } from '@modelsec/core';

/**
 * Build a key from a prefix and parts: `prefix + part1:part2...`, each part percent-escaped, parts
 * longer than 128 characters hashed.
 *
 * @example
 * ```ts
 * await redisKey('prada:', 'mnist', principalId); // 'prada:mnist:alice'
 * ```
 */
export async function redisKey(prefix: string, ...parts: string[]): Promise<string> {
  const out: string[] = [];
  for (const p of parts)
    out.push(p.length <= 128 ? encodeURIComponent(p) : `h.${bytesToHex(await digest('sha256', p))}`);
  return `${prefix}${out.join(':')}`;
}
