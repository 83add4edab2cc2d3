/**
 * The LOCATION scan of the PERSON/LOCATION recognizer: at each capitalized word that may start a
 * finding, the longest run of adjacent capitalized words that is a known place (a word that is also a
 * given or family name only when a place cue or place context says so), else up to three capitalized
 * words after a place cue such as "grew up in". A place right before a word that makes it part of a
 * firm's, newspaper's, team's or school's name is none ("America Online", "Seattle Times"), and a one-word
 * place right after a given name is a family name ("Bill Nottingham"). With a word table the multi-word
 * key is hashed word by word and built only when some place has that hash (`hashFlags` is a superset
 * test, `places.has` decides), so the answers are those of building every key.
 */
import { hasContext, wordSet } from '../shared/context';
import { type Gazetteer, IN_FIRST, IN_LAST, IN_PLACE } from './gazetteer';
import { featureAfter } from './names-facilities';
import {
  cueEndsAt,
  honorificBefore,
  PLACE_CONTEXT,
  stateCodeAfter,
  W_COMMON_PLACE,
  W_CUE_END,
  W_HUMAN_VERB,
  W_NOT_NAME,
  W_PLACE_THING,
  W_SHORT,
} from './names-lists';
import { emitName } from './names-streets';
import type { Words } from './names-tokens';
import {
  adjacent,
  allCaps,
  capitalNext,
  foldLowerOf,
  inList,
  inListStem,
  joinLower,
  lowerOf,
  majorPlaceAlone,
  placeHas,
  placeWordBefore,
  placeWordsOf,
  possessive,
  spaced,
  stemWordsOf,
  titleBefore,
  wordsOf,
} from './names-words';
import type { PiiCandidate } from './types';
import { foldString, wordHash } from './word-index';

/**
 * Emit the LOCATION candidates of `w` (after `tokenize` and `markCaps`); `lowerCase`: some word is in
 * lower-case writing (`w.lower`), where a known place right after a place cue is looked for too.
 * @internal
 *
 * @example
 * ```ts
 * scanPlaces(w, defaultGazetteer(), (c) => out.push(c));
 * ```
 */
export function scanPlaces(w: Words, g: Gazetteer, emit: (c: PiiCandidate) => void, lowerCase = false): void {
  if (lowerCase) lowerPlaces(w, g, emit);
  const text = w.text;
  const table = w.table;
  const count = w.n;
  const caps = w.caps;
  // The words before `next` belong to the last finding; `paired`: the word after the last place's
  // ", " is a known place too ("Victoria, Australia").
  let next = 0;
  let paired = -1;
  // The first and last word of the last place taken as one (a known place that is no name, or one a
  // cue, a pair or a list placed), -1 before any.
  let placedFrom = -1;
  let placedTo = -1;
  for (let c = 0; c < w.nCaps; c++) {
    const i = caps[c] as number;
    if (i < next) continue;
    const tStart = w.start[i] as number;
    const max = placeWordsOf(w, i, g.placeWords);
    if (max === undefined) {
      if (possessivePlace(w, g, i, emit)) {
        next = i + 1;
        continue;
      }
      const n = placeCue(w, i, g);
      if (n > 0) {
        emitName(
          w,
          {
            entity: 'LOCATION',
            start: tStart,
            end: w.end[i + n - 1] as number,
            score: 0.55,
            recognizer: 'names',
            context: PLACE_CONTEXT,
            contextBoost: 0.05,
          },
          emit,
        );
        placedFrom = i;
        placedTo = i + n - 1;
        next = i + n;
      }
      continue;
    }
    // Multi-word places: with a word table, the key's hash is extended word by word and the key is
    // built only when some place has that hash.
    let key = table === undefined ? lowerOf(w, i) : '';
    // The hash of the first word is `wordHash` of its lower-case form: `tokenize` has it for ASCII words.
    let h = table === undefined ? 0 : w.ascii[i] === 1 ? (w.hash[i] as number) : foldLowerOf(w, i, wordHash(''));
    let best = -1;
    // The place's last word carries a possessive "'s" ("San Francisco's City Hall"): the place ends before it.
    let owner = false;
    for (let n = 1; n <= max && i + n - 1 < count; n++) {
      if (n > 1) {
        const cur = i + n - 1;
        if (!adjacent(w, cur - 1, cur)) break;
        if (table !== undefined) {
          h = foldLowerOf(w, cur, foldString(h, ' '));
          if (w.cap[cur] === 1 && (table.hashFlags(h) & IN_PLACE) !== 0 && placeHas(w, g, joinLower(w, i, n))) best = n;
        } else {
          key += ` ${lowerOf(w, cur)}`;
          if (g.places.has(key) && w.cap[cur] === 1) best = n;
        }
        if (best !== n && w.cap[cur] === 1 && possessive(w, cur) && possessivePlaceHas(w, g, i, n)) {
          best = n;
          owner = true;
          break; // no place runs on past a possessive
        }
      } else if (inList(w, i, IN_PLACE, g.places)) best = 1; // word i is capitalized here
    }
    if (best < 0) continue;
    if (best === 1 && acronymPlace(w, i, w.end[i] as number) && !placedAcronym(w, g, i)) continue;
    // A place before a word that makes it part of a name is none: "America Online", "Utah State",
    // "Washington Post", "New York Times", "Berkeley Lab" (not after a possessive: "New York's Times Square").
    if (!owner && placeThingAfter(w, i + best - 1)) {
      next = i + best;
      continue;
    }
    if (owner) {
      emitName(w, placeCandidate(tStart, (w.end[i + best - 1] as number) - 2, 0.7), emit);
      next = i + best;
      continue;
    }
    const isName = best === 1 && (inList(w, i, IN_FIRST, g.firstNames) || inList(w, i, IN_LAST, g.lastNames));
    // A one-word place that is a name or a common English word ("Reading", "Union") is decided below: a
    // place after a place cue, next to another place, or with a place's context words.
    // A major place alone is the place ("I love London"), not a name that needs a cue.
    const major = isName && majorPlaceAlone(w, i);
    const weak = (isName && !major) || (best === 1 && (wordsOf(w, i) & W_COMMON_PLACE) !== 0);
    // After a place cue ("originally from Israel", "grew up in Florence") a name that is also a place is
    // the place.
    // "in", "near", "outside" or a point of the compass before a one-word place that is a name cues it too
    // ("met Sarah in Paris", "south-west London"; not "in Paris Hilton's", not "Northern Alliance").
    // Listed after a place ("in Georgia or Virginia", "from Florence to Georgia") it is a place too,
    // unless a capitalized word follows ("South America and Central America").
    // A common-word place right after a capitalized word that is no place is part of a name ("Iron Man",
    // "Pac Man"): none.
    if (best === 1 && commonAfterCapital(w, g, i)) {
      next = i + 1;
      continue;
    }
    const cued =
      weak &&
      (cueBefore(w, i) ||
        // A site's word after it ("Central Park", "Union Square"; names-facilities.ts).
        featureAfter(text, w.end[i + best - 1] as number) >= 0 ||
        (isName && placeWordBefore(w, i) && !capitalNext(w, i)) ||
        (placedTo >= 0 && !capitalNext(w, i) && listedAfterPlace(w, placedFrom, placedTo, i)));
    // Two known places with ", " between, "Victoria, Australia", "St. Petersburg, Florida": both are places.
    // Not two names ("Elizabeth, Anna" is a list of people as often as of towns).
    // A place before a US state code ("Austin, TX") is one too.
    let pair = i === paired || (weak && best === 1 && stateCodeAfter(text, w.end[i] as number));
    if (commaPlace(w, g, i + best) && !(isName && nameAt(w, g, i + best))) {
      pair = true;
      paired = i + best;
    }
    // A one-word place right after a given name that is no place is a family name ("Bill Nottingham",
    // "Mary Jo Foley"), unless a place cue comes first.
    if (best === 1 && !cued && familyAfterGiven(w, g, i)) continue;
    // A one-word place right after a title of office is a family name ("Senator Obama", "Rep. Foley").
    if (best === 1 && titleBefore(w, i)) continue;
    const score = weak && !cued && !pair ? 0.4 : best > 1 ? 0.7 : 0.6;
    if (weak && !cued && !pair && !hasContext(text, tStart, w.end[i] as number, PLACE_CONTEXT, 12, 0)) {
      continue; // a name that is also a place: leave it to the PERSON scan unless the context says place
    }
    emitName(w, placeCandidate(tStart, w.end[i + best - 1] as number, score), emit);
    if (score >= 0.6) {
      placedFrom = i;
      placedTo = i + best - 1;
    }
    next = i + best;
  }
}

/**
 * Word `i`, a one-word place that is a common English word (`W_COMMON_PLACE`), follows a capitalized word
 * after one space that is no place and no place's first word ("Iron Man"; not "Isle of Man").
 */
function commonAfterCapital(w: Words, g: Gazetteer, i: number): boolean {
  const prev = i - 1;
  return (
    prev >= 0 &&
    (wordsOf(w, i) & W_COMMON_PLACE) !== 0 &&
    w.cap[prev] === 1 &&
    spaced(w, prev, i) &&
    !inList(w, prev, IN_PLACE, g.places) &&
    placeWordsOf(w, prev, g.placeWords) === undefined
  );
}

/**
 * Word `i` comes next in a list after the place of words `from`..`to`: after ", ", " and ", " or ",
 * ", and " or ", or " ("in Georgia or Virginia"), or after " to " when "from" comes right before the
 * place ("from Florence to Georgia"); not before a verb only people do ("in Paris and Jordan shouted").
 */
function listedAfterPlace(w: Words, from: number, to: number, i: number): boolean {
  const text = w.text;
  const end = w.end[to] as number;
  const comma = text.charCodeAt(end) === 44;
  if (i === to + 1) {
    if (!comma || text.charCodeAt(end + 1) !== 32 || (w.start[i] as number) !== end + 2) return false;
  } else {
    const k = to + 1;
    if (i !== to + 2 || (w.start[k] as number) !== end + (comma ? 2 : 1) || !spaced(w, k, i)) return false;
    if (text.charCodeAt(comma ? end + 1 : end) !== 32) return false;
    const word = lowerOf(w, k);
    const joined =
      word === 'and' ||
      word === 'or' ||
      (word === 'to' && !comma && from > 0 && spaced(w, from - 1, from) && lowerOf(w, from - 1) === 'from');
    if (!joined) return false;
  }
  return !(i + 1 < w.n && adjacent(w, i, i + 1) && (wordsOf(w, i + 1) & W_HUMAN_VERB) !== 0);
}

/**
 * A known place of one word written with a possessive "'s" ("Berlin's museums"): the place, without the
 * "'s", decided as the word alone would be (a place that is also a name only with a place's context).
 */
function possessivePlace(w: Words, g: Gazetteer, i: number, emit: (c: PiiCandidate) => void): boolean {
  if (!possessive(w, i) || !inListStem(w, i, IN_PLACE, g.places)) return false;
  const start = w.start[i] as number;
  const end = (w.end[i] as number) - 2;
  if (acronymPlace(w, i, end) && !placedAcronym(w, g, i)) return false;
  const isName =
    inListStem(w, i, IN_FIRST, g.firstNames) ||
    inListStem(w, i, IN_LAST, g.lastNames) ||
    (stemWordsOf(w, i) & W_COMMON_PLACE) !== 0;
  const cued = isName && cueBefore(w, i);
  if (isName && !cued && !hasContext(w.text, start, end, PLACE_CONTEXT, 12, 0)) return false;
  emitName(w, placeCandidate(start, end, isName && !cued ? 0.4 : 0.6), emit);
  return true;
}

/**
 * Capitalized word `i` follows a capitalized given name that is no place, or any capitalized word after an
 * honorific or a title ("Dr. Barack Obama", "Sen. Barack Obama"), after one space (not a short word in
 * capitals such as the "R" of "09 R Cachoeira 112", not a word that is never a name).
 */
function familyAfterGiven(w: Words, g: Gazetteer, i: number): boolean {
  const prev = i - 1;
  return (
    prev >= 0 &&
    w.cap[prev] === 1 &&
    spaced(w, prev, i) &&
    ((w.small[prev] as number) & (W_SHORT | W_NOT_NAME)) === 0 &&
    ((inList(w, prev, IN_FIRST, g.firstNames) && !inList(w, prev, IN_PLACE, g.places)) ||
      honorificBefore(w.text, w.start[prev] as number) ||
      titleBefore(w, prev))
  );
}

/**
 * Words `i` .. `i + n - 1`, the last one without its possessive "'s", are a known place of n words
 * ("New York's", "Hong Kong’s").
 */
function possessivePlaceHas(w: Words, g: Gazetteer, i: number, n: number): boolean {
  const last = i + n - 1;
  const stem = w.text.slice(w.start[last] as number, (w.end[last] as number) - 2).toLowerCase();
  return placeHas(w, g, `${joinLower(w, i, n - 1)} ${stem}`);
}

/**
 * Countries, states and regions of four letters or fewer, read as places in capitals anywhere ("we flew
 * to PERU", "the USA at 59%").
 */
const CAPS_PLACES: ReadonlySet<string> = /* @__PURE__ */ new Set(
  'asia chad cuba fiji gaza goa guam iowa iran iraq laos mali niue ohio oman peru togo uae uk usa utah'.split(' '),
);

/** Nouns of places: one of them near a short word in capitals places it ("home city DOLE"). */
const PLACE_NOUNS: ReadonlySet<string> = /* @__PURE__ */ wordSet('city town village country capital province region');

/**
 * Word `i`, up to `end` (before a possessive "'s"), is a town of four letters or fewer written in capitals
 * after a word that is not: an acronym ("the default OSS driver", "flaky ATI drivers", "<!--LEDE ART-->",
 * "the UN's ranking"), unless it names a country, state or region (`CAPS_PLACES`).
 */
function acronymPlace(w: Words, i: number, end: number): boolean {
  const start = w.start[i] as number;
  if (end - start > 4 || i === 0 || allCaps(w, i - 1)) return false;
  const word = w.text.slice(start, end);
  return word === word.toUpperCase() && !CAPS_PLACES.has(word.toLowerCase());
}

/**
 * Where a short word in capitals that `acronymPlace` drops is the place: after a place cue or "in",
 * "near"... ("I am in ISE for a trip"), near a noun of places (`PLACE_NOUNS`: "home city DOLE"), before
 * ", " and a known place ("LIMA, Peru (Reuters)"), or alone on its line (an address block's town,
 * "Suite 598⏎ OSLO⏎ Bangladesh").
 */
function placedAcronym(w: Words, g: Gazetteer, i: number): boolean {
  if (cueBefore(w, i) || placeWordBefore(w, i) || commaPlace(w, g, i + 1)) return true;
  if (hasContext(w.text, w.start[i] as number, w.end[i] as number, PLACE_NOUNS, 12, 0)) return true;
  const text = w.text;
  let a = (w.start[i] as number) - 1;
  while (a >= 0 && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 9)) a--;
  if (a >= 0 && text.charCodeAt(a) !== 10) return false;
  let b = w.end[i] as number;
  while (b < text.length && (text.charCodeAt(b) === 32 || text.charCodeAt(b) === 9)) b++;
  return b === text.length || text.charCodeAt(b) === 10 || text.charCodeAt(b) === 13;
}

/** The capitalized word after word `k`, one space after it, makes the place a name's part (`W_PLACE_THING`). */
function placeThingAfter(w: Words, k: number): boolean {
  return capitalNext(w, k) && (wordsOf(w, k + 1) & W_PLACE_THING) !== 0;
}

/** A LOCATION candidate of a known place (context words raise it by 0.2). */
function placeCandidate(start: number, end: number, score: number): PiiCandidate {
  return { entity: 'LOCATION', start, end, score, recognizer: 'names', context: PLACE_CONTEXT, contextBoost: 0.2 };
}

/**
 * Word `k` follows the word before it after ", ", is capitalized, and is a known place or the first two
 * words of one.
 */
function commaPlace(w: Words, g: Gazetteer, k: number): boolean {
  if (k >= w.n || w.cap[k] === 0) return false;
  const end = w.end[k - 1] as number;
  if ((w.start[k] as number) !== end + 2 || w.text.charCodeAt(end) !== 44 || w.text.charCodeAt(end + 1) !== 32)
    return false;
  const max = placeWordsOf(w, k, g.placeWords);
  if (max === undefined) return false;
  if (inList(w, k, IN_PLACE, g.places)) return true;
  return max > 1 && k + 1 < w.n && w.cap[k + 1] === 1 && adjacent(w, k, k + 1) && placeHas(w, g, joinLower(w, k, 2));
}

/** Word `k` is a given or family name. */
function nameAt(w: Words, g: Gazetteer, k: number): boolean {
  return inList(w, k, IN_FIRST, g.firstNames) || inList(w, k, IN_LAST, g.lastNames);
}

/** A place cue such as "grew up in " ends right before word `i`. */
function cueBefore(w: Words, i: number): boolean {
  return i > 0 && (wordsOf(w, i - 1) & W_CUE_END) !== 0 && cueEndsAt(w.text, w.start[i] as number);
}

/** Number of capitalized words (1-3) after a place cue such as "grew up in", or 0. */
function placeCue(w: Words, i: number, g: Gazetteer): number {
  if (!cueBefore(w, i)) return 0;
  if (inList(w, i, IN_FIRST, g.firstNames) || (wordsOf(w, i) & W_NOT_NAME) !== 0) return 0;
  let n = 1;
  while (n < 3 && i + n < w.n) {
    const next = i + n;
    if (w.cap[next] === 0 || !adjacent(w, next - 1, next)) break;
    n++;
  }
  return n;
}

/**
 * In lower-case writing: the longest known place (of lower-case words) right after a place cue, "grew up
 * in grasse", "arrived at bauru" (without capitals, a known place alone is too often a word or a name).
 */
function lowerPlaces(w: Words, g: Gazetteer, emit: (c: PiiCandidate) => void): void {
  const count = w.n;
  for (let i = 1; i < count; i++) {
    if (w.lower[i] === 0 || w.cap[i] === 1 || !cueBefore(w, i)) continue;
    const max = placeWordsOf(w, i, g.placeWords);
    if (max === undefined) continue;
    let best = inList(w, i, IN_PLACE, g.places) ? 1 : 0;
    for (let n = 2; n <= max && i + n - 1 < count; n++) {
      const cur = i + n - 1;
      if (w.cap[cur] === 1 || !adjacent(w, cur - 1, cur)) break;
      if (placeHas(w, g, joinLower(w, i, n))) best = n;
    }
    if (best === 0) continue;
    emitName(w, placeCandidate(w.start[i] as number, w.end[i + best - 1] as number, 0.6), emit);
    i += best - 1;
  }
}
