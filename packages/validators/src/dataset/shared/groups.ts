/**
 * Grouping helpers for the duplicate screens: a union-find over row indices, a fast non-cryptographic
 * 32-bit hash of number/int sequences (candidates only: every group is confirmed by an exact
 * comparison, so a crafted collision cannot create a false duplicate), and the group record.
 */

/** A group of rows found to be duplicates of each other. */
export interface DuplicateGroup {
  /** Rows of the group, increasing. */
  rows: number[];
  /** `exact`: identical content; `near`: within the tolerance of each other. */
  kind: 'exact' | 'near';
  /** The distinct labels of the group (when labels were given). */
  labels?: number[];
  /** True when the group carries more than one label: at least one of them is wrong, or poisoned. */
  conflicting: boolean;
  /** Largest distance (vectors) or smallest similarity (texts) confirmed inside the group. */
  score: number;
}

/** Union-find with path halving. */
export class UnionFind {
  /** Parent links. */
  readonly parent: Int32Array;
  /** Create `n` singletons. */
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  /** Representative of `a`. */
  find(a: number): number {
    const p = this.parent;
    while (p[a] !== a) {
      p[a] = p[p[a] as number] as number;
      a = p[a] as number;
    }
    return a;
  }
  /** Merge the sets of `a` and `b`. */
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  /** Sets of at least two members, each sorted, ordered by their smallest member. */
  groups(): number[][] {
    const by = new Map<number, number[]>();
    for (let i = 0; i < this.parent.length; i++) {
      const r = this.find(i);
      const g = by.get(r);
      if (g) g.push(i);
      else by.set(r, [i]);
    }
    return [...by.values()].filter((g) => g.length > 1).sort((a, b) => (a[0] as number) - (b[0] as number));
  }
}

/** 32-bit hash (murmur3-style mixing) of `len` 32-bit integers starting at `off`. */
export function hashInts(values: ArrayLike<number>, off: number, len: number, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < len; i++) {
    let k = Math.imul((values[off + i] as number) | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= len;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Add the labels of each group and whether they conflict. */
export function labelGroups(
  groups: { rows: number[]; kind: 'exact' | 'near'; score: number }[],
  y: Int32Array | undefined,
): DuplicateGroup[] {
  return groups.map((g) => {
    if (!y) return { ...g, conflicting: false };
    const labels = [...new Set(g.rows.map((r) => y[r] as number))].sort((a, b) => a - b);
    return { ...g, labels, conflicting: labels.length > 1 };
  });
}
