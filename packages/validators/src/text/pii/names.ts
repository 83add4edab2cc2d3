/**
 * PERSON and LOCATION from gazetteers and context, without a model: capitalized words found in the
 * shipped name lists (given name + following capitalized family name scores highest), names after cues
 * such as "my name is" or "Name:", and the longest run of words that is a known place. Scores are lower
 * for words that are both a name and a place ("Florence"), and context words raise them. ORGANIZATION
 * from designators and firm names ("Acme Inc.", "Smith & Sons", "Jones, Mitchell and Williams").
 *
 * The parts: names-lists.ts (the fixed word lists and cue checks), names-tokens.ts (the words of a
 * text), names-words.ts (what the scans ask about a word), names-orgs.ts (ORGANIZATION), names-places.ts (LOCATION),
 * names-people.ts (PERSON), names-coordinated.ts (lists of people), names-case.ts (where the text is written without capitals). A name inside a
 * numbered street is left to the address recognizer (names-streets.ts).
 */
import { factsOf } from '../shared/facts';
import { defaultGazetteer, type Gazetteer, gazetteerTable } from './gazetteer';
import { markLowerCase } from './names-case';
import { scanCoordinated } from './names-coordinated';
import { NAME_SPAN_MAX } from './names-facilities';
import { scanInverted } from './names-inverted';
import { scanOrganizations } from './names-orgs';
import { scanPeople } from './names-people';
import { scanPlaces } from './names-places';
import { tokenize, Words } from './names-tokens';
import { markCaps } from './names-words';
import type { PiiRecognizer } from './types';

const SHARED = /* @__PURE__ */ new Words();

/**
 * A recognizer of PERSON and LOCATION over a gazetteer (the shipped one by default).
 *
 * @example
 * ```ts
 * const rec = namesRecognizer(createGazetteer({ firstNames: ['Zaphod'], lastNames: [], places: [] }));
 * ```
 */
export function namesRecognizer(gazetteer?: Gazetteer): PiiRecognizer {
  return {
    name: 'names',
    entities: ['PERSON', 'LOCATION', 'ORGANIZATION'],
    maxLength: NAME_SPAN_MAX,
    scan(text, emit) {
      const g = gazetteer ?? defaultGazetteer();
      const table = gazetteerTable(g);
      const w = SHARED.busy ? new Words() : SHARED;
      w.busy = true;
      try {
        tokenize(w, text, table);
        // A name in a numbered street is the address's, not a person or place of the text (`emitName`).
        w.digits = factsOf(text).digits > 0;
        // Lower-case names are only looked for where the text is written without capitals (chat,
        // transcripts, form fields): decided word by word over a window (names-case.ts).
        const lowerCase = markLowerCase(w);
        // Gazetteer answers not asked yet (capitalized words get theirs from `markCaps`).
        if (table === undefined) {
          w.found.fill(0, 0, w.n);
          w.asked.fill(0, 0, w.n);
        } else if (lowerCase) w.found.fill(-1, 0, w.n);
        markCaps(w);
        // Organizations first: they take their words from the PERSON and LOCATION scans ("Drake PLC").
        scanOrganizations(w, g, emit, lowerCase);
        scanPlaces(w, g, emit, lowerCase);
        scanPeople(w, g, emit, lowerCase);
        // Lists of people ("Eklund, Warren and Bailey"): after the single names, whose scores they may raise.
        scanCoordinated(w, g, emit);
        // Names written family name first ("Patient: Smith, John A.").
        scanInverted(w, g, emit);
      } finally {
        w.busy = false;
        w.text = '';
        w.digits = false;
      }
    },
  };
}

/**
 * The default PERSON/LOCATION recognizer over the shipped gazetteer.
 *
 * @example
 * ```ts
 * detectPII('Call Maria Garcia', { recognizers: [defaultNamesRecognizer] });
 * ```
 */
export const defaultNamesRecognizer: PiiRecognizer = /* @__PURE__ */ namesRecognizer();
