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
  let out = '';
  for (const ch of s.normalize('NFD')) {
    const cp = ch.codePointAt(0) as number;
    if (cp >= 0x300 && cp <= 0x36f) continue; // combining marks of NFD
    out += t.get(cp) ?? ch;
  }
  return out;
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

const SCRIPTS: readonly [string, RegExp][] = [
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
  const found = new Set<string>();
  for (const ch of word) {
    if (ch.charCodeAt(0) < 128) {
      if (/[A-Za-z]/.test(ch)) found.add('Latin');
      continue;
    }
    for (const [name, re] of SCRIPTS) {
      if (re.test(ch)) {
        found.add(name);
        break;
      }
    }
  }
  return [...found];
}
