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
  // The trie. ASCII edges in a dense table, row `s * classes` for state `s` (0: no edge; the root is no
  // one's child): sized for the most states the literals can make, but only the rows of the states made
  // are ever written (the rest of a fresh typed array costs no memory until touched). Non-ASCII edges in
  // a Map per state that has any. A Map per state for every edge made the gate's first build (4,000
  // literals, 23,000 states) take ~180 ms.
  const trie = new Int32Array((units + 1) * classes);
  const wide = new Map<number, Map<number, number>>();
  const ends = new Map<number, number[]>();
  let states = 1;
  literals.forEach((l, k) => {
    let s = 0;
    for (let i = 0; i < l.length; i++) {
      const u = l.charCodeAt(i);
      if (u < 128) {
        const at = s * classes + (asciiClass[u] as number);
        let t = trie[at] as number;
        if (t === 0) {
          t = states++;
          trie[at] = t;
        }
        s = t;
      } else {
        let edges = wide.get(s);
        if (edges === undefined) {
          edges = new Map();
          wide.set(s, edges);
        }
        let t = edges.get(u);
        if (t === undefined) {
          t = states++;
          edges.set(u, t);
        }
        s = t;
      }
    }
    const e = ends.get(s);
    if (e === undefined) ends.set(s, [k]);
    else e.push(k);
  });
  const fail = new Int32Array(states);
  // The literals ending at each state, own and through failure links (undefined: none).
  const outLists: (number[] | undefined)[] = new Array(states).fill(undefined);
  for (const [s, e] of ends) outLists[s] = e;
  const inherit = (t: number) => {
    const inherited = outLists[fail[t] as number];
    if (inherited === undefined) return;
    const own = outLists[t];
    outLists[t] = own === undefined ? inherited.slice() : [...new Set([...own, ...inherited])];
  };
  // Breadth-first: a state's failure link and row are final before its children's. A row holds only
  // the state's own edges until the state is visited; then its other classes take the row of its
  // failure state (nearer the root, visited before).
  const order = new Int32Array(states);
  let queued = 1;
  for (let q = 0; q < queued; q++) {
    const s = order[q] as number;
    const row = s * classes;
    const failRow = (fail[s] as number) * classes;
    for (let c = 1; c < classes; c++) {
      const t = trie[row + c] as number;
      if (t !== 0) {
        fail[t] = s === 0 ? 0 : (trie[failRow + c] as number);
        order[queued++] = t;
        inherit(t);
      } else if (s !== 0) trie[row + c] = trie[failRow + c] as number;
    }
    const edges = wide.get(s);
    if (edges === undefined) continue;
    for (const [u, t] of edges) {
      if (s !== 0) {
        let f = fail[s] as number;
        while (f !== 0 && wide.get(f)?.has(u) !== true) f = fail[f] as number;
        const g = wide.get(f)?.get(u);
        fail[t] = g !== undefined && g !== t ? g : 0;
      }
      order[queued++] = t;
      inherit(t);
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
  const rows = new Int32Array(states * classes);
  const failOf = new Int32Array(states);
  const next: (Map<number, number> | undefined)[] = new Array(states).fill(undefined);
  const output = new Int32Array(states);
  const outputs: number[][] = [];
  const byKey = new Map<string, number>();
  for (let t = 0; t < states; t++) {
    const me = id[t] as number;
    for (let k = 1; k < classes; k++)
      rows[me * classes + k] = (id[trie[t * classes + k] as number] as number) * classes;
    failOf[me] = id[fail[t] as number] as number;
    // Most states have ASCII edges only: no Map for them.
    const edges = wide.get(t);
    if (edges !== undefined) {
      const non = new Map<number, number>();
      for (const [u, v] of edges) non.set(u, id[v] as number);
      next[me] = non;
    }
    const list = outLists[t]?.sort((a, b) => a - b);
    if (list === undefined) continue;
    const key = list.join(',');
    let o = byKey.get(key);
    if (o === undefined) {
      o = outputs.length;
      outputs.push(list);
      byKey.set(key, o);
    }
    output[me] = o;
  }
  return { states, asciiClass, classes, delta: rows, next, nonAscii, fail: failOf, firstOutput, output, outputs };
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
  const { asciiClass, classes, delta, next, nonAscii, fail, output, outputs } = a;
  const firstRow = a.firstOutput * classes;
  let row = 0;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (u < 128) {
      row = delta[row + (asciiClass[u] as number)] as number;
    } else if (nonAscii[u] === 0) {
      // No literal has the unit ("é" in a text, no literal with one): back to the root.
      row = 0;
    } else {
      let s = row / classes;
      let t = next[s]?.get(u);
      while (t === undefined && s !== 0) {
        s = fail[s] as number;
        t = next[s]?.get(u);
      }
      row = (t ?? 0) * classes;
    }
    if (row >= firstRow)
      for (const k of outputs[output[row / classes] as number] as readonly number[]) if (!hit(k, i + 1)) return;
  }
}
