/**
 * The phrase-family gate of the injection detector: one scan for the required literals of every
 * family (`requiredLiterals`) tells which families can match a text at all; the others are skipped.
 * The gate is exact, never an approximation: a skipped family has no match, because each of its
 * matches contains one of its literals and the scan finds every literal occurrence (it tries every
 * start position, longest literal first, and a literal found also stands for the shorter literals
 * that are its prefixes). The gate of the built-in families is built on first use; for another array
 * of families, when the same array is passed again (pass one array, not a fresh one per call).
 */
import { requiredLiterals } from './literals';
import { PHRASE_FAMILIES, type PhraseFamily } from './phrases';

/** What one set of families needs for gating. */
interface Gate {
  /** All required literals, longest first; undefined when no family can be gated. */
  re: RegExp | undefined;
  /** Literal → indices of the families it enables (its own and those of its prefixes). */
  enables: Map<string, number[]>;
  /** Families without required literals: always scanned. */
  always: number[];
}

const gates = new WeakMap<readonly PhraseFamily[], Gate>();
/** Family arrays seen once: the gate is built when an array comes back (a fresh array per call never pays for it). */
const seen = new WeakSet<readonly PhraseFamily[]>();

/** Regex syntax characters, escaped in the literal pattern. */
const SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

function build(families: readonly PhraseFamily[]): Gate {
  const byLiteral = new Map<string, number[]>();
  const always: number[] = [];
  families.forEach((f, k) => {
    // Case-insensitive families would need case folding of the literals: they are always scanned.
    const literals = f.re.flags.includes('i') ? undefined : requiredLiterals(f.re.source);
    if (literals === undefined) always.push(k);
    else for (const l of literals) byLiteral.set(l, [...(byLiteral.get(l) ?? []), k]);
  });
  const literals = [...byLiteral.keys()].sort((a, b) => b.length - a.length);
  const enables = new Map<string, number[]>();
  for (const l of literals) {
    const ks = new Set<number>();
    for (const [p, fs] of byLiteral) if (l.startsWith(p)) for (const k of fs) ks.add(k);
    enables.set(l, [...ks]);
  }
  const re =
    literals.length > 0 ? new RegExp(literals.map((l) => l.replace(SYNTAX, '\\$&')).join('|'), 'g') : undefined;
  return { re, enables, always };
}

/**
 * Which of `families` can match `text` (1 = scan it, 0 = it cannot match).
 *
 * @example
 * ```ts
 * familiesToScan('please ignore the above', PHRASE_FAMILIES); // 1 for the override family, 0 for most
 * ```
 */
export function familiesToScan(text: string, families: readonly PhraseFamily[]): Uint8Array {
  let gate = gates.get(families);
  if (gate === undefined) {
    if (families !== PHRASE_FAMILIES && !seen.has(families)) {
      seen.add(families);
      return new Uint8Array(families.length).fill(1);
    }
    gate = build(families);
    gates.set(families, gate);
  }
  const scan = new Uint8Array(families.length);
  let left = families.length;
  for (const k of gate.always) {
    scan[k] = 1;
    left--;
  }
  const re = gate.re;
  if (re === undefined || left === 0) return scan;
  re.lastIndex = 0;
  let m = re.exec(text);
  while (m !== null) {
    for (const k of gate.enables.get(m[0]) as number[]) {
      if (scan[k] === 0) {
        scan[k] = 1;
        left--;
      }
    }
    if (left === 0) break;
    // The next start position (every start is tried, so no literal is missed). The regex works on UTF-16
    // units (no `u` flag: literals are plain unit sequences), so one unit further.
    re.lastIndex = m.index + 1;
    m = re.exec(text);
  }
  re.lastIndex = 0;
  return scan;
}
