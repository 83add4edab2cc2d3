/**
 * The repeated-phrase check of the injection detector's one-pass scans (`asciiScan`, `unicodeScan`):
 * words are fed in text order with their lower-case form (units of the scanned text, where A-Z count
 * as a-z, or a string of the word's own) and a hash of that form, and the first phrase of 1-4 words
 * repeated at least 8 times in a row is found while only
 * the last few words are kept. Runs for the four phrase lengths are counted side by side; the answer is
 * the first run found for the shortest phrase length (a run of single words ends the search). The state
 * is module-level and reused by every scan (the scans are synchronous; allocating it per call cost more
 * than the check).
 */

/** A span of the scanned text. */
export interface Span {
  /** Start offset (UTF-16). */
  start: number;
  /** End offset (UTF-16, exclusive). */
  end: number;
}

/** Words remembered (more than the longest phrase length, 4; a power of two). */
const RING = 8;
// Word i at i & (RING - 1): its length, hash and start in the text, and whether its lower-case form is
// a string of its own (`own` 1: `forms`, from offset 0) or the scanned text itself (from its start).
const lens = new Int32Array(RING);
const hashes = new Int32Array(RING);
const starts = new Int32Array(RING);
const own = new Uint8Array(RING);
const forms: string[] = ['', '', '', '', '', '', '', ''];
// Per phrase length 1-4: words in the current run, where the run's phrase starts, the first run found.
const run = new Int32Array(5);
const runStart = new Int32Array(5);
const found: (Span | undefined)[] = [undefined, undefined, undefined, undefined, undefined];
/** The text of the scan under way (the form of the words fed by `addWord`). */
let scanned = '';
let count = 0;
/** Bit k set: a run of phrase length k is under way (`run[k] > 0`) and none was found yet. */
let busy = 0;

/** Let go of the remembered words' strings (a loop: `fill`, a builtin call, cost more on short texts). */
function clearForms(): void {
  for (let k = 0; k < RING; k++) forms[k] = '';
}

/**
 * Start a scan of `text`.
 *
 * @example
 * ```ts
 * const text = 'ha '.repeat(8);
 * startRepeats(text);
 * for (let i = 0; i < 8; i++) addWord(3 * i, 2, 1, 3 * i + 2); // 8 words "ha" at 0, 3, 6...
 * repeatsFound(); // { start: 0, end: 23 }
 * ```
 */
export function startRepeats(text: string): void {
  scanned = text;
  count = 0;
  busy = 0;
  clearForms();
  for (let k = 1; k <= 4; k++) {
    run[k] = 0;
    found[k] = undefined;
  }
}

/**
 * Feed the next word: `size` units of the scanned text from `start` (A-Z count as a-z), with `hash`
 * (of the units, A-Z folded), ending at `end`. Returns true once a run of single words is found (the
 * answer cannot change: stop feeding words). The word's form is the text itself: nothing is stored
 * but three numbers (not a pointer to the text per word, a store into a long-lived array that V8's
 * write barrier records when the text is young: most texts a scan reads were just lower-cased).
 *
 * @example
 * ```ts
 * if (addWord(i, j - i, hash, j)) done = true;
 * ```
 */
export function addWord(start: number, size: number, hash: number, end: number): boolean {
  const slot = count & (RING - 1);
  hash |= 0;
  lens[slot] = size;
  hashes[slot] = hash;
  starts[slot] = start;
  own[slot] = 0;
  // Most words repeat none of the last four while no run is under way: nothing to count (this stays
  // small enough for the scans to inline it). The slots of words before this scan's first may hold any
  // hash: `countRuns` skips them.
  if (quiet(hash)) {
    count++;
    return false;
  }
  return countRuns(scanned, start, size, hash, end);
}

/**
 * `addWord` for a word whose lower-case form is a string of its own (`form`, with `hash`), at
 * `[start, end)` of the scanned text.
 *
 * @example
 * ```ts
 * if (addFormWord(text.slice(start, i).toLowerCase(), hash, start, i)) done = true;
 * ```
 */
export function addFormWord(form: string, hash: number, start: number, end: number): boolean {
  const slot = count & (RING - 1);
  hash |= 0;
  // Stored, never compared: `!==` on two strings compares their units, and another string of the same
  // units (the same text scanned again) made it a walk of the whole text per word.
  forms[slot] = form;
  own[slot] = 1;
  lens[slot] = form.length;
  hashes[slot] = hash;
  starts[slot] = start;
  if (quiet(hash)) {
    count++;
    return false;
  }
  return countRuns(form, 0, form.length, hash, end);
}

/** No run is under way and a word of `hash` repeats none of the last four: nothing to count. */
function quiet(hash: number): boolean {
  return (
    busy === 0 &&
    hashes[(count - 1) & (RING - 1)] !== hash &&
    hashes[(count - 2) & (RING - 1)] !== hash &&
    hashes[(count - 3) & (RING - 1)] !== hash &&
    hashes[(count - 4) & (RING - 1)] !== hash
  );
}

/** `addWord` for a word that may continue or start a run: the word is stored; count the runs. */
function countRuns(form: string, at: number, size: number, hash: number, end: number): boolean {
  for (let k = 1; k <= 4 && k <= count; k++) {
    if (found[k] !== undefined) continue;
    const prev = (count - k) & (RING - 1);
    if (
      hashes[prev] === hash &&
      lens[prev] === size &&
      (own[prev] === 1
        ? same(forms[prev] as string, 0, form, at, size)
        : same(scanned, starts[prev] as number, form, at, size))
    ) {
      if (run[k] === 0) runStart[k] = starts[prev] as number;
      run[k] = (run[k] as number) + 1;
      busy |= 1 << k;
      if ((run[k] as number) >= 7 * k) {
        found[k] = { start: runStart[k] as number, end };
        busy &= ~(1 << k);
        if (k === 1) {
          count++;
          return true;
        }
      }
    } else {
      run[k] = 0;
      busy &= ~(1 << k);
    }
  }
  count++;
  return false;
}

/**
 * The first phrase repeated 8 times in this scan, for the shortest phrase length that has one; ends the
 * scan (the text it was fed is let go).
 *
 * @example
 * ```ts
 * const rep = repeatsFound(); // { start, end } or undefined
 * ```
 */
export function repeatsFound(): Span | undefined {
  // The scan is over: the words' text is not kept past it.
  clearForms();
  scanned = '';
  return found[1] ?? found[2] ?? found[3] ?? found[4];
}

/**
 * Units of text the check holds (the strings its remembered words point into): 0 between scans.
 * @internal
 *
 * @example
 * ```ts
 * repeatsHeld(); // 0 once a scan has ended
 * ```
 */
export function repeatsHeld(): number {
  let units = scanned.length;
  for (const f of forms) units += f.length;
  return units;
}

/** Whether `len` units of `a` at `i` equal those of `b` at `j`, A-Z folded to a-z. */
function same(a: string, i: number, b: string, j: number, len: number): boolean {
  for (let k = 0; k < len; k++) if (fold(a.charCodeAt(i + k)) !== fold(b.charCodeAt(j + k))) return false;
  return true;
}

const fold = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);
