/**
 * A multi-literal matcher (Aho-Corasick over UTF-16 units): one left-to-right pass over a text reports
 * every occurrence of every literal, overlapping ones included, at a cost per unit that does not grow
 * with the number of literals. ASCII units step through a dense transition table over the classes of
 * units the literals use (one array read per unit); other units follow trie edges and failure links.
 * V8's regex engine tries each alternative of a literal alternation at every start position, which made
 * the injection gate cost ~20 ns per unit; this pass costs a few.
 */

/** A compiled literal set. */
export interface LiteralAutomaton {
  /** Number of states (the trie's nodes). */
  readonly states: number;
  /** Class of each ASCII unit (0 for units no literal uses). */
  readonly asciiClass: Uint8Array;
  /** Number of ASCII classes (class 0 included). */
  readonly classes: number;
  /** `delta[state * classes + class]`: the row offset (`classes` times the state) of the next state on an ASCII unit. */
  readonly delta: Int32Array;
  /** Trie edges on non-ASCII units, per state. */
  readonly next: readonly (Map<number, number> | undefined)[];
  /**
   * 1 for each non-ASCII unit some literal has (indexed by the unit): on any other unit no state has an
   * edge, and every state goes back to the root without following its failure links.
   */
  readonly nonAscii: Uint8Array;
  /** Failure link of each state (the longest proper suffix that is a trie node). */
  readonly fail: Int32Array;
  /** States from this one on have literals ending at them (own or through failure links); the root is 0. */
  readonly firstOutput: number;
  /** `output[state]`: index in `outputs` of the literals ending at the state (for states from `firstOutput` on). */
  readonly output: Int32Array;
  /** Literal indices ending at a state (in `literals` order), deduplicated per state. */
  readonly outputs: readonly (readonly number[])[];
}

/**
 * Compile `literals` (non-empty strings).
 *
 * @example
 * ```ts
 * const a = compileLiterals(['ignore', 'gnore all']);
 * const hits: number[] = [];
 * scanLiterals(a, 'please ignore all', (k) => { hits.push(k); return true; }); // hits: [0, 1]
 * ```
 */
export function compileLiterals(literals: readonly string[]): LiteralAutomaton {
  const asciiClass = new Uint8Array(128);
  const nonAscii = new Uint8Array(65536);
  let classes = 1;
  let units = 0;
  for (const l of literals) {
    units += l.length;
    for (let i = 0; i < l.length; i++) {
      const u = l.charCodeAt(i);
      if (u >= 128) nonAscii[u] = 1;
      else if (asciiClass[u] === 0) asciiClass[u] = classes++;
    }
  }
  // The trie as child and sibling links (one slot per state; the root, 0, is no one's child), with the
  // unit of the edge into each state. Built this way, and the transition table written once below from
  // its rows (a row copied natively, then its edges), compiling costs JavaScript work per state and edge,
  // not per state and class: a first call compiles the gate's 4,000 literals (23,000 states, 65 classes)
  // before its code is optimized (a Map per state: ~180 ms; a dense trie completed class by class:
  // ~120 ms).
  const trie = new TrieLinks(units + 1);
  const ends = new Map<number, number[]>();
  literals.forEach((l, k) => {
    let s = 0;
    for (let i = 0; i < l.length; i++) s = trie.childOrAdd(s, l.charCodeAt(i));
    const e = ends.get(s);
    if (e === undefined) ends.set(s, [k]);
    else e.push(k);
  });
  const states = trie.states;
  const fail = new Int32Array(states);
  // The literals ending at each state, own and through failure links (undefined: none).
  const outLists: (number[] | undefined)[] = new Array(states).fill(undefined);
  for (const [s, e] of ends) outLists[s] = e;
  // Breadth-first: a state's failure link is known before its children's.
  const order = new Int32Array(states);
  let queued = 1;
  for (let q = 0; q < queued; q++) {
    const s = order[q] as number;
    for (let t = trie.first[s] as number; t !== 0; t = trie.next[t] as number) {
      order[queued++] = t;
      if (s !== 0) {
        const u = trie.unit[t] as number;
        let f = fail[s] as number;
        let g = trie.child(f, u);
        while (g === 0 && f !== 0) {
          f = fail[f] as number;
          g = trie.child(f, u);
        }
        fail[t] = g !== t ? g : 0;
      }
      const inherited = outLists[fail[t] as number];
      if (inherited !== undefined) {
        const own = outLists[t];
        outLists[t] = own === undefined ? inherited.slice() : [...new Set([...own, ...inherited])];
      }
    }
  }
  // Renumber: states where a literal ends come last, so the scan tests "a literal ends here" with one
  // comparison; transitions hold the next state's row offset (state * classes). Breadth-first within
  // each part: the shallow states most units of a text step through have neighbouring rows (numbered in
  // the order the literals were added, they were spread over the whole table, a cache miss per unit).
  const id = new Int32Array(states);
  let count = 0;
  for (const t of order) if (outLists[t] === undefined) id[t] = count++;
  const firstOutput = count;
  for (const t of order) if (outLists[t] !== undefined) id[t] = count++;
  // Rows in breadth-first order: a state's row is its failure state's (written before: nearer the
  // root), then its own ASCII edges. One element type for every automaton keeps the scan loop's array
  // reads monomorphic.
  const rows = new Int32Array(states * classes);
  const failOf = new Int32Array(states);
  const next: (Map<number, number> | undefined)[] = new Array(states).fill(undefined);
  for (const t of order) {
    const me = id[t] as number;
    const f = id[fail[t] as number] as number;
    failOf[me] = f;
    if (t !== 0) rows.copyWithin(me * classes, f * classes, (f + 1) * classes);
    for (let c = trie.first[t] as number; c !== 0; c = trie.next[c] as number) {
      const u = trie.unit[c] as number;
      if (u < 128) rows[me * classes + (asciiClass[u] as number)] = (id[c] as number) * classes;
      else {
        // Most states have ASCII edges only: no Map for them.
        let non = next[me];
        if (non === undefined) {
          non = new Map();
          next[me] = non;
        }
        non.set(u, id[c] as number);
      }
    }
  }
  const output = new Int32Array(states);
  const outputs: number[][] = [];
  const byKey = new Map<string, number>();
  for (let t = 0; t < states; t++) {
    const list = outLists[t]?.sort((a, b) => a - b);
    if (list === undefined) continue;
    const key = list.join(',');
    let o = byKey.get(key);
    if (o === undefined) {
      o = outputs.length;
      outputs.push(list);
      byKey.set(key, o);
    }
    output[id[t] as number] = o;
  }
  return { states, asciiClass, classes, delta: rows, next, nonAscii, fail: failOf, firstOutput, output, outputs };
}

/** A trie's edges as first-child and next-sibling links, for `compileLiterals`. */
class TrieLinks {
  /** States made (the root is state 0). */
  states = 1;
  /** First child of each state (0: none). */
  readonly first: Int32Array;
  /** Next sibling of each state (0: none). */
  readonly next: Int32Array;
  /** Unit of the edge into each state. */
  readonly unit: Uint16Array;
  /**
   * The root's child on each ASCII unit (0: none): the root has a child for most units the literals
   * start with, and every failure-link walk that finds no longer suffix ends by asking it. Its few
   * children on other units are found among its siblings (a table of all 65,536 units would be 256 kB
   * per compile, the empty automaton made at module load included).
   */
  readonly rootAscii: Int32Array = new Int32Array(128);
  constructor(capacity: number) {
    this.first = new Int32Array(capacity);
    this.next = new Int32Array(capacity);
    this.unit = new Uint16Array(capacity);
  }
  /** The child of `s` on unit `u` (0: none). */
  child(s: number, u: number): number {
    if (s === 0 && u < 128) return this.rootAscii[u] as number;
    let c = this.first[s] as number;
    while (c !== 0 && this.unit[c] !== u) c = this.next[c] as number;
    return c;
  }
  /** The child of `s` on unit `u`, made when missing (last among its siblings). */
  childOrAdd(s: number, u: number): number {
    let c = this.first[s] as number;
    let last = 0;
    while (c !== 0) {
      if (this.unit[c] === u) return c;
      last = c;
      c = this.next[c] as number;
    }
    const t = this.states++;
    this.unit[t] = u;
    if (s === 0 && u < 128) this.rootAscii[u] = t;
    if (last === 0) this.first[s] = t;
    else this.next[last] = t;
    return t;
  }
}

/**
 * Call `hit(k, end)` for the literals ending at each position of `text` (every occurrence, in the order
 * of their ends, overlapping ones included; `end` is exclusive), until `hit` returns false.
 *
 * @example
 * ```ts
 * scanLiterals(compileLiterals(['ab', 'b']), 'xab', (k) => (console.log(k), true)); // 0, then 1
 * ```
 */
export function scanLiterals(a: LiteralAutomaton, text: string, hit: (literal: number, end: number) => boolean): void {
  const { asciiClass, classes, delta, output, outputs } = a;
  const firstRow = a.firstOutput * classes;
  let row = 0;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    row = u < 128 ? (delta[row + (asciiClass[u] as number)] as number) : stepWide(a, row, u);
    if (row >= firstRow)
      for (const k of outputs[output[row / classes] as number] as readonly number[]) if (!hit(k, i + 1)) return;
  }
}

/**
 * The row offset of the state after the one at row offset `row` on the unit `u` outside ASCII (the
 * trie's edges and failure links; ASCII units step through `delta`).
 *
 * @example
 * ```ts
 * const a = compileLiterals(['é']);
 * stepWide(a, 0, 0xe9) >= a.firstOutput * a.classes; // true: "é" ends there
 * ```
 */
export function stepWide(a: LiteralAutomaton, row: number, u: number): number {
  // No literal has the unit ("é" in a text, no literal with one): back to the root.
  if (a.nonAscii[u] === 0) return 0;
  const { next, fail, classes } = a;
  let s = row / classes;
  let t = next[s]?.get(u);
  while (t === undefined && s !== 0) {
    s = fail[s] as number;
    t = next[s]?.get(u);
  }
  return (t ?? 0) * classes;
}

/** An automaton of no literal: what a scan that can step one walks when it has no literals to look for. */
export const NO_LITERALS: LiteralAutomaton = /* @__PURE__ */ compileLiterals([]);

/**
 * A `hit` callback that goes on (the default of the scans that report literals).
 *
 * @example
 * ```ts
 * asciiScan(text, NO_LITERALS, ignoreHit);
 * ```
 */
export function ignoreHit(): boolean {
  return true;
}
