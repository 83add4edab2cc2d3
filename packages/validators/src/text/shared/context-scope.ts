/**
 * Context lookups over one long text: `hasContext` walks the window around each candidate (72 units), so a
 * megabyte with a quarter of a million findings ("Ada⏎" repeated, each a name) walks 18 MB of windows. A
 * scope counts the units walked per word set; once they pass the text's length, it finds every context
 * word of the set in the text once (the same walk over the whole text) and answers each later window from
 * that list: a binary search for a whole word inside the window, and the window's two cut words (the part
 * of a word the window's edge cuts counts as a word of its own, as in `hasContext`) walked as before. The
 * answers are `hasContext`'s; the work stays within twice the plain walk's, and a text with few candidates
 * never builds the list.
 */
import { CONTEXT_AFTER, CONTEXT_BEFORE, FrozenWordSet, hasContext, isContextUnit, windowHas } from './context';

/** The context words of one word set in the text, once built. */
interface SetState {
  /** Units of windows walked so far (before the list is built). */
  walked: number;
  /** Start and end of each run of the text that is one of the set's words, in text order. */
  runs: Int32Array | undefined;
}

/** The lookups of one text (`createContextScope`). */
export interface ContextScope {
  /** The text the scope is for. */
  readonly text: string;
  /** Per read-only word set (`wordSet`'s): what is known of its words in the text. */
  readonly sets: Map<ReadonlySet<string>, SetState>;
}

/**
 * A scope for the lookups of `text` (one `detectPII` call over a long text).
 *
 * @example
 * ```ts
 * const scope = createContextScope(text);
 * contextAround(scope, 10, 21, SSN_CONTEXT); // hasContext(text, 10, 21, SSN_CONTEXT)
 * ```
 */
export function createContextScope(text: string): ContextScope {
  return { text, sets: new Map() };
}

/**
 * `hasContext(scope.text, start, end, words)` with the default windows. Sets that may change (any but
 * `wordSet`'s) are looked up as `hasContext` does, every time.
 *
 * @example
 * ```ts
 * contextAround(createContextScope('my ssn is 078-05-1120'), 10, 21, wordSet('ssn')); // true
 * ```
 */
export function contextAround(scope: ContextScope, start: number, end: number, words: ReadonlySet<string>): boolean {
  const text = scope.text;
  if (!(words instanceof FrozenWordSet) || words.size === 0) return hasContext(text, start, end, words);
  let state = scope.sets.get(words);
  if (state === undefined) {
    state = { walked: 0, runs: undefined };
    scope.sets.set(words, state);
  }
  if (state.runs === undefined) {
    state.walked += CONTEXT_BEFORE + CONTEXT_AFTER;
    if (state.walked <= text.length) return hasContext(text, start, end, words);
    const out: number[] = [];
    windowHas(text, 0, text.length, words, words.index, out);
    state.runs = Int32Array.from(out);
  }
  const n = text.length;
  // The windows of `hasContext`, clamped alike.
  const lo = Math.min(Math.max(0, start - CONTEXT_BEFORE), n);
  const hi = Math.min(Math.max(start, 0), n);
  if (indexedHas(text, lo, hi, words, state.runs)) return true;
  const lo2 = Math.min(Math.max(end, 0), n);
  return indexedHas(text, lo2, Math.min(n, end + CONTEXT_AFTER), words, state.runs);
}

/** `windowHas(text, lo, hi, words)` from the set's runs in the whole text (`runs`). */
function indexedHas(text: string, lo: number, hi: number, words: FrozenWordSet, runs: Int32Array): boolean {
  if (lo >= hi) return false;
  let a = lo;
  // A window that starts inside a run reads the run's part inside it as a word.
  if (lo > 0 && isContextUnit(text.charCodeAt(lo - 1)) && isContextUnit(text.charCodeAt(lo))) {
    let e = lo + 1;
    while (e < hi && isContextUnit(text.charCodeAt(e))) e++;
    if (windowHas(text, lo, e, words, words.index)) return true;
    a = e;
  }
  let b = hi;
  // Likewise a window that ends inside a run (one that starts at `a` or later).
  if (hi < text.length && hi > a && isContextUnit(text.charCodeAt(hi - 1)) && isContextUnit(text.charCodeAt(hi))) {
    let s = hi - 1;
    while (s > a && isContextUnit(text.charCodeAt(s - 1))) s--;
    if (windowHas(text, s, hi, words, words.index)) return true;
    b = s;
  }
  if (a >= b) return false;
  // The runs of `[a, b)` are whole runs of the text: the first listed one that starts at `a` or later.
  let l = 0;
  let r = runs.length >> 1;
  while (l < r) {
    const m = (l + r) >> 1;
    if ((runs[2 * m] as number) < a) l = m + 1;
    else r = m;
  }
  return 2 * l < runs.length && (runs[2 * l + 1] as number) <= b;
}
