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
/** Units that start a quantifier. */
const QUANTIFIERS = new Set(['?', '*', '+', '{']);
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
      // A run of plain code points, appended at once (one cross product per run, not per unit: the
      // gate's 102 families took ~70 ms at a process's first call). The run stops before a code point a
      // quantifier follows, which is then an atom of its own, the quantifier applying to it alone (to a
      // whole astral pair).
      let text = '';
      let j = i;
      while (j < source.length && !META.has(source[j] as string)) {
        const ch = String.fromCodePoint(source.codePointAt(j) as number);
        if (QUANTIFIERS.has(source[j + ch.length] as string)) {
          if (text === '') {
            text = ch;
            j += ch.length;
          }
          break;
        }
        text += ch;
        j += ch.length;
      }
      atom = [{ text, open: true }];
      next = j;
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
 * Where the term (atom and its quantifier) that starts at `i` ends, or -1 when it cannot tell.
 * Atoms: an escape (`\\p{L}`, `\\u{...}`, `\\uXXXX`, `\\xXX`, `\\cX`, `\\k<name>` or two characters),
 * a group, a class or one code point; quantifiers: `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}`, each maybe lazy.
 */
function termEnd(source: string, i: number): number {
  const c = source[i];
  let j: number;
  if (c === '\\') {
    const e = source[i + 1];
    const braced = (e === 'p' || e === 'P' || e === 'u') && source[i + 2] === '{';
    if (braced || (e === 'k' && source[i + 2] === '<')) {
      const close = source.indexOf(braced ? '}' : '>', i + 3);
      if (close < 0) return -1;
      j = close + 1;
    } else j = i + (e === 'u' ? 6 : e === 'x' ? 4 : e === 'c' ? 3 : 2);
  } else if (c === '(') {
    const close = closeOf(source, i);
    if (close < 0) return -1;
    j = close + 1;
  } else if (c === '[') {
    j = i + 1;
    while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
    if (j >= source.length) return -1;
    j++;
  } else if (c === undefined) {
    return -1;
  } else j = i + String.fromCodePoint(source.codePointAt(i) as number).length;
  const q = source[j];
  if (q === '?' || q === '*' || q === '+') j++;
  else if (q === '{') {
    const m = /^\{\d+(?:,\d*)?\}/.exec(source.slice(j, j + 24));
    if (m === null) return -1;
    j += m[0].length;
  } else return j;
  return source[j] === '?' ? j + 1 : j;
}

/**
 * Literals of one top-level sequence: those read from its start, or when a match may begin without
 * one (an optional or unknown leading term, such as `(?:^|\\n)[ \\t]*`), those read from a later term.
 * Every match of the sequence contains a match of each of its suffixes, so literals every match of a
 * suffix contains are contained in every match of the sequence.
 */
function branchLiterals(branch: string): { literals: string[]; prefix: boolean } | undefined {
  for (let i = 0; i >= 0 && i < branch.length; i = termEnd(branch, i)) {
    const found = sequence(branch.slice(i));
    if (found.length > 0 && found.every((p) => p.text.length > 0))
      return { literals: found.map((p) => p.text), prefix: i === 0 };
  }
  return undefined;
}

/**
 * Required literals of a regex source (as written, without flags), and whether every match starts with
 * one of them (`prefix`: each branch's literals were read from its start, where only zero-width
 * assertions may precede them); `undefined` when the pattern can match without containing any literal
 * the analysis can name.
 *
 * @example
 * ```ts
 * literalsOf('\\b(?:ignore|forget) all'); // { literals: ['ignore all', 'forget all'], prefix: true }
 * literalsOf('(?:^|\\n)[ \\t]*system'); // { literals: ['system'], prefix: false }
 * ```
 */
export function literalsOf(source: string): { literals: string[]; prefix: boolean } | undefined {
  const out = new Set<string>();
  let prefix = true;
  for (const branch of splitAlternatives(source)) {
    const found = branchLiterals(branch);
    if (found === undefined) return undefined;
    for (const l of found.literals) out.add(l);
    prefix &&= found.prefix;
  }
  return { literals: [...out], prefix };
}

/**
 * Required literals of a regex source (as written, without flags), or `undefined` when the pattern can
 * match without containing any literal the analysis can name.
 *
 * @example
 * ```ts
 * requiredLiterals('\\b(?:ignore|forget) (?:all|the)'); // ['ignore all', 'ignore the', 'forget all', 'forget the']
 * requiredLiterals('(?:^|\\n)[ \\t]*system'); // ['system'] (read after the optional start)
 * requiredLiterals('a|[a-z]+'); // undefined (the second branch names no literal)
 * ```
 */
export function requiredLiterals(source: string): string[] | undefined {
  return literalsOf(source)?.literals;
}
