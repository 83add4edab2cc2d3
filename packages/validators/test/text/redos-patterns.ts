/**
 * Shared by redos.node.test.ts and bench/text/redos-scan.ts: collect every regular expression of the
 * text detectors and prepare it for recheck's automaton analysis.
 *
 * Two structure-preserving rewrites keep the automaton small enough to analyse in seconds:
 * - bounded repetitions `{m,n}` become `{min(m,2), min(n,3)}`: a bounded repetition adds at most a
 *   constant factor; super-linear matching needs an ambiguous unbounded loop, which the rewrite keeps;
 * - Unicode property classes (\p{L}, \p{Lu}, \p{Ll}, \p{N}, \p{M}) become ASCII stand-ins with the same
 *   overlaps (letters vs digits vs marks, upper vs lower), so ambiguity between classes is unchanged.
 * Sticky regexes (flag y, only tried at one position) are analysed anchored (`^(?:...)`).
 */

/** One pattern to check. */
export interface CollectedPattern {
  name: string;
  source: string;
  flags: string;
  /** What recheck analyses. */
  analysed: string;
  analysedFlags: string;
}

/** Collect the RegExp exports (and `re`/`tail` of exported pattern tables) of the given modules. */
export function collectPatterns(modules: Record<string, Record<string, unknown>>): CollectedPattern[] {
  const out: CollectedPattern[] = [];
  const add = (name: string, re: RegExp) =>
    out.push({
      name,
      source: re.source,
      flags: re.flags,
      analysed: ascii(reduceBounds(re.sticky ? `^(?:${re.source})` : re.source)),
      analysedFlags: re.flags.replace(/[dy]/g, ''),
    });
  for (const [file, mod] of Object.entries(modules).sort(([a], [b]) => a.localeCompare(b))) {
    const base = file.replace(/^.*src\/text\//, '').replace(/\.ts$/, '');
    for (const [key, value] of Object.entries(mod)) {
      if (value instanceof RegExp) add(`${base}:${key}`, value);
      if (Array.isArray(value)) {
        value.forEach((v: { re?: unknown; tail?: unknown; id?: string; kind?: string }, i) => {
          if (v?.re instanceof RegExp) add(`${base}:${key}[${i}] ${v.id ?? v.kind ?? ''}`.trim(), v.re);
          if (v?.tail instanceof RegExp) add(`${base}:${key}[${i}] ${v.id ?? ''} tail`, v.tail);
        });
      }
    }
  }
  return out;
}

/** A stable key of a pattern (its source and flags). */
export function patternKey(p: { source: string; flags: string }): string {
  return `/${p.source}/${p.flags}`;
}

function reduceBounds(source: string): string {
  return source.replace(/(?<!\\u)\{(\d+)(,(\d*))?\}/g, (_m, a: string, comma: string | undefined, b: string) => {
    const lo = Math.min(Number(a), 2);
    if (comma === undefined) return `{${Math.min(Number(a), 3)}}`;
    if (b === '') return `{${lo},}`;
    return `{${lo},${Math.max(lo, Math.min(Number(b), 3))}}`;
  });
}

function ascii(source: string): string {
  const map: Record<string, string> = { L: 'a-zA-Z', Lu: 'A-Z', Ll: 'a-z', N: '0-9', M: '\\u0300-\\u036f' };
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    if (c === '\\') {
      const m = /^\\(p|P)\{(L|Lu|Ll|N|M)\}/.exec(source.slice(i));
      if (m) {
        const body = map[m[2] as string] as string;
        out += inClass ? (m[1] === 'p' ? body : '') : m[1] === 'p' ? `[${body}]` : `[^${body}]`;
        i += m[0].length - 1;
        continue;
      }
      out += source.slice(i, i + 2);
      i++;
      continue;
    }
    if (inClass && c === ']') inClass = false;
    else if (!inClass && c === '[') inClass = true;
    out += c;
  }
  return out;
}
