/**
 * Where IPV6_RE and MAC_RE matches can start (net.ts), so that their sticky twins are tried only there
 * (`tryAt`, shared/facts.ts), in increasing order: exactly the matches of the global scans, without
 * trying the patterns at every position of a long text. Both patterns are /gi without /u, so `\w` is
 * [A-Za-z0-9_] and the hex digits are ASCII.
 *
 * IPV6_RE, `(?<![\w:])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])`: a match has a first colon q, and
 * [start, q) is 0-4 hex digits with no [\w:] unit before start. Hex digits are \w, so start is where
 * the hex run right before q begins, and only if that run is the whole \w-run before q: one start
 * per colon, `q - (hex digits before q, at most 4 counted)`, kept when the unit before it is not
 * [\w:]. Later colons give later starts (the walk back from a colon stops at the previous colon).
 *
 * MAC_RE, `xx(:xx){5}`, `xx(-xx){5}` or `xxxx.xxxx.xxxx` with no [\w:-] unit before: a start p has
 * ':' or '-' at p + 2, or '.' at p + 4, and hex digits at p and p + 1. Each ':' and '-' at q proposes
 * q - 2, each '.' q - 4; the three streams are merged in increasing order (a start proposed twice is
 * tried once).
 */
import { tryAt } from '../shared/facts';

/**
 * `forEachMatch(IPV6_RE, text, (m) => fn(m, arg))` with `sticky` the sticky twin of IPV6_RE.
 * @internal
 *
 * @example
 * ```ts
 * forEachIpv6(IPV6_AT, text, (m, out) => out.push(m[0]), found);
 * ```
 */
export function forEachIpv6<A>(sticky: RegExp, text: string, fn: (m: RegExpExecArray, arg: A) => void, arg: A): void {
  let next = 0;
  for (let q = text.indexOf(':'); q >= 0; q = text.indexOf(':', q + 1)) {
    let r = q;
    while (r > q - 4 && r > 0 && isHex(text.charCodeAt(r - 1))) r--;
    if (r < next || wordOrColon(text.charCodeAt(r - 1))) continue;
    next = tryAt(sticky, text, r, next, fn, arg);
  }
  sticky.lastIndex = 0;
}

/**
 * `forEachMatch(MAC_RE, text, (m) => fn(m, arg))` with `sticky` the sticky twin of MAC_RE.
 * @internal
 *
 * @example
 * ```ts
 * forEachMac(MAC_AT, text, (m, out) => out.push(m[0]), found);
 * ```
 */
export function forEachMac<A>(sticky: RegExp, text: string, fn: (m: RegExpExecArray, arg: A) => void, arg: A): void {
  let colon = text.indexOf(':');
  let dash = text.indexOf('-');
  let dot = text.indexOf('.');
  let next = 0;
  for (;;) {
    const pc = colon < 0 ? Infinity : colon - 2;
    const pd = dash < 0 ? Infinity : dash - 2;
    const pp = dot < 0 ? Infinity : dot - 4;
    const p = Math.min(pc, pd, pp);
    if (p === Infinity) break;
    if (pc === p) colon = text.indexOf(':', colon + 1);
    if (pd === p) dash = text.indexOf('-', dash + 1);
    if (pp === p) dot = text.indexOf('.', dot + 1);
    if (p < next || !isHex(text.charCodeAt(p)) || !isHex(text.charCodeAt(p + 1))) continue;
    const before = text.charCodeAt(p - 1); // NaN at the start: nothing before
    if (wordOrColon(before) || before === 45) continue;
    next = tryAt(sticky, text, p, next, fn, arg);
  }
  sticky.lastIndex = 0;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102);
}

/** [A-Za-z0-9_:] (false for NaN: before the start of the text). */
function wordOrColon(c: number): boolean {
  return (c >= 48 && c <= 58) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 95;
}
