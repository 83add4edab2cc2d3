/**
 * Facts about a text gathered in one pass over its UTF-16 units, shared by the recognizers of one
 * `detectPII` call: the runs of ASCII digits (where every digit-based pattern starts) and counts of the
 * characters other patterns cannot match without. Recognizers use them to skip regex passes that cannot
 * match and to try their patterns only where a match can start, which leaves their results unchanged
 * (each skip is justified next to the pattern it skips).
 *
 * `detectPII` computes the facts once per call (`withFacts`); a recognizer called on its own computes
 * them for its call. Nothing is kept between calls.
 */

/** One-pass facts about a text. */
export interface TextFacts {
  /** Number of ASCII digit runs. */
  runs: number;
  /** `runStart[k]`/`runEnd[k]`: the k-th maximal run of ASCII digits, `[start, end)`, in text order. */
  runStart: readonly number[];
  /** See `runStart`. */
  runEnd: readonly number[];
  /** ASCII digits in the text. */
  digits: number;
  /** Count of `.`, `:`, `-` and `@`. */
  dots: number;
  /** See `dots`. */
  colons: number;
  /** See `dots`. */
  dashes: number;
  /** See `dots`. */
  ats: number;
  /** Longest maximal run of `[A-Za-z0-9_]` that contains a digit. */
  maxDigitWord: number;
}

/** A `withFacts` scope. @internal */
export interface FactsScope {
  /** The text of the scope. */
  text: string;
  /** Its facts, once computed. */
  facts: TextFacts | undefined;
}

let scope: FactsScope | undefined;

/**
 * Run `fn` with the facts of `text` computed at most once for every `factsOf(text)` inside it.
 *
 * @example
 * ```ts
 * withFacts(text, () => recognizers.forEach((r) => r.scan(text, emit)));
 * ```
 */
export function withFacts<T>(text: string, fn: () => T): T {
  const outer = enterFacts(text);
  try {
    return fn();
  } finally {
    leaveFacts(outer);
  }
}

/**
 * `withFacts` without a callback: open the scope of `text` and return the enclosing one, which
 * `leaveFacts` restores (call it in a `finally`).
 * @internal
 *
 * @example
 * ```ts
 * const outer = enterFacts(text);
 * try { scanAll(text); } finally { leaveFacts(outer); }
 * ```
 */
export function enterFacts(text: string): FactsScope | undefined {
  const outer = scope;
  scope = { text, facts: undefined };
  return outer;
}

/**
 * Close the scope opened by `enterFacts`.
 * @internal
 *
 * @example
 * ```ts
 * leaveFacts(outer);
 * ```
 */
export function leaveFacts(outer: FactsScope | undefined): void {
  scope = outer;
}

/**
 * The facts of `text` (from the enclosing `withFacts`, or computed now).
 *
 * @example
 * ```ts
 * if (factsOf(text).digits < 9) return; // no SSN without nine digits
 * ```
 */
export function factsOf(text: string): TextFacts {
  if (scope !== undefined && scope.text === text) {
    scope.facts ??= computeFacts(text);
    return scope.facts;
  }
  return computeFacts(text);
}

/** 1 for the word units `[A-Za-z0-9_]` (ASCII), 0 for other ASCII units. */
const WORD_UNIT: Uint8Array = /* @__PURE__ */ (() => {
  const k = new Uint8Array(128);
  for (let c = 0; c < 128; c++) k[c] = /\w/.test(String.fromCharCode(c)) ? 1 : 0;
  return k;
})();

/**
 * The units `computeFacts` stops at (module-level and global: the function calls nothing that could
 * re-enter it, and resets `lastIndex`).
 */
const INTERESTING = /[0-9.:@-]/g;

/**
 * The facts in one pass: the engine's scan for a digit or one of the counted units (which skips the
 * other units faster than a loop in JavaScript, ~0.9 vs ~1.2 ms over the Presidio texts), a walk over
 * each digit run; then the longest word with a digit, found by growing each digit run over the word
 * units around it (every such word contains a digit run). Linear: each unit is passed once by the scan
 * or the walk (1 MB of "1-" takes ~70 ms, the worst shape).
 */
function computeFacts(text: string): TextFacts {
  const n = text.length;
  // Plain arrays: cheaper to create than typed arrays for the few runs of a short text.
  const runStart: number[] = [];
  const runEnd: number[] = [];
  let digits = 0;
  let dots = 0;
  let colons = 0;
  let dashes = 0;
  let ats = 0;
  const re = INTERESTING;
  re.lastIndex = 0;
  while (re.test(text)) {
    const i = re.lastIndex - 1;
    const c = text.charCodeAt(i);
    if ((c - 48) >>> 0 <= 9) {
      let j = i + 1;
      while (j < n && (text.charCodeAt(j) - 48) >>> 0 <= 9) j++;
      runStart.push(i);
      runEnd.push(j);
      digits += j - i;
      re.lastIndex = j;
    } else if (c === 46) dots++;
    else if (c === 58) colons++;
    else if (c === 45) dashes++;
    else ats++;
  }
  re.lastIndex = 0;
  let maxDigitWord = 0;
  let reach = 0; // end of the last word grown (later runs inside it belong to the same word)
  for (let k = 0; k < runStart.length; k++) {
    if ((runEnd[k] as number) <= reach) continue;
    let s = runStart[k] as number;
    while (s > 0 && isAsciiWordUnit(text.charCodeAt(s - 1))) s--;
    let e = runEnd[k] as number;
    while (e < n && isAsciiWordUnit(text.charCodeAt(e))) e++;
    reach = e;
    if (e - s > maxDigitWord) maxDigitWord = e - s;
  }
  return {
    runs: runStart.length,
    runStart,
    runEnd,
    digits,
    dots,
    colons,
    dashes,
    ats,
    maxDigitWord,
  };
}

/**
 * `[A-Za-z0-9_]`: a word unit of `\w` and `\b` without the `u` flag (one copy for the recognizers that
 * check such a boundary by hand).
 * @internal
 *
 * @example
 * ```ts
 * isAsciiWordUnit(0x5f); // true ('_')
 * ```
 */
export function isAsciiWordUnit(c: number): boolean {
  return c < 128 && WORD_UNIT[c] === 1;
}

/**
 * Exactly `scanAnchored(/\d+/g, re, text, accept, fn)` (see `regex.ts`), with the digit runs taken
 * from the facts instead of a regex pass: the sticky `re` is tried where a digit run starts (or where
 * the previous match ended inside a run) and `accept` allows it. `arg` is passed to `fn` (so callers
 * need not create a closure per call).
 *
 * @example
 * ```ts
 * scanDigitRuns(factsOf(text), STREET_RE, text, wordStart, (m) => parts.push(m.index));
 * ```
 */
export function scanDigitRuns<A = undefined>(
  facts: TextFacts,
  re: RegExp,
  text: string,
  accept: (text: string, index: number) => boolean,
  fn: (m: RegExpExecArray, arg: A) => void,
  arg?: A,
): void {
  let next = 0;
  for (let k = 0; k < facts.runs; k++) {
    const end = facts.runEnd[k] as number;
    if (end <= next) continue;
    const at = Math.max(facts.runStart[k] as number, next);
    next = end;
    if (!accept(text, at)) continue;
    re.lastIndex = at;
    const m = re.exec(text);
    if (m !== null && m.index === at) {
      fn(m, arg as A);
      next = Math.max(next, at + Math.max(1, m[0].length));
    }
  }
  re.lastIndex = 0;
}

/**
 * Exactly `forEachMatch(global, text, fn)` for a global regex whose every match starts at one of
 * `starts` (increasing): the sticky twin `sticky` (same source) is tried at each start that is not
 * inside the previous match. Stops when `fn` returns `false`, as `forEachMatch` does.
 *
 * @example
 * ```ts
 * forEachMatchAt(SSN_STICKY, text, runStartsOfLength9, (m) => emit(m));
 * ```
 */
export function forEachMatchAt(
  sticky: RegExp,
  text: string,
  starts: readonly number[],
  fn: (m: RegExpExecArray) => unknown,
): void {
  let next = 0;
  for (let i = 0; i < starts.length && next !== STOP; i++)
    next = tryAt(sticky, text, starts[i] as number, next, fn, undefined);
  sticky.lastIndex = 0;
}

/** What `tryAt` returns once `fn` asked to stop: no later start is tried. @internal */
const STOP = Number.POSITIVE_INFINITY;

/**
 * One step of an anchored scan: a global pattern whose every match starts at one of a few candidate
 * positions, found in increasing order, is run as its sticky twin at each candidate not inside the
 * previous match, which gives the global scan's matches (as `forEachMatchAt` does for a list of
 * starts). Tries `sticky` at `at` unless a previous match covers it (`at < next`), calls
 * `fn(match, arg, text)` on a match and returns where the next match may start: `Infinity` when `fn`
 * returned `false`, so that every later start is skipped.
 * @internal
 *
 * @example
 * ```ts
 * let next = 0;
 * for (const at of starts) next = tryAt(SSN_AT, text, at, next, onSsn, emit);
 * ```
 */
export function tryAt<A>(
  sticky: RegExp,
  text: string,
  at: number,
  next: number,
  fn: (m: RegExpExecArray, arg: A, text: string) => unknown,
  arg: A,
): number {
  if (at < next) return next;
  sticky.lastIndex = at;
  const m = sticky.exec(text);
  if (m === null) return next;
  if (fn(m, arg, text) === false) return STOP;
  return at + Math.max(1, m[0].length);
}

/**
 * `tryAt` without a match array: `sticky` is run by `test`, which leaves the end of the match in
 * `lastIndex`, and `fn(start, end, arg)` gets the span.
 * @internal
 *
 * @example
 * ```ts
 * let next = 0;
 * for (const at of starts) next = spanAt(UNIT_AT, text, at, next, (s, e, parts) => parts.push({ s, e }), parts);
 * ```
 */
export function spanAt<A>(
  sticky: RegExp,
  text: string,
  at: number,
  next: number,
  fn: (start: number, end: number, arg: A) => void,
  arg: A,
): number {
  if (at < next) return next;
  sticky.lastIndex = at;
  const found = sticky.test(text);
  const end = sticky.lastIndex;
  sticky.lastIndex = 0;
  if (!found) return next;
  fn(at, end, arg);
  return at + Math.max(1, end - at);
}

/**
 * The sticky twin of a global regex (same source and flags, `y` instead of `g`).
 *
 * @example
 * ```ts
 * const SSN_AT = stickyTwin(SSN_RE);
 * ```
 */
export function stickyTwin(re: RegExp): RegExp {
  return new RegExp(re.source, `${re.flags.replace('g', '')}y`);
}
