/**
 * Required literals of a regex: a set of strings such that every match of the pattern contains at least
 * one of them. The injection detector uses them to skip phrase families whose words do not occur in a
 * text (one literal scan instead of one regex pass per family). The analysis is conservative: anything
 * it does not understand ends the literal there, and a pattern that can match without any literal
 * yields `undefined` (never skipped).
 */

/**
 * Split a regex source at its top-level `|` (outside groups and classes).
 *
 * @example
 * ```ts
 * splitAlternatives('a|(?:b|c)|[|]'); // ['a', '(?:b|c)', '[|]']
 * ```
 */
export function splitAlternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

/** A literal being built: `open` while characters may still be appended to it. */
interface Partial {
  text: string;
  open: boolean;
}

const META = new Set(['\\', '^', '$', '.', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}']);
const ESCAPED_CHARS: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r' };
/** Most literals one pattern may expand to (alternation cross products are cut off beyond it). */
const MAX_LITERALS = 256;

/** Index of the `)` closing the group opened at `open`, or -1. */
function closeOf(source: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** True when a quantifier at `i` lets the preceding atom match zero times (`?`, `*`, `{0`). */
function optionalAt(source: string, i: number): boolean {
  const q = source[i];
  return q === '?' || q === '*' || (q === '{' && source[i + 1] === '0');
}

/** Literals of one sequence (no top-level `|`). */
function sequence(source: string): Partial[] {
  let set: Partial[] = [{ text: '', open: true }];
  let i = 0;
  while (i < source.length && set.some((p) => p.open)) {
    const c = source[i] as string;
    let atom: Partial[] | undefined;
    let next: number;
    if (c === '^' || c === '$') {
      i++;
      continue;
    }
    if (c === '\\') {
      const e = source[i + 1] ?? '';
      if (e === 'b' || e === 'B') {
        i += 2;
        continue;
      }
      const ch = ESCAPED_CHARS[e] ?? (META.has(e) || e === '/' || e === '-' ? e : undefined);
      if (ch === undefined) break;
      atom = [{ text: ch, open: true }];
      next = i + 2;
    } else if (c === '(') {
      const end = closeOf(source, i);
      if (end < 0 || !source.startsWith('(?:', i)) break;
      atom = alternatives(source.slice(i + 3, end));
      next = end + 1;
    } else if (META.has(c)) {
      break;
    } else {
      // One code point (a quantifier after an astral character applies to the whole pair).
      const ch = String.fromCodePoint(source.codePointAt(i) as number);
      atom = [{ text: ch, open: true }];
      next = i + ch.length;
    }
    if (optionalAt(source, next)) break;
    const repeated = source[next] === '+' || source[next] === '{';
    const grown: Partial[] = [];
    for (const p of set) {
      if (!p.open) grown.push(p);
      else for (const a of atom) grown.push({ text: p.text + a.text, open: a.open && !repeated });
    }
    if (grown.length > MAX_LITERALS) break;
    set = grown;
    if (repeated) break;
    i = next;
  }
  // Stopped early: nothing may be appended after what was read. Read to the end: the caller (a group)
  // may go on appending to the open literals.
  if (i < source.length) for (const p of set) p.open = false;
  return set;
}

/** Literals of an alternation: the union of its sequences'. */
function alternatives(source: string): Partial[] {
  return splitAlternatives(source).flatMap(sequence);
}

/**
 * Required literals of a regex source (as written, without flags), or `undefined` when the pattern can
 * match without containing any literal the analysis can name.
 *
 * @example
 * ```ts
 * requiredLiterals('\\b(?:ignore|forget) (?:all|the)'); // ['ignore all', 'ignore the', 'forget all', 'forget the']
 * requiredLiterals('(?:^|\\n)[ \\t]*system'); // undefined ('' is possible before the class)
 * ```
 */
export function requiredLiterals(source: string): string[] | undefined {
  const found = alternatives(source);
  if (found.length === 0 || found.some((p) => p.text.length === 0)) return undefined;
  return [...new Set(found.map((p) => p.text))];
}
