/**
 * One step of an anchored scan shared by the ids and dates recognizers: a global pattern whose every
 * match starts at one of a few candidate positions, found in increasing order, is run as its sticky
 * twin at each candidate that is not inside the previous match. This gives the global scan's matches
 * (leftmost first, each scan resuming where the previous match ended), as `forEachMatchAt` in
 * `shared/facts.ts` does for a list of starts.
 */

/**
 * Try `sticky` at `at` unless a previous match covers it (`at < next`); call `fn(match, arg, text)` on
 * a match. Returns where the next match may start.
 * @internal
 *
 * @example
 * ```ts
 * let next = 0;
 * for (const at of starts) next = tryAt(SSN_AT, text, at, next, onSsn, emit);
 * ```
 */
export function tryAt<A>(
  sticky: RegExp,
  text: string,
  at: number,
  next: number,
  fn: (m: RegExpExecArray, arg: A, text: string) => void,
  arg: A,
): number {
  if (at < next) return next;
  sticky.lastIndex = at;
  const m = sticky.exec(text);
  if (m === null) return next;
  fn(m, arg, text);
  return at + Math.max(1, m[0].length);
}
