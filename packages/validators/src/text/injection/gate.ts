/**
 * The phrase-family gate of the injection detector: one scan for the required literals of every
 * family (`requiredLiterals`) tells which families can match a text at all; the others are skipped.
 * The gate is exact, never an approximation: a skipped family has no match, because each of its
 * matches contains one of its literals and the scan (an Aho-Corasick automaton, `automaton.ts`) finds
 * every occurrence of every literal, overlapping ones included. The gate of the built-in families is built on first use; for another array
 * of families, when the same array is passed again (pass one array, not a fresh one per call).
 */
import { compileLiterals, type LiteralAutomaton, scanLiterals } from './automaton';
import { requiredLiterals } from './literals';
import { PHRASE_FAMILIES, type PhraseFamily } from './phrases';

/** What one set of families needs for gating. */
interface Gate {
  /** The required literals of every family; undefined when no family can be gated. */
  literals: LiteralAutomaton | undefined;
  /** Literal index → indices of the families it enables. */
  enables: number[][];
  /** Families without required literals: always scanned. */
  always: number[];
}

const gates = new WeakMap<readonly PhraseFamily[], Gate>();
/** Family arrays seen once: the gate is built when an array comes back (a fresh array per call never pays for it). */
const seen = new WeakSet<readonly PhraseFamily[]>();

function build(families: readonly PhraseFamily[]): Gate {
  const byLiteral = new Map<string, number[]>();
  const always: number[] = [];
  families.forEach((f, k) => {
    // Case-insensitive families would need case folding of the literals: they are always scanned.
    const literals = f.re.flags.includes('i') ? undefined : requiredLiterals(f.re.source);
    if (literals === undefined) always.push(k);
    else for (const l of literals) byLiteral.set(l, [...(byLiteral.get(l) ?? []), k]);
  });
  const literals = byLiteral.size > 0 ? compileLiterals([...byLiteral.keys()]) : undefined;
  return { literals, enables: [...byLiteral.values()], always };
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
  if (gate.literals === undefined || left === 0) return scan;
  const enables = gate.enables;
  scanLiterals(gate.literals, text, (k) => {
    for (const f of enables[k] as number[]) {
      if (scan[f] === 0) {
        scan[f] = 1;
        left--;
      }
    }
    return left > 0;
  });
  return scan;
}
