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
  for (const l of literals)
    for (let i = 0; i < l.length; i++) {
      const u = l.charCodeAt(i);
      if (u >= 128) nonAscii[u] = 1;
      else if (asciiClass[u] === 0) asciiClass[u] = classes++;
    }
  // The trie: edges by unit (ASCII ones too, for building), and the literals ending at each node.
  const edges: Map<number, number>[] = [new Map()];
  const ends: number[][] = [[]];
  literals.forEach((l, k) => {
    let s = 0;
    for (let i = 0; i < l.length; i++) {
      const u = l.charCodeAt(i);
      let t = (edges[s] as Map<number, number>).get(u);
      if (t === undefined) {
        t = edges.length;
        edges.push(new Map());
        ends.push([]);
        (edges[s] as Map<number, number>).set(u, t);
      }
      s = t;
    }
    (ends[s] as number[]).push(k);
  });
  const states = edges.length;
  const fail = new Int32Array(states);
  // One element type for every automaton keeps the scan loop's array reads monomorphic.
  const delta = new Int32Array(states * classes);
  const outLists: number[][] = ends.map((e) => e.slice());
  // Breadth-first: a state's failure link and transitions are known before its children's.
  const order: number[] = [0];
  for (let q = 0; q < order.length; q++) {
    const s = order[q] as number;
    for (const [u, t] of edges[s] as Map<number, number>) {
      order.push(t);
      if (s !== 0) {
        let f = fail[s] as number;
        while (f !== 0 && !(edges[f] as Map<number, number>).has(u)) f = fail[f] as number;
        const g = (edges[f] as Map<number, number>).get(u);
        fail[t] = g !== undefined && g !== t ? g : 0;
      }
      const inherited = outLists[fail[t] as number] as number[];
      if (inherited.length > 0) outLists[t] = [...new Set([...(outLists[t] as number[]), ...inherited])];
    }
    // The row of the failure state (known: it is nearer the root), then the state's own edges over it.
    if (s !== 0) {
      const f = (fail[s] as number) * classes;
      delta.copyWithin(s * classes, f, f + classes);
    }
    for (const [u, t] of edges[s] as Map<number, number>)
      if (u < 128) delta[s * classes + (asciiClass[u] as number)] = t;
  }
  // Renumber: states where a literal ends come last, so the scan tests "a literal ends here" with one
  // comparison; transitions hold the next state's row offset (state * classes). Breadth-first within
  // each part: the shallow states most units of a text step through have neighbouring rows (numbered in
  // the order the literals were added, they were spread over the whole table, a cache miss per unit).
  const id = new Int32Array(states);
  let count = 0;
  for (const t of order) if ((outLists[t] as number[]).length === 0) id[t] = count++;
  const firstOutput = count;
  for (const t of order) if ((outLists[t] as number[]).length > 0) id[t] = count++;
  const rows = new Int32Array(states * classes);
  const failOf = new Int32Array(states);
  const next: (Map<number, number> | undefined)[] = new Array(states);
  const output = new Int32Array(states);
  const outputs: number[][] = [];
  const byKey = new Map<string, number>();
  for (let t = 0; t < states; t++) {
    const me = id[t] as number;
    for (let k = 1; k < classes; k++)
      rows[me * classes + k] = (id[delta[t * classes + k] as number] as number) * classes;
    failOf[me] = id[fail[t] as number] as number;
    // Most states have ASCII edges only: no Map for them.
    let non: Map<number, number> | undefined;
    for (const [u, v] of edges[t] as Map<number, number>) {
      if (u < 128) continue;
      non ??= new Map();
      non.set(u, id[v] as number);
    }
    next[me] = non;
    const list = (outLists[t] as number[]).sort((a, b) => a - b);
    if (list.length === 0) continue;
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
