/**
 * Obfuscation-aware lexicon matching for content policies. Terms match whole words only, and still
 * match when written with confusable letters (UTS #39 skeletons from @modelsec/validators: "kіll" with
 * a Cyrillic і), leetspeak ("k1ll", "h@te", "$hit"), separators ("k-i-l-l", "k.i.l.l"), spaced-out
 * letters ("k i l l"), invisible characters ("ki\u200Bll") or stretched letters ("kiiill"); "skill" and
 * "killer" do not match "kill". The scan is linear: each match attempt starts at a word start and reads
 * at most a bounded number of characters.
 */
import { ModelSecRangeError, ModelSecTypeError } from '@modelsec/core';
import { skeleton } from '@modelsec/validators';

/** One lexicon hit: offsets into the scanned text (UTF-16), never the matched words themselves. */
export interface LexiconMatch {
  /** Category of the term. */
  category: string;
  /** Index of the term in its category's list. */
  term: number;
  /** Start offset. */
  start: number;
  /** End offset (exclusive). */
  end: number;
}

/** A compiled lexicon. */
export interface Lexicon {
  /** Longest text a match can span (UTF-16 units): stream filters hold back this much. */
  readonly maxMatchLength: number;
  /** Find matches in `text`, in order, non-overlapping (the longest at each start). */
  scan(text: string): LexiconMatch[];
  /**
   * Offset of the earliest word start in `text` where a match could still begin or grow if more text
   * followed (`text.length` when none): what a stream filter must hold back.
   */
  pending(text: string): number;
}

interface Node {
  id: number;
  next: Map<string, Node>;
  /** Terms ending here: [category, term index]. */
  ends: [string, number][];
  /** A word boundary of a multi-word term follows this node. */
  space: boolean;
}

/** Leetspeak digits and symbols and the letters they stand for. */
const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'il',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
  '@': 'a',
  $: 's',
  '!': 'il',
  '|': 'il',
  '+': 't',
};
const MAX_GAP = 3;
const MAX_SPACE_GAP = 8;
const INVISIBLE = /\p{Cf}|[\u034F\u115F\u1160\u3164\uFFA0]|[\uFE00-\uFE0F]/u;
const LETTER = /[\p{L}\p{M}\p{N}]/u;

/**
 * Compile category → terms into a matcher. Terms are words or phrases (letters, digits, spaces);
 * matching ignores case.
 *
 * @throws ModelSecTypeError / ModelSecRangeError for malformed lexicons (empty terms, > 100,000 terms, > 64 characters).
 * @example
 * ```ts
 * const lex = compileLexicon({ violence: ['kill', 'shoot up'] });
 * lex.scan('I will k1ll it'); // [{ category: 'violence', term: 0, start: 7, end: 11 }]
 * ```
 */
export function compileLexicon(categories: Readonly<Record<string, readonly string[]>>): Lexicon {
  if (typeof categories !== 'object' || categories === null) {
    throw new ModelSecTypeError('"categories" expected an object of string arrays');
  }
  let ids = 0;
  const root: Node = { id: ids++, next: new Map(), ends: [], space: false };
  let total = 0;
  let longest = 0;
  for (const [category, terms] of Object.entries(categories)) {
    if (!Array.isArray(terms)) throw new ModelSecTypeError(`"categories.${category}" expected an array of strings`);
    terms.forEach((term: unknown, index) => {
      if (typeof term !== 'string') throw new ModelSecTypeError(`"categories.${category}[${index}]" expected string`);
      const words = normalizeTerm(term);
      if (words.length === 0) throw new ModelSecRangeError(`"categories.${category}[${index}]" has no letters`);
      if (term.length > 64)
        throw new ModelSecRangeError(`"categories.${category}[${index}]" is longer than 64 characters`);
      if (++total > 100_000) throw new ModelSecRangeError('"categories" has more than 100,000 terms');
      let node = root;
      words.forEach((word, w) => {
        if (w > 0) node.space = true;
        for (const ch of word) {
          let child = node.next.get(ch);
          if (!child) {
            child = { id: ids++, next: new Map(), ends: [], space: false };
            node.next.set(ch, child);
          }
          node = child;
        }
      });
      node.ends.push([category, index]);
      longest = Math.max(longest, words.join('').length);
    });
  }
  // Per letter: the letter itself or a stretch of it (bounded), a gap, an invisible character.
  const maxUnits = longest * 4 + 8;
  const maxMatchLength = maxUnits * (2 * MAX_SPACE_GAP + 3);
  return {
    maxMatchLength,
    scan: (text) => scan(text, root, maxUnits),
    pending: (text) => pending(text, root, maxUnits),
  };
}

function normalizeTerm(term: string): string[] {
  return term
    .toLowerCase()
    .split(/\s+/)
    .map((w) =>
      [...w]
        .map((ch) => {
          const leet = LEET[ch];
          if (leet) return leet[0];
          const s = ch.charCodeAt(0) < 128 ? ch : skeleton(ch).toLowerCase();
          return LETTER.test(s) ? s : '';
        })
        .join(''),
    )
    .filter((w) => w.length > 0);
}

/** A letter-like unit of the text: its candidate letters and what precedes it. */
interface Unit {
  letters: string;
  start: number;
  end: number;
  /** Separator characters between the previous unit and this one (0: none). */
  gap: number;
  /** The gap contains whitespace. */
  spaceGap: boolean;
}

function units(text: string): Unit[] {
  const out: Unit[] = [];
  let gap = 0;
  let spaceGap = false;
  let hidden = 0;
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i) as number;
    const w = cp > 0xffff ? 2 : 1;
    const ch = text.slice(i, i + w);
    let letters = '';
    if (cp < 128) {
      const lower = cp >= 65 && cp <= 90 ? String.fromCharCode(cp + 32) : ch;
      if ((cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90)) letters = lower;
      else if (cp >= 48 && cp <= 57) letters = LEET[ch] ?? ch;
      else if (LEET[ch] && leetAllowed(text, i, ch)) letters = LEET[ch] as string;
    } else if (INVISIBLE.test(ch)) {
      // Invisible characters join letters ("ki\u200Bll"), but a long run of them is a hard break, so a
      // match stays within maxMatchLength.
      if (++hidden > MAX_SPACE_GAP) gap = MAX_SPACE_GAP + 1;
      i += w;
      continue;
    } else if (LETTER.test(ch)) {
      const s = skeleton(ch).toLowerCase();
      letters = s.length === 1 ? s : ch.toLowerCase();
    }
    if (letters) {
      out.push({ letters, start: i, end: i + w, gap, spaceGap });
      gap = 0;
      spaceGap = false;
      hidden = 0;
    } else {
      gap++;
      if (cp === 32 || cp === 9 || cp === 10 || cp === 13 || /\s/u.test(ch)) spaceGap = true;
    }
    i += w;
  }
  return out;
}

/** `@ $ | +` stand for letters next to a letter or digit; `!` only before one ("sh!t", not "kill!"). */
function leetAllowed(text: string, i: number, ch: string): boolean {
  const next = i + 1 < text.length && LETTER.test(text[i + 1] as string);
  if (ch === '!') return next && i > 0 && LETTER.test(text[i - 1] as string);
  return next || (i > 0 && LETTER.test(text[i - 1] as string));
}

interface State {
  node: Node;
  /** Last letter consumed (for stretched letters). */
  last: string;
  /** Letters since the last gap. */
  segment: number;
  /** A mid-word whitespace gap was crossed (spaced-out letters): every segment must be one letter. */
  spaced: boolean;
}

function scan(text: string, root: Node, maxUnits: number): LexiconMatch[] {
  const us = units(text);
  const found: LexiconMatch[] = [];
  let u = 0;
  while (u < us.length) {
    if (u > 0 && (us[u] as Unit).gap === 0) {
      u++;
      continue;
    }
    const { best } = walk(us, u, root, maxUnits);
    if (best) {
      found.push({ category: best.hit[0], term: best.hit[1], start: (us[u] as Unit).start, end: best.end });
      u = best.unit + 1;
    } else u++;
  }
  return found;
}

/** Offset of the earliest word start whose match attempt is still alive at the end of `text`. */
function pending(text: string, root: Node, maxUnits: number): number {
  const us = units(text);
  for (let u = Math.max(0, us.length - maxUnits); u < us.length; u++) {
    if (u > 0 && (us[u] as Unit).gap === 0) continue;
    if (walk(us, u, root, maxUnits).alive) return (us[u] as Unit).start;
  }
  return text.length;
}

/** Run the matcher from word start `u`: the longest match, and whether it could still continue past the text. */
function walk(
  us: readonly Unit[],
  u: number,
  root: Node,
  maxUnits: number,
): { best: { end: number; unit: number; hit: [string, number] } | undefined; alive: boolean } {
  let states: State[] = [{ node: root, last: '', segment: 0, spaced: false }];
  let best: { end: number; unit: number; hit: [string, number] } | undefined;
  let v = u;
  for (; v < us.length && v - u < maxUnits && states.length > 0; v++) {
    const unit = us[v] as Unit;
    const nextStates: State[] = [];
    for (const st of states) {
      let spaced = st.spaced;
      let segment = st.segment;
      if (v > u && unit.gap > 0) {
        if (unit.gap > MAX_SPACE_GAP) continue;
        if (unit.spaceGap) {
          if (st.node.space) spaced = false;
          else if (unit.gap <= MAX_SPACE_GAP && st.segment === 1) spaced = true;
          else continue;
        } else if (unit.gap > MAX_GAP && !st.node.space) continue;
        segment = 0;
      }
      for (const letter of unit.letters) {
        const child = st.node.next.get(letter);
        if (child && !(spaced && segment >= 1)) {
          nextStates.push({ node: child, last: letter, segment: segment + 1, spaced });
        }
        // A stretched letter stays on the same node ("kiiill"), but not across a gap.
        if (letter === st.last && unit.gap === 0 && v > u) {
          nextStates.push({ node: st.node, last: letter, segment: segment + 1, spaced });
        }
      }
    }
    states = dedupe(nextStates);
    const after = us[v + 1];
    if (after && after.gap === 0) continue; // a match must end at a word end
    for (const st of states) {
      const hit = st.node.ends[0];
      if (hit && !(st.spaced && st.segment > 1)) best = { end: unit.end, unit: v, hit };
    }
  }
  return { best, alive: v === us.length && v - u < maxUnits && states.length > 0 };
}

function dedupe(states: State[]): State[] {
  if (states.length < 2) return states;
  const seen = new Set<string>();
  const out: State[] = [];
  for (const s of states) {
    const key = `${s.node.id}|${s.last}|${s.segment > 1 ? 2 : s.segment}|${s.spaced}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s);
  }
  return out;
}
