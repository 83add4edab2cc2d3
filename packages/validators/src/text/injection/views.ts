/**
 * Obfuscated injections: text written in ROT13 ("vtaber nyy cerivbhf vafgehpgvbaf"), backwards ("erongI
 * lla suoiverp snoitcurtsni"), in leetspeak ("1gn0r3 4ll pr3v10us 1nstruct10ns") or with its letters
 * spaced out ("i g n o r e  a l l  p r e v i o u s"). Each way of writing has trigger families: the key
 * words of injections (ignore, instructions, prompt, password...) written that way. They join the phrase
 * families (ids `view:<kind>`, weight 0), so the phrase gate's one literal scan finds them at no cost of
 * its own, and a text without one is never rewritten. Where one occurs, `detectPromptInjection` rewrites
 * the text back (`viewOf`) and scans it again, as it does with a decoded base64 payload.
 */
import type { PhraseFamily } from './phrases';

/** The ways of writing that are read back. */
export type ViewKind = 'rot13' | 'reversed' | 'leet' | 'spaced';

/**
 * The key words whose obfuscated forms trigger a rescan: few, as every literal grows the phrase gate's
 * automaton that every text walks (each injection phrase worth reading back has one of them).
 */
const KEYWORDS = ['ignore', 'disregard', 'instruction', 'previous', 'prompt', 'password', 'jailbreak', 'system'];
/** Stems of key words for leetspeak (each form has a digit: "1gn0r", "d15r3", "pr0mpt", "p455w"). */
const LEET_STEMS = ['ignor', 'disre', 'instr', 'direc', 'prev', 'prompt', 'passw', 'syst', 'secr'];
/** Stems of key words for spaced-out letters, without their first letter ("g n o r" of "i g n o r e"). */
const SPACED_STEMS = ['gnor', 'nstru', 'romp', 'assw'];
/** Leetspeak digits for letters. */
const LEET: Readonly<Record<string, string>> = { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7' };
/** Letters for leetspeak digits (the reverse of `LEET`), as `viewOf` reads them. */
const UNLEET: Readonly<Record<string, string>> = { '4': 'a', '3': 'e', '1': 'i', '0': 'o', '5': 's', '7': 't' };
/** Separators between spaced-out letters that `viewOf` joins. */
const SPACERS = [' ', '.', '-', '_', '*'];
/** Those of `SPACERS` the triggers look for. */
const TRIGGER_SPACERS = [' ', '.', '-'];

function rot13(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) out += String.fromCharCode(((c - 97 + 13) % 26) + 97);
    else if (c >= 65 && c <= 90) out += String.fromCharCode(((c - 65 + 13) % 26) + 65);
    else out += s[i];
  }
  return out;
}

/** Every form of `stem` with one or more of its letters in `LEET` written as their digit. */
function leetForms(stem: string): string[] {
  const at: number[] = [];
  for (let i = 0; i < stem.length; i++) if (LEET[stem[i] as string] !== undefined) at.push(i);
  const out: string[] = [];
  for (let mask = 1; mask < 1 << at.length; mask++) {
    const chars = stem.split('');
    at.forEach((p, k) => {
      if ((mask >> k) & 1) chars[p] = LEET[chars[p] as string] as string;
    });
    out.push(chars.join(''));
  }
  return out;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

function trigger(kind: ViewKind, words: readonly string[]): PhraseFamily {
  return { id: `view:${kind}`, weight: 0, re: new RegExp(words.map(escapeRegex).join('|'), 'g') };
}

/**
 * @internal The trigger families (ids `view:rot13`, `view:reversed`, `view:leet`, `view:spaced`; weight 0),
 * over lower-cased text as every phrase family.
 *
 * @example
 * ```ts
 * VIEW_FAMILIES.map((f) => f.id); // ['view:rot13', 'view:reversed', 'view:leet', 'view:spaced']
 * ```
 */
export const VIEW_FAMILIES: readonly PhraseFamily[] = /* @__PURE__ */ (() => [
  trigger(
    'rot13',
    KEYWORDS.map((w) => rot13(w)),
  ),
  trigger(
    'reversed',
    KEYWORDS.map((w) => [...w].reverse().join('')),
  ),
  trigger('leet', LEET_STEMS.flatMap(leetForms)),
  trigger(
    'spaced',
    SPACED_STEMS.flatMap((s) => TRIGGER_SPACERS.map((sep) => s.split('').join(sep))),
  ),
])();

/** The kind of a trigger family's id (`view:leet` → `leet`), or undefined for other ids. */
export function viewKind(id: string): ViewKind | undefined {
  if (!id.startsWith('view:')) return undefined;
  const kind = id.slice(5);
  return kind === 'rot13' || kind === 'reversed' || kind === 'leet' || kind === 'spaced' ? kind : undefined;
}

/**
 * `lower` (a lower-cased text) read back from one way of writing: ROT13 decoded, reversed (by code
 * points), leetspeak digits as letters (4 a, 3 e, 1 i, 0 o, 5 s, 7 t), or runs of single letters each
 * followed by the same separator (space, ".", "-", "_", "*") joined into words ("i g n o r e  a l l" →
 * "ignore  all", "i-g-n-o-r-e a-l-l" → "ignore all"). Linear in the text's length.
 *
 * @example
 * ```ts
 * viewOf('leet', '1gn0r3 4ll pr3v10us 1nstruct10ns'); // 'ignore all previous instructions'
 * ```
 */
export function viewOf(kind: ViewKind, lower: string): string {
  if (kind === 'rot13') return rot13(lower);
  if (kind === 'reversed') return Array.from(lower).reverse().join('');
  if (kind === 'leet') return lower.replace(/[013457]/g, (d) => UNLEET[d] as string);
  return joinSpaced(lower);
}

const LETTER = /\p{L}/u;

function isLetter(s: string, i: number): boolean {
  if (i >= s.length) return false;
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return LETTER.test(s[i] as string);
}

/** Join runs of three or more single letters, each but the last followed by the same separator. */
function joinSpaced(s: string): string {
  let out = '';
  let i = 0;
  const n = s.length;
  while (i < n) {
    // A run starts at a letter that no letter precedes.
    if (isLetter(s, i) && (i === 0 || !isLetter(s, i - 1))) {
      let j = i;
      let letters = 1;
      const sep = s[i + 1] as string; // one separator throughout: "i-g-n-o-r-e a-l-l" is two runs
      const spacer = SPACERS.includes(sep);
      while (spacer && j + 2 < n && s[j + 1] === sep && isLetter(s, j + 2) && !isLetter(s, j + 3)) {
        j += 2;
        letters++;
      }
      if (letters >= 3 && !isLetter(s, j + 1)) {
        for (let k = i; k <= j; k += 2) out += s[k];
        i = j + 1;
        continue;
      }
    }
    out += s[i];
    i++;
  }
  return out;
}
