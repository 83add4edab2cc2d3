/**
 * Exact and near duplicates of texts (captions, prompts, documents) with MinHash and LSH banding
 * (Broder 1997; Leskovec, Rajaraman & Ullman, "Mining of Massive Datasets", ch. 3): texts are
 * normalized (NFKC, lower case, whitespace collapsed), cut into character shingles, and summarized
 * by `permutations` min-hashes; texts that share a band of `rows` min-hashes become candidates and are
 * kept when their estimated Jaccard similarity reaches `threshold`. Exact duplicates (same normalized
 * text) are confirmed by string comparison. Memory is O(n · permutations).
 */
import {
  ainteger,
  anumber,
  aobject,
  createRng,
  describeValue,
  ModelSecTypeError,
  ValidationError,
} from '@modelsec/core';
import { readLabels } from '../shared/data';
import { type DuplicateGroup, hashInts, labelGroups, UnionFind } from '../shared/groups';

/** Options of `findTextDuplicates`. */
export interface TextDuplicatesOptions {
  /** Class ids of the texts, to report conflicting labels. */
  labels?: ArrayLike<number>;
  /** Estimated Jaccard similarity at or above which two texts are near duplicates (default 0.8). */
  threshold?: number;
  /** Shingle length in characters (default 5). */
  shingle?: number;
  /** Number of min-hashes (default 128). */
  permutations?: number;
  /** Min-hashes per LSH band (default 8; bands = permutations / rows). */
  rows?: number;
  /** Characters of each text considered (default 100,000). */
  maxLength?: number;
  /** Seed of the hash functions (default 0). */
  seed?: number;
}

/** Text duplicate groups. */
export interface TextDuplicateResult {
  /** Groups of identical or near-identical texts. */
  groups: DuplicateGroup[];
}

/**
 * Find exact and near-duplicate texts.
 *
 * @param texts - one string per row.
 * @throws TypeError when `texts` is not an array of strings.
 * @example
 * ```ts
 * const { groups } = findTextDuplicates(captions, { labels, threshold: 0.8 });
 * ```
 */
export function findTextDuplicates(texts: unknown, options: TextDuplicatesOptions = {}): TextDuplicateResult {
  aobject(options as unknown, 'options');
  if (!Array.isArray(texts))
    throw new ModelSecTypeError(`"texts" expected an array of strings, got ${describeValue(texts)}`);
  texts.forEach((t, i) => {
    if (typeof t !== 'string') throw new ModelSecTypeError(`"texts[${i}]" expected string, got ${describeValue(t)}`);
  });
  const y = options.labels === undefined ? undefined : readLabels(options.labels, texts.length).y;
  return textDuplicates(texts as string[], y, options);
}

/** The search on checked inputs. */
export function textDuplicates(
  texts: readonly string[],
  y: Int32Array | undefined,
  options: TextDuplicatesOptions,
): TextDuplicateResult {
  const threshold = options.threshold ?? 0.8;
  anumber(threshold, 'options.threshold', { min: 0, max: 1 });
  const k = options.shingle ?? 5;
  ainteger(k, 'options.shingle', { min: 1, max: 64 });
  const perms = options.permutations ?? 128;
  ainteger(perms, 'options.permutations', { min: 1, max: 1024 });
  const rows = options.rows ?? 8;
  ainteger(rows, 'options.rows', { min: 1, max: perms });
  const maxLength = options.maxLength ?? 100_000;
  ainteger(maxLength, 'options.maxLength', { min: 1 });
  const n = texts.length;
  if (n === 0) throw new ValidationError('empty_input', '"texts" is empty');
  const rng = createRng(options.seed ?? 0);
  const mulA = new Int32Array(perms);
  const addB = new Int32Array(perms);
  for (let p = 0; p < perms; p++) {
    mulA[p] = rng.u32() | 1;
    addB[p] = rng.u32();
  }
  const norm = texts.map((t) => normalizeText(t.length > maxLength ? t.slice(0, maxLength) : t));
  const exact = new UnionFind(n);
  const seen = new Map<string, number>();
  norm.forEach((t, i) => {
    const first = seen.get(t);
    if (first === undefined) seen.set(t, i);
    else exact.union(first, i);
  });
  const groups: { rows: number[]; kind: 'exact' | 'near'; score: number }[] = exact
    .groups()
    .map((g) => ({ rows: g, kind: 'exact' as const, score: 1 }));

  const sig = new Int32Array(n * perms);
  const codes = new Int32Array(k);
  for (let i = 0; i < n; i++) signature(norm[i] as string, k, mulA, addB, sig, i * perms, codes);
  const near = new UnionFind(n);
  const minSim = new Map<number, number>();
  const bands = Math.floor(perms / rows);
  for (let band = 0; band < bands; band++) {
    const buckets = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      if (exact.find(i) !== i) continue; // one representative per exact group
      const h = hashInts(sig, i * perms + band * rows, rows, band);
      const b = buckets.get(h);
      if (b) b.push(i);
      else buckets.set(h, [i]);
    }
    for (const b of buckets.values()) {
      for (let p = 0; p < b.length; p++) {
        for (let q = p + 1; q < b.length && q < p + 256; q++) {
          const i = b[p] as number;
          const j = b[q] as number;
          if (near.find(i) === near.find(j)) continue;
          let same = 0;
          for (let t = 0; t < perms; t++) if (sig[i * perms + t] === sig[j * perms + t]) same++;
          const sim = same / perms;
          if (sim >= threshold) {
            near.union(i, j);
            const root = near.find(i);
            minSim.set(root, Math.min(minSim.get(root) ?? 1, sim));
          }
        }
      }
    }
  }
  for (const reps of near.groups()) {
    const members: number[] = [];
    for (let i = 0; i < n; i++) if (reps.includes(exact.find(i))) members.push(i);
    groups.push({ rows: members, kind: 'near', score: minSim.get(near.find(reps[0] as number)) ?? threshold });
  }
  groups.sort((p, q) => (p.rows[0] as number) - (q.rows[0] as number));
  return { groups: labelGroups(groups, y) };
}

/** NFKC, lower case, runs of whitespace as one space, trimmed. */
export function normalizeText(text: string): string {
  let out = '';
  let space = false;
  for (const ch of text.normalize('NFKC').toLowerCase()) {
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v' || ch === '\u00a0') {
      space = out.length > 0;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += ch;
  }
  return out;
}

/** Min-hash signature of the character `k`-shingles of `text` into `out[off..off+perms)`. */
function signature(
  text: string,
  k: number,
  mulA: Int32Array,
  addB: Int32Array,
  out: Int32Array,
  off: number,
  codes: Int32Array,
): void {
  const perms = mulA.length;
  out.fill(0x7fffffff, off, off + perms);
  const len = Math.max(1, text.length - k + 1);
  for (let s = 0; s < len; s++) {
    let m = 0;
    for (let c = 0; c < k && s + c < text.length; c++, m++) codes[c] = text.charCodeAt(s + c);
    const h = hashInts(codes, 0, m, 0x9747b28c);
    for (let p = 0; p < perms; p++) {
      const v = (Math.imul(h, mulA[p] as number) + (addB[p] as number)) & 0x7fffffff;
      if (v < (out[off + p] as number)) out[off + p] = v;
    }
  }
}
