/**
 * E-mail addresses written so that filters and scrapers miss them: the "@" and the dots spelled out or
 * bracketed ("jane.doe [at] example [dot] com", "jane(at)example.com", "jane dot doe at gmail dot
 * com"), or set apart by spaces ("jane @ example.com", "jane@example dot com"). The plain form
 * ("jane@example.com") is `emailRecognizer`'s (net.ts), which calls `spelledEmails` when the text has a
 * sign of one.
 *
 * Anchored on each "at" sign: the local part is read back from it, the domain forward (labels of
 * `[A-Za-z0-9-]` joined by dots, spelled or not, and a letter TLD). Each anchor reads a bounded number of
 * units (the local part's 64 and up to 4 spelled dots back, 9 labels forward), so a scan is linear.
 *
 * The word "at" is also a preposition ("I worked at amazon dot com"), so an address with it is reported
 * only with a known TLD and a spelled dot, a local part that is no common word, and one more sign: a
 * local part that no word is written like ("j.doe", "jdoe42", "jane dot doe"), a known given or family
 * name ("john at acme dot com"), a webmail domain ("jsmith at gmail dot com") or a word about mail
 * before it ("write to jsmith at acme dot com").
 */
import { hasContext, wordSet } from '../shared/context';
import type { TextFacts } from '../shared/facts';
import { defaultGazetteer, gazetteerTable, IN_FIRST, IN_LAST } from './gazetteer';
import type { PiiCandidate } from './types';

/**
 * @internal In a text with a closing bracket: a bracketed "at", "@" or "." ("jane(at)example.com",
 * "jane@example[.]com").
 */
export const BRACKET_GATE: RegExp = /(?:at|@|\.) ?[\])}>]/i;

/**
 * Whether `text` may hold a spelled-out address: every address `spelledEmails` reports has the word
 * "dot" in lower or upper case, a bracketed sign (`BRACKET_GATE`, looked for only in a text with a
 * closing bracket), or an "@" (`ats` of the facts) between spaces. These searches cost about what one
 * regex pass over the text does (measured); counting the brackets in the facts pass cost more.
 * @internal
 *
 * @example
 * ```ts
 * maySpellEmail('jane at gmail dot com', factsOf('jane at gmail dot com')); // true
 * ```
 */
export function maySpellEmail(text: string, f: TextFacts): boolean {
  if (text.includes('dot') || text.includes('DOT')) return true;
  if ((text.includes(')') || text.includes(']') || text.includes('}') || text.includes('>')) && BRACKET_GATE.test(text))
    return true;
  return f.ats > 0 && text.includes(' @ ');
}

/**
 * @internal The "at" signs: a bracketed "at" or "@" ("[at]", " (at) ", "{@}"), an "@" between spaces,
 * a bare "@" (an address whose domain has a spelled dot), or the word "at" between single spaces.
 */
export const AT_SIGN_RE: RegExp = / ?[[({<] ?(?:at|@) ?[\])}>] ?| @ |@| at /gi;
/** @internal A unit of an address's local part outside ASCII. */
export const LOCAL_CHAR: RegExp = /[\p{L}\p{N}_.%+-]/u;
/** @internal A letter or digit outside ASCII (a word glued to an address's ends). */
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/**
 * Spelled dots, longest first, in lower case and in upper case ("[dot]", "[DOT]"; not "[Dot]": what
 * `maySpellEmail` looks for).
 */
const DOTS: readonly string[] = /* @__PURE__ */ (() => {
  const lower = [' [dot] ', ' (dot) ', ' {dot} ', ' <dot> ', '[dot]', '(dot)', '{dot}', '<dot>', ' dot '];
  return [...lower, ...lower.map((d) => d.toUpperCase()), ' [.] ', ' (.) ', '[.]', '(.)'];
})();

/**
 * Top-level domains taken after the word "at": the generic ones people write out and the country codes
 * most used for mail. After a bracketed "at" or an "@", any TLD of 2 to 24 letters is taken.
 */
const TLDS: ReadonlySet<string> = /* @__PURE__ */ new Set(
  'com org net edu gov mil int info biz io co ai app dev me tv cc xyz online site tech email mail name pro mobi us uk ca au nz ie de fr it es pt nl be ch at se no dk fi is pl cz sk hu ro bg gr tr ru ua by lt lv ee si hr rs br ar mx cl pe uy ve jp cn kr tw hk sg my th vn id ph in pk bd lk za ng ke eg ma il ae sa ir eu'.split(
    ' ',
  ),
);

/** Webmail domains (the first label after the "at"). */
const WEBMAIL: ReadonlySet<string> = /* @__PURE__ */ new Set(
  'gmail googlemail yahoo ymail rocketmail hotmail outlook live msn aol icloud me mac protonmail proton pm gmx yandex qq 163 126 zoho fastmail hey tutanota tuta comcast verizon att sbcglobal bellsouth cox earthlink charter btinternet orange free laposte wanadoo libero virgilio t-online freenet seznam wp onet interia rediffmail naver daum hanmail mail'.split(
    ' ',
  ),
);

/** Words before the word "at" in prose, never an address's local part. */
const NOT_LOCAL: ReadonlySet<string> = /* @__PURE__ */ new Set(
  'i me you we us he him she her it they them is am are was were be been being the a an this that these those here there home work worked working works look looks looked looking stay stayed staying live lives lived living arrive arrived arriving meet met good bad best great available online sale sold bought found find see seen aim aimed point pointed stare stared laugh laughed shoot shot not only just'.split(
    ' ',
  ),
);

/** Words about mail, before an address written with the word "at". */
const MAIL_CUES = /* @__PURE__ */ wordSet(
  'email emails mail mailed address contact reach write send sent message ping cc bcc',
);
/** @internal Context words of an e-mail address (`emailRecognizer`'s and these). */
export const EMAIL_CONTEXT: ReadonlySet<string> = /* @__PURE__ */ wordSet('email e-mail mail address contact');

/** How an "at" sign is written. */
enum AtKind {
  /** "[at]", "(@)": bracketed. */
  Bracket,
  /** " @ ": an "@" between spaces. */
  Spaced,
  /** "@" alone: the domain must have a spelled dot. */
  Bare,
  /** The word "at". */
  Word,
}

/** Longest span reported (`emailRecognizer.maxLength`). */
export const SPELLED_MAX = 64 + 1 + 8 * 64 + 24;

/**
 * Emit the spelled-out e-mail addresses of `text` (call it when `maySpellEmail`: every address it
 * finds has what that looks for).
 *
 * @example
 * ```ts
 * spelledEmails('mail jane [at] example [dot] com', (c) => console.log(c.start, c.end)); // 5 31
 * ```
 */
export function spelledEmails(text: string, emit: (c: PiiCandidate) => void): void {
  const re = AT_SIGN_RE;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const sign = m[0];
    const kind =
      sign.length === 4 && sign.charCodeAt(0) === 32 && (sign.charCodeAt(1) | 32) === 97
        ? AtKind.Word
        : sign === '@'
          ? AtKind.Bare
          : sign === ' @ '
            ? AtKind.Spaced
            : AtKind.Bracket;
    const at = m.index;
    const after = at + sign.length;
    // The word "at" shares its spaces with the words around it: the next sign may start at its second space.
    if (kind === AtKind.Word) re.lastIndex = after - 1;
    const found = addressAt(text, at, after, kind);
    if (found !== undefined) {
      emit({
        entity: 'EMAIL_ADDRESS',
        start: found[0],
        end: found[1],
        // Above a name cue's PERSON (0.8: "jdoe at name dot com" is no person named "dot").
        score: kind === AtKind.Word || kind === AtKind.Spaced ? 0.85 : 0.9,
        recognizer: 'email',
        context: EMAIL_CONTEXT,
        contextBoost: 0.1,
      });
    }
  }
  re.lastIndex = 0;
}

/** The address around the "at" sign `[at, after)`, as `[start, end]`, or undefined. */
function addressAt(text: string, at: number, after: number, kind: AtKind): [number, number] | undefined {
  // The local part: local units back from the sign, glued to no word.
  let start = at;
  while (start > 0 && at - start <= 64 && isLocal(text, start - 1)) start--;
  if (start === at || at - start > 64 || gluedBefore(text, start)) return undefined;
  const first = text.slice(start, at);
  if (first.charCodeAt(0) === 46 || first.charCodeAt(first.length - 1) === 46 || first.includes('..')) return undefined;
  // Words joined by spelled dots before it ("jane dot doe").
  let spelledLocal = false;
  let wordDots = 0; // spelled dots with the word "dot" ("[.]" has none)
  for (let k = 0; k < 4; k++) {
    const d = dotBefore(text, start);
    if (d < 0) break;
    if (hasDotWord(text, d, start)) wordDots++;
    let s = d;
    while (s > 0 && d - s <= 64 && isLocal(text, s - 1)) s--;
    if (s === d || d - s > 64 || gluedBefore(text, s) || text.charCodeAt(s) === 46 || text.charCodeAt(d - 1) === 46)
      break;
    start = s;
    spelledLocal = true;
  }
  // The domain: labels joined by dots, the last one the TLD.
  let end = labelEnd(text, after);
  if (end === after) return undefined;
  const firstLabel = text.slice(after, end).toLowerCase();
  let dots = 0;
  let spelledDots = 0;
  let tld = after;
  while (dots < 8) {
    const d = dotAfter(text, end);
    if (d < 0) break;
    const e = labelEnd(text, d);
    if (e === d) break;
    if (d - end > 1) spelledDots++;
    if (d - end > 1 && hasDotWord(text, end, d)) wordDots++;
    dots++;
    tld = d;
    end = e;
  }
  if (dots === 0 || gluedAfter(text, end) || end - start > SPELLED_MAX) return undefined;
  const top = text.slice(tld, end).toLowerCase();
  if (top.length < 2 || top.length > 24 || !/^[a-z]+$/.test(top)) return undefined;
  if (kind === AtKind.Bare && spelledDots === 0) return undefined;
  // " @ " between capitalized words is a title's ("Anon Blog @ Envy-Us.com").
  if (kind === AtKind.Spaced && first !== first.toLowerCase()) return undefined;
  if (
    kind === AtKind.Word &&
    (wordDots === 0 || !wordAtAddress(text, start, at, first, spelledLocal, firstLabel, top))
  ) {
    return undefined;
  }
  return [start, end];
}

/** The checks of an address written with the word "at" (see the file's comment). */
function wordAtAddress(
  text: string,
  start: number,
  at: number,
  local: string,
  spelledLocal: boolean,
  firstLabel: string,
  top: string,
): boolean {
  if (!TLDS.has(top)) return false;
  const lower = local.toLowerCase();
  const plain = !spelledLocal && /^[a-z]+$/.test(lower);
  if (plain && NOT_LOCAL.has(lower)) return false;
  if (!plain || WEBMAIL.has(firstLabel)) return true;
  const g = defaultGazetteer();
  const table = gazetteerTable(g);
  if (
    table !== undefined
      ? (table.lookup(lower) & (IN_FIRST | IN_LAST)) !== 0
      : g.firstNames.has(lower) || g.lastNames.has(lower)
  )
    return true;
  return hasContext(text, start, at, MAIL_CUES, undefined, 0);
}

/** The spelled dot `[from, to)` has the word "dot" (not "[.]"). */
function hasDotWord(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if ((text.charCodeAt(k) | 32) === 111) return true;
  return false;
}

/** Where a spelled dot that ends at `i` starts, or -1 (the local part's "jane dot doe"). */
function dotBefore(text: string, i: number): number {
  // Every spelled dot ends with a space or a closing bracket.
  const c = text.charCodeAt(i - 1);
  if (c !== 32 && c !== 93 && c !== 41 && c !== 125 && c !== 62) return -1;
  for (const d of DOTS) if (i >= d.length && text.startsWith(d, i - d.length)) return i - d.length;
  return -1;
}

/** Where the label after a dot at `i` starts (a "." or a spelled dot), or -1. */
function dotAfter(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 46) return i + 1;
  // Every spelled dot starts with a space or an opening bracket.
  if (c !== 32 && c !== 91 && c !== 40 && c !== 123 && c !== 60) return -1;
  for (const d of DOTS) if (text.startsWith(d, i)) return i + d.length;
  return -1;
}

/** The end of a domain label at `i`: 1 to 63 units of `[A-Za-z0-9-]`, not starting or ending with "-" (`i` if none). */
function labelEnd(text: string, i: number): number {
  let e = i;
  while (e < text.length && e - i < 64 && isLabel(text.charCodeAt(e))) e++;
  if (e - i > 63 || text.charCodeAt(i) === 45) return i;
  while (e > i && text.charCodeAt(e - 1) === 45) e--;
  return e;
}

function isLabel(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 45;
}

/**
 * A unit of an e-mail address's local part: ASCII letters and digits, `_ . % + -`, and letters, marks
 * and digits outside ASCII.
 * @internal
 *
 * @example
 * ```ts
 * isLocal('j.doe', 1); // true
 * ```
 */
export function isLocal(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128)
    return (
      (c >= 48 && c <= 57) ||
      ((c | 32) >= 97 && (c | 32) <= 122) ||
      c === 95 ||
      c === 46 ||
      c === 37 ||
      c === 43 ||
      c === 45
    );
  return LOCAL_CHAR.test(text[i] as string);
}

/** A word glued to the local part's start ("I'm at …" has no local part "m"). */
function gluedBefore(text: string, start: number): boolean {
  if (start === 0) return false;
  const c = text.charCodeAt(start - 1);
  if (c < 128) return c === 39 || c === 64 || c === 47 || c === 92;
  return c === 0x2019 || WORD_CHAR.test(text[start - 1] as string);
}

/** A word glued to the domain's end ("example.comx" is cut by `labelEnd`; "example.com_x", "example.comé"). */
function gluedAfter(text: string, end: number): boolean {
  const c = text.charCodeAt(end);
  if (Number.isNaN(c)) return false;
  if (c < 128) return c === 95 || c === 64;
  return WORD_CHAR.test(text[end] as string);
}
