/**
 * Street matches that English prose makes without any street (found in the SpamAssassin ham mail): a
 * number, words and a street type or a second number whose words say quantity or only join
 * ("10 million square feet", "a 120 GB hard drive", "went from 43 to 28", "between 1989 and 1991"); and
 * English words that end like a street joined to its name ("During 2002", "Bring 2 friends", "Offering 20
 * seats" end in the German "-ring"; "Committee 2" in the Estonian "-tee"). The address recognizer drops
 * such matches (address.ts).
 */
import { wordSet } from '../shared/context';
import { WordFlags } from './word-index';

/**
 * Words of quantities, units, drives and clock times: after a number they count or time something ("10
 * million square", "4 second run", "120 GB hard drive", "12 CDT 2002", "7 AM CT"), no street is named so.
 * Also the fields of a payment card after its expiry date ("exp 12/27 cvv 123", "valid 01/29 pin 1234"),
 * and a recipe's measures ("2 heaping cups leafy green", "1 tbsp olive oil"; stop 50).
 * @internal
 *
 * @example
 * ```ts
 * QUANTITY_WORDS.has('million'); // true
 * ```
 */
export const QUANTITY_WORDS: ReadonlySet<string> = /* @__PURE__ */ wordSet(
  'hundred hundreds thousand thousands million millions billion billions trillion percent per kb mb gb tb kbps mbps ghz mhz second seconds minute minutes hour hours day days week weeks month months year years mile miles yard yards foot feet inch inches meter meters metre metres km kms lb lbs oz hard disk disks flash floppy usb zip cd dvd tape test thumb times am pm est edt cst cdt mst mdt pst pdt gmt utc bst cet cest cvv cvc cvv2 cvc2 csc pin code exp expiry expires valid cup cups tbsp tbs tsp tablespoon tablespoons teaspoon teaspoons gram grams kg ml liter liters litre litres pound pounds ounce ounces pinch cloves slices pieces servings',
);

/**
 * Words of prose that no street's name has in lower case: they join ("43 to 28", "1989 and 1991", "3 of
 * 7", "went from 13 to 21") or belong to a sentence ("1965, when Dr.", "6 has an interesting way",
 * "the access point"). Capitalized, some are ("10 The Green").
 * @internal
 *
 * @example
 * ```ts
 * PROSE_WORDS.has('to'); // true
 * ```
 */
export const PROSE_WORDS: ReadonlySet<string> = /* @__PURE__ */ wordSet(
  'to and or of in on at by for from than then through thru till until via vs versus which that the a an is was are were be been being has have had went goes its it his her their our your my this these those when where who what whose there here not no also about nearly another over under into onto out after before between because with without during each every',
);

/** `PROSE_TABLE` bits: a quantity word, */
const QUANTITY = 1;
/** a prose word. */
const PROSE = 2;
/** Both word lists as one word table, looked up in the text without building the word. */
const PROSE_TABLE: WordFlags = /* @__PURE__ */ (() => {
  const t = new WordFlags(QUANTITY_WORDS.size + PROSE_WORDS.size);
  for (const w of QUANTITY_WORDS) t.add(w, QUANTITY);
  for (const w of PROSE_WORDS) t.add(w, PROSE);
  return t;
})();

/**
 * Whether the street match `[start, end)` is prose. For STREET_EN_RE ("12 Main Street") and
 * STREET_NUM_RE ("35 Kromwater 38") matches, the words between the house number and the street type or
 * second number: none ("600 sq"), a quantity word among them ("10 million square"), or a prose word in
 * lower case ("43 to 28"). For STREET_PREFIX_RE matches (`prefix`: "place on July 2", "via SMTP to port
 * 25"), the words between the street-type word and the number: a prose word in lower case. Words are
 * separated by single spaces (the patterns' words have none) and looked up without their trailing
 * periods and commas.
 * @internal
 *
 * @example
 * ```ts
 * proseStreet('from 43 to 28', 5, 13, false); // true
 * proseStreet('at 12 Main Street', 3, 17, false); // false
 * ```
 */
export function proseStreet(text: string, start: number, end: number, prefix: boolean): boolean {
  // The first word is the house number or the street-type word, the last the street type or a number.
  const first = text.indexOf(' ', start);
  const last = text.lastIndexOf(' ', end - 1);
  if (first < 0 || last <= first) return !prefix;
  for (let k = first + 1; k <= last; ) {
    let e = text.indexOf(' ', k);
    if (e < 0 || e > last) e = last;
    let we = e;
    while (we > k && (text.charCodeAt(we - 1) === 46 || text.charCodeAt(we - 1) === 44)) we--;
    if (we > k) {
      const f = PROSE_TABLE.lookupText(text, k, we);
      if (f !== 0 && ((!prefix && (f & QUANTITY) !== 0) || ((f & PROSE) !== 0 && noUpperCase(text, k, we)))) {
        return true;
      }
    }
    k = e + 1;
  }
  return false;
}

/** `text.slice(start, end)` equals its lower case. */
function noUpperCase(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c >= 128) {
      const s = text.slice(start, end);
      return s === s.toLowerCase();
    }
    if (c >= 65 && c <= 90) return false;
  }
  return true;
}

/** @internal English words ending in "-tee" (the Estonian street ending, "Pärnu maantee"). */
export const ENGLISH_ENDINGS: ReadonlySet<string> = /* @__PURE__ */ wordSet(
  'committee guarantee trustee settee absentee goatee warrantee',
);

/** Lower-case ASCII vowels and the accented ones of the street languages. */
const VOWELS = 'aeiouyäöüáéíóú';

/**
 * Whether the word `[start, end)`, which ends in the street ending `[at, end)` ("During" = "Du" +
 * "ring"), is an English word rather than a street: for "-ring", fewer than 3 units before it or a vowel
 * right before it ("Bring", "String", "Offering", "nearing"; not "Ostring", "Kaiserring"); for "-tee", a
 * listed English word ("Committee", "guarantee"; not "maantee").
 * @internal
 *
 * @example
 * ```ts
 * englishEnding('During 2002', 0, 2, 6); // true
 * englishEnding('Kaiserring 12', 0, 6, 10); // false
 * ```
 */
export function englishEnding(text: string, start: number, at: number, end: number): boolean {
  if (end - at === 4 && endsWith(text, at, 'ring')) {
    return at - start < 3 || VOWELS.includes((text[at - 1] as string).toLowerCase());
  }
  if (end - at === 3 && endsWith(text, at, 'tee')) return ENGLISH_ENDINGS.has(text.slice(start, end).toLowerCase());
  return false;
}

/** `text` has `lower` (lower-case ASCII) at `at`, in any case. */
function endsWith(text: string, at: number, lower: string): boolean {
  for (let k = 0; k < lower.length; k++) if ((text.charCodeAt(at + k) | 32) !== lower.charCodeAt(k)) return false;
  return true;
}
