/**
 * How much of a streamed answer's tail the text filter must hold back because it could still become
 * (part of) a match: canary prefixes in every form `detectCanaryLeak` recognizes, the trailing token of
 * whitespace-free detectors, and a growing verbatim copy of the system prompt. Each function returns the
 * offset from which the tail is held (the text length when nothing needs holding).
 */
import { wordsOf } from './leak';

const isSpace = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return /\s/.test(text[i] as string);
};

/**
 * Start of the run of non-whitespace characters that contains position `pos - 1` (or `pos` itself when
 * the character before it is whitespace): matches that never contain whitespace and end after `pos`
 * start at or after this offset.
 * @internal
 */
export function tokenRunStart(text: string, pos: number): number {
  let q = Math.max(0, Math.min(pos, text.length));
  while (q > 0 && !isSpace(text, q - 1)) q--;
  return q;
}

const ALNUM = /^[a-z0-9]$/;

/**
 * Earliest offset of a tail of `text` that is a proper prefix of the canary in one of the forms the
 * validators' `detectCanaryLeak` finds: its letters and digits in order (any case, any separators
 * between them), reversed, or the middle of its base64 encoding.
 * @internal
 */
export function canaryHold(text: string, token: string, maxScan: number): number {
  let hold = text.length;
  const core = token.toLowerCase().replace(/[^a-z0-9]/g, '');
  const reversed = [...core].reverse().join('');
  // Letters and digits of the tail, newest first, with their offsets (separators skipped, bounded walk).
  const chars: string[] = [];
  const at: number[] = [];
  for (let i = text.length - 1; i >= 0 && text.length - i <= maxScan && chars.length < core.length; i--) {
    const c = (text[i] as string).toLowerCase();
    for (let k = c.length - 1; k >= 0; k--) {
      if (ALNUM.test(c[k] as string)) {
        chars.push(c[k] as string);
        at.push(i);
      }
    }
  }
  for (let n = Math.min(chars.length, core.length - 1); n >= 1; n--) {
    let tail = '';
    for (let j = n - 1; j >= 0; j--) tail += chars[j];
    if (core.startsWith(tail) || reversed.startsWith(tail)) {
      hold = Math.min(hold, at[n - 1] as number);
      break;
    }
  }
  // The whole base64 form and its middle (what detectCanaryLeak looks for, whatever the alignment).
  for (const b64 of [btoa(token), btoa(token).slice(4, -4)]) {
    for (let n = Math.min(b64.length - 1, text.length); n >= 1; n--) {
      if (text.endsWith(b64.slice(0, n))) {
        hold = Math.min(hold, text.length - n);
        break;
      }
    }
  }
  return hold;
}

/**
 * The trailing run of words that copies the system prompt verbatim: its length in complete words, and
 * the offset from which it (and a last word that could continue it) must be held back.
 * @internal
 */
export function verbatimHold(
  text: string,
  promptWords: readonly string[],
  final: boolean,
): { words: number; start: number } {
  const ws = wordsOf(text);
  const lastComplete = final || text.length === 0 || !/[\p{L}\p{N}]$/u.test(text) ? ws.length - 1 : ws.length - 2;
  const partial = lastComplete < ws.length - 1 ? ws[ws.length - 1] : undefined;
  let best = 0;
  let bestStart = text.length;
  let continues = false;
  // Longest m such that the last m complete words equal prompt words j-m+1..j for some j.
  for (let j = 0; j < promptWords.length; j++) {
    let m = 0;
    while (m <= lastComplete && m <= j && (ws[lastComplete - m] as { w: string }).w === promptWords[j - m]) m++;
    if (m === 0) continue;
    const next = promptWords[j + 1];
    const grows = partial ? next?.startsWith(partial.w) === true : next !== undefined;
    if (m > best || (m === best && grows && !continues)) {
      best = m;
      bestStart = (ws[lastComplete - m + 1] as { start: number }).start;
      continues = grows;
    }
  }
  if (final) return { words: best, start: text.length };
  if (partial) {
    if (best > 0 && continues) return { words: best, start: bestStart };
    // A new run may start with the unfinished word.
    if (promptWords.some((p) => p.startsWith(partial.w))) return { words: best, start: partial.start };
    return { words: best, start: text.length };
  }
  return { words: best, start: best > 0 && continues ? bestStart : text.length };
}
