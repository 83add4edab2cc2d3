/**
 * Confusable skeletons (UTS #39, restricted to prototypes in printable ASCII) and script detection for
 * mixed-script words such as "pаypal" with a Cyrillic "а": the words a homoglyph attack produces.
 */
import { CONFUSABLES } from '../data/confusables';

let table: Map<number, string> | undefined;

function confusables(): Map<number, string> {
  if (!table) {
    table = new Map();
    for (const entry of CONFUSABLES.split('\u0001')) {
      const i = entry.indexOf(':');
      table.set(Number.parseInt(entry.slice(0, i), 16), entry.slice(i + 1));
    }
  }
  return table;
}

/**
 * The confusable skeleton of `s`: NFD, then each code point replaced by its ASCII prototype when it
 * has one (others kept), so `skeleton('pаypal') === skeleton('paypal')`.
 *
 * @example
 * ```ts
 * skeleton('ρаypаl'); // 'paypal'
 * ```
 */
export function skeleton(s: string): string {
  const t = confusables();
  const d = s.normalize('NFD');
  // The text between replaced or dropped code points is kept as slices (a string built a code point at a
  // time is a chain of a million pieces for a megabyte word).
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < d.length; ) {
    const cp = d.codePointAt(i) as number;
    const len = cp > 0xffff ? 2 : 1;
    if (cp >= 0x300 && cp <= 0x36f) {
      // Combining marks of NFD are dropped.
      parts.push(d.slice(from, i));
      from = i + len;
    } else {
      const p = t.get(cp);
      if (p !== undefined) {
        parts.push(d.slice(from, i), p);
        from = i + len;
      }
    }
    i += len;
  }
  if (from === 0) return d;
  parts.push(d.slice(from));
  return parts.join('');
}

let letters: Map<number, string> | undefined;
const LETTER = /\p{L}/u;

/**
 * The ASCII letter a lower-case non-ASCII letter is confusable with ("і" of Cyrillic → "i", "ɪ" → "i"),
 * or undefined: the entries of the table for a letter (`\p{L}`; "∣" is confusable with "l" but no
 * letter) whose prototype is one letter, lower-cased, and the Latin small capitals ("ᴀ" → "a").
 *
 * @example
 * ```ts
 * lookalikeOf(0x430); // 'a' (Cyrillic а)
 * ```
 */
export function lookalikeOf(cp: number): string | undefined {
  if (!letters) {
    letters = new Map();
    for (const [code, proto] of confusables()) {
      const p = proto.toLowerCase();
      if (code >= 128 && p.length === 1 && p >= 'a' && p <= 'z' && LETTER.test(String.fromCodePoint(code)))
        letters.set(code, p);
    }
    // Small capitals, a "font" of social media text, are confusable with capitals (UTS #39 lists few).
    for (const [ch, p] of SMALL_CAPITALS) letters.set(ch.codePointAt(0) as number, p);
  }
  return letters.get(cp);
}

let lookalikeCodes: Uint8Array | undefined;

/**
 * `lookalikeOf` of a UTF-16 unit as a table read: the code of its ASCII letter, or 0 (every lookalike is
 * one unit). For the loops that ask it of every unit of a text (a Map lookup and a string per unit cost
 * more).
 * @internal
 *
 * @example
 * ```ts
 * lookalikeCode(0x430); // 97 ('a', Cyrillic а)
 * ```
 */
export function lookalikeCode(unit: number): number {
  if (lookalikeCodes === undefined) {
    lookalikeOf(0);
    const t = new Uint8Array(65536);
    for (const [cp, p] of letters as Map<number, string>) if (cp <= 0xffff) t[cp] = p.charCodeAt(0);
    lookalikeCodes = t;
  }
  return unit <= 0xffff ? (lookalikeCodes[unit] as number) : 0;
}

let lookalikeClass: RegExp | undefined;

/**
 * A pattern of one unit that `lookalikeOf` knows (every lookalike is one UTF-16 unit), for a quick test
 * of a text: a regex scans a text for a class of units faster than a loop of lookups.
 *
 * @example
 * ```ts
 * lookalikePattern().test('іgnore'); // true (Cyrillic і)
 * ```
 */
export function lookalikePattern(): RegExp {
  if (!lookalikeClass) {
    lookalikeOf(0);
    const units = [...(letters as Map<number, string>).keys()].filter((cp) => cp <= 0xffff);
    lookalikeClass = new RegExp(`[${units.map((cp) => `\\u${cp.toString(16).padStart(4, '0')}`).join('')}]`);
  }
  return lookalikeClass;
}

/** Latin small capitals (IPA and phonetic extensions) and the letters they are written for. */
const SMALL_CAPITALS: readonly (readonly [string, string])[] = /* @__PURE__ */ [
  ...'ᴀaʙbᴄcᴅdᴇeꜰfɢgʜhɪiᴊjᴋkʟlᴍmɴnᴏoᴘpꞯqʀrꜱsᴛtᴜuᴠvᴡwʏyᴢz'.matchAll(/(.)([a-z])/gu),
].map((m) => [m[1] as string, m[2] as string] as const);

/** @internal The scripts `scriptsOf` tells apart, in the order it tests them. */
export const SCRIPTS: readonly [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
  ['Coptic', /\p{Script=Coptic}/u],
];

/**
 * The scripts of the letters of a word, among those homoglyph attacks mix (Latin, Cyrillic, Greek,
 * Armenian, Cherokee, Coptic); other letters are ignored.
 *
 * @example
 * ```ts
 * scriptsOf('pаypal'); // ['Latin', 'Cyrillic']
 * ```
 */
export function scriptsOf(word: string): string[] {
  const found: string[] = [];
  let seen = 0; // bit k: script k of SCRIPTS_BY_INDEX found
  const n = word.length;
  for (let i = 0; i < n; i++) {
    const c = word.charCodeAt(i);
    let k: number;
    if (c < 128) k = (c | 32) >= 97 && (c | 32) <= 122 ? 1 : NO_SCRIPT;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (word.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      k = scriptIndex(word.slice(i, i + 2));
      i++;
    } else {
      k = SCRIPT_OF[c] as number;
      if (k === 0) {
        k = scriptIndex(String.fromCharCode(c));
        SCRIPT_OF[c] = k;
      }
    }
    if (k !== NO_SCRIPT && (seen & (1 << k)) === 0) {
      seen |= 1 << k;
      found.push((SCRIPTS[k - 1] as [string, RegExp])[0]);
    }
  }
  return found;
}

/** `scriptsOf`'s index of a code point's script: 1 + its place in SCRIPTS, or NO_SCRIPT. */
const NO_SCRIPT = 7;
/** Per UTF-16 unit outside ASCII: its `scriptIndex`, 0 until first seen. */
const SCRIPT_OF: Uint8Array = /* @__PURE__ */ new Uint8Array(65536);

function scriptIndex(ch: string): number {
  for (let k = 0; k < SCRIPTS.length; k++) if ((SCRIPTS[k] as [string, RegExp])[1].test(ch)) return k + 1;
  return NO_SCRIPT;
}
