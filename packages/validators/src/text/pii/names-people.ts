/**
 * The PERSON scan of the PERSON/LOCATION recognizer: a capitalized word that is a given or family name,
 * or follows a name cue ("my name is", "Name:", "called", an honorific), extended over adjacent
 * capitalized words and name particles ("van der", "de la"); in text written without capitals, only a
 * given name followed by a family name ("roberto yamamura"). Scores: two or more words with a known
 * name 0.85, a given name alone 0.6, a cued word 0.55, a family name alone 0.4; less when the word is
 * also a place, more after an honorific. A name that is also a common English word ("Read", "Link") or a
 * lone word in capitals ("FREE") needs a known name after it or a cue; the second word of a known place
 * ("York" of "New York Times") starts no name; a noun that heads a thing's name after a given name leaves
 * no person ("Roman Empire"); a place that is also a name is the place before a US state code or alone
 * after "in", "near", "outside" or a point of the compass ("Austin, TX", "met Sarah in Paris").
 */
import { type Gazetteer, IN_FIRST, IN_LAST, IN_PLACE } from './gazetteer';
import {
  ABBREVIATED_SUFFIXES,
  CUE_STOPS,
  honorificBefore,
  NAME_SUFFIXES,
  NOT_SURNAMES,
  PERSON_CONTEXT,
  SELF_CUE_STOPS,
  stateCodeAfter,
  W_COMMON,
  W_GREETING,
  W_HONORIFIC,
  W_IS,
  W_NAME,
  W_NAME_CUE,
  W_NOT_NAME,
  W_OBJECT,
  W_PARTICLE,
  W_PLACE_THING,
  W_SHORT,
  W_THING,
  W_VOCATIVE,
  W_WEAK_CUE,
} from './names-lists';
import { emitName } from './names-streets';
import type { Words } from './names-tokens';
import { nameLineEnd, namingBefore, personalNounAfter, verbCue } from './names-verb-cues';
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
 * Emit the PERSON candidates of `w` (after `tokenize`, `markLowerCase` and `markCaps`); `lowerCase`:
 * some word that is not capitalized is in lower-case writing (`w.lower`), where lower-case given +
 * family names are looked for too.
 * @internal
 *
 * @example
 * ```ts
 * scanPeople(w, defaultGazetteer(), (c) => out.push(c), false);
 * ```
 */
export function scanPeople(w: Words, g: Gazetteer, emit: (c: PiiCandidate) => void, lowerCase: boolean): void {
  if (!lowerCase) {
    // Lower-case names right after a cue ("Hi john", "My name is john"): every such cue is a capitalized
    // cue word (counted by `markCaps`) or the word "name" or "named" that is not capitalized.
    if (w.nCues > 0 || hasNameWord(w)) {
      scanCapsCued(w, g, emit);
      return;
    }
    // Only the words kept by `markCaps` can start a finding: skip the others without looking at them.
    const caps = w.caps;
    let next = 0;
    for (let c = 0; c < w.nCaps; c++) {
      const i = caps[c] as number;
      if (i < next || ((w.small[i] as number) & (W_PARTICLE | W_HONORIFIC)) !== 0) continue;
      next = personAt(w, g, emit, i) + 1;
    }
    return;
  }
  const count = w.n;
  for (let i = 0; i < count; i++) {
    if (w.cap[i] === 0) {
      if (w.lower[i] !== 1) {
        // In capitalized writing, as above.
        if (i > 0) cuedName(w, g, emit, i, false);
        continue;
      }
      // Lower-case writing: a given name followed by a known family name ("roberto yamamura"). The
      // checks are those of the capitalized case and the pair's, cheapest first (none has an effect).
      const next = i + 1;
      if (
        next < count &&
        w.cap[next] === 0 &&
        adjacent(w, i, next) &&
        // Not a given name that is a common English word ("mark brown", "will smith").
        (wordsOf(w, i) & (W_PARTICLE | W_HONORIFIC | W_NOT_NAME | W_COMMON)) === 0 &&
        inList(w, i, IN_FIRST, g.firstNames) &&
        inList(w, next, IN_LAST, g.lastNames)
      ) {
        // After a cue ("hi john smith"), as a cued given name alone ("hi john").
        const score = i > 0 && lowerCue(w, i) !== NO_CUE ? 0.6 : 0.5;
        emitName(w, lowerPerson(w.start[i] as number, w.end[next] as number, score), emit);
        i++;
        continue;
      }
      // A given name and one more word alone on their line ("jared paavolainen" above an address).
      const lineEnd = nameLineEnd(w, g, i);
      if (lineEnd >= 0) {
        emitName(w, lowerPerson(w.start[i] as number, lineEnd, 0.5), emit);
        i++;
      } else if (i > 0) cuedName(w, g, emit, i, true);
      continue;
    }
    if ((wordsOf(w, i) & (W_PARTICLE | W_HONORIFIC | W_NOT_NAME)) !== 0) continue;
    if (((w.small[i] as number) & W_SHORT) !== 0) continue;
    i = personAt(w, g, emit, i);
  }
}

/**
 * `scanPeople` in capitalized writing with a cue: the capitalized words kept by `markCaps`, and between
 * them, in text order, the lower-case words right after a cue (`cuedName`).
 */
function scanCapsCued(w: Words, g: Gazetteer, emit: (c: PiiCandidate) => void): void {
  // Gazetteer answers of the words that are not capitalized were not asked yet (`Words.found`).
  if (w.table !== undefined) for (let i = 0; i < w.n; i++) if (w.cap[i] === 0) w.found[i] = -1;
  let low = 1;
  const caps = w.caps;
  let next = 0;
  for (let c = 0; c < w.nCaps; c++) {
    const i = caps[c] as number;
    for (; low < i; low++) if (w.cap[low] === 0) cuedName(w, g, emit, low, false);
    if (i < next || ((w.small[i] as number) & (W_PARTICLE | W_HONORIFIC)) !== 0) continue;
    next = personAt(w, g, emit, i) + 1;
  }
  for (; low < w.n; low++) if (w.cap[low] === 0) cuedName(w, g, emit, low, false);
}

/** The PERSON scan at capitalized word `i` (kept by `markCaps`): the last word it used (`i` when none). */
function personAt(w: Words, g: Gazetteer, emit: (c: PiiCandidate) => void, i: number): number {
  const count = w.n;
  if (possessive(w, i)) return possessiveAt(w, g, emit, i);
  // The second word of a place ("York" of "New York Times", "Jose" of "San Jose Mercury") starts no name.
  if (i > 0 && w.cap[i - 1] === 1 && adjacent(w, i - 1, i) && placePair(w, g, i - 1)) return i;
  // A name that is also a common English word ("Read", "Link") or written in capitals ("FREE", "TOP")
  // counts as one only before a known name ("Grant Smith", "JOHN SMITH").
  const weak = weakName(w, i) && !knownNameNext(w, g, i);
  const first = !weak && inList(w, i, IN_FIRST, g.firstNames);
  const lastOnly = !first && !weak && inList(w, i, IN_LAST, g.lastNames);
  // A cue makes an unknown word a name, and raises a known family name alone ("says Lugo").
  // After a title of office ("Senator Obama", "Sen. Barack Obama"; asked once, read below).
  const titled = titleBefore(w, i);
  // An honorific before lower-case particles names what follows them ("Mr de Vries", "Herr von Weizsäcker").
  const particled = honorificParticles(w, i);
  const cued =
    !first &&
    (cueBefore(w, i) || verbCue(w, i) || (titled && titledName(w, g, i)) || particled >= 0) &&
    !CUE_STOPS.has(lowerOf(w, i));
  if (!first && !lastOnly && !cued) return i;
  // A title before a capitalized word is the title, not the start of a name ("Judge" of "Judge Judy").
  if (i + 1 < count && w.cap[i + 1] === 1 && titleBefore(w, i + 1)) return i;
  // An unknown word in capitals after a cue in mixed-case writing is an acronym ("said MSNBC", "called
  // SPAM"), not a name.
  if (!first && !lastOnly && acronymAt(w, g, i)) return i;
  // A place that is also a name, before a US state code or alone after "in", "near", "outside" or a point
  // of the compass, is the place ("Austin, TX", "met Sarah in Paris", "south-west London").
  if (
    (stateCodeAfter(w.text, w.end[i] as number) || (placeWordBefore(w, i) && !capitalNext(w, i))) &&
    inList(w, i, IN_PLACE, g.places)
  )
    return i;
  // A major place alone, without a cue, is the place ("I love London"; not "Paris Hilton", "Hi Paris").
  if (majorPlaceAlone(w, i) && !cueBefore(w, i) && !verbCue(w, i)) return i;
  // A name between a determiner and a lower-case noun that heads a thing's name is the thing's ("the
  // Lewis structure", "the Turing test", "a Doppler effect").
  if (thingAfterDeterminer(w, i)) return i;
  // Extend over capitalized words (and name particles followed by one) separated by single spaces.
  let j = i;
  let known = 0;
  let unknown = 0;
  while (j + 1 < count && j - i < 4 && !possessive(w, j)) {
    const next = j + 1;
    // A period ends the name ("I met Ann. She..."), unless it ends an initial ("John F. Kennedy").
    if (!adjacent(w, j, next) || (periodAfter(w, j) && !isInitial(w, j))) break;
    // A noun that heads the name of a thing: "Roman Empire", "Ivy League", "Berkeley Lab" are no people;
    // after two words or more it ends the name ("Bharat Mediratta Gallery").
    if (w.cap[next] === 1 && (wordsOf(w, next) & W_THING) !== 0 && !inList(w, next, IN_LAST, g.lastNames)) {
      if (j === i) return next;
      break;
    }
    // A known place before a word that makes it a newspaper's, firm's or team's name is no person either,
    // family name or not ("The Washington Post", "Houston Chronicle").
    if (j === i && w.cap[next] === 1 && (wordsOf(w, next) & W_PLACE_THING) !== 0 && inList(w, i, IN_PLACE, g.places))
      return next;
    if (isInitial(w, next) && next + 1 < count && w.cap[next + 1] === 1 && adjacent(w, next, next + 1)) {
      j = next;
      continue;
    }
    if (
      w.cap[next] === 1 &&
      (wordsOf(w, next) & (W_HONORIFIC | W_NOT_NAME | W_SHORT)) === 0 &&
      !particleBefore(w, next)
    ) {
      const isKnown = inList(w, next, IN_LAST, g.lastNames) || inList(w, next, IN_FIRST, g.firstNames);
      // An unknown word that is a place ends the name, unless it follows a given name that is no place
      // ("Christopher Hobbs", "Jason Hoover": a family name that is also a town).
      if (
        !isKnown &&
        (unknown > 0 || (inList(w, next, IN_PLACE, g.places) && !familyPlace(w, g, i, j, first || titled)))
      )
        break;
      j++;
      if (isKnown) known++;
      else unknown++;
      continue;
    }
    // Name particles: "van der Voet", "de la Cruz", capitalized too ("Dick Van Dyke", "Lana Del Rey").
    let k = j + 1;
    while (k < count && k - j <= 2 && (wordsOf(w, k) & W_PARTICLE) !== 0 && adjacent(w, k - 1, k)) k++;
    // Not over to a word that is no name ("Hasta el Viernes", "Hasta el Monday" were one PERSON).
    if (k > j + 1 && k < count && w.cap[k] === 1 && adjacent(w, k - 1, k) && (wordsOf(w, k) & W_NOT_NAME) === 0) {
      j = k;
      continue;
    }
    break;
  }
  while (j > i && isInitial(w, j)) j--; // the name does not end on an initial
  const words = j - i + 1;
  let score: number;
  if (words > 1) {
    score = first || known > 0 ? 0.85 : 0.6;
    // Two words that together are a known place ("Marshall Islands", "Virginia Beach", "Costa Rica"),
    // names or not: as likely a place as a person, so the place's score (0.7) wins unless context says
    // person.
    if (j === i + 1 && placePair(w, g, i)) score = 0.6;
  } else if (first) score = 0.6;
  else score = cued ? 0.55 : 0.4;
  // After a title of office ("Senator Obama", "Gov. Romney") a word is a name as after an honorific (0.1
  // more, `personCandidate`), a place or not.
  if (words === 1 && inList(w, i, IN_PLACE, g.places) && !titled) score -= 0.1;
  if (titled) score = Math.max(score, 0.55) + 0.1;
  const end = possessive(w, j) ? (w.end[j] as number) - 2 : words > 1 ? suffixEnd(w, j) : (w.end[j] as number);
  const start = (particled >= 0 ? w.start[particled] : w.start[i]) as number;
  emitName(w, personCandidate(w, start, end, score), emit);
  return j;
}

/**
 * The first of one or two lower-case name particles between an honorific and capitalized word `i`, one
 * space apart ("Mr de Vries", "Herr von Weizsäcker", "Mevrouw van der Berg": the name starts at the
 * particle), or -1.
 */
function honorificParticles(w: Words, i: number): number {
  let p = i - 1;
  while (p >= 0 && i - p <= 2 && w.cap[p] === 0 && (wordsOf(w, p) & W_PARTICLE) !== 0 && adjacent(w, p, p + 1)) p--;
  const first = p + 1;
  if (first === i || p < 0 || (wordsOf(w, p) & W_HONORIFIC) === 0) return -1;
  return cueGap(w, p, first, true) ? first : -1;
}

/**
 * Capitalized word `k` is a name particle with a capitalized word after it, one space on ("Van" of "Dick
 * Van Dyke"): the particle rule reads both, as it reads "van Dyke"; counted as a word of its own, an
 * unknown particle let no unknown family name follow.
 */
function particleBefore(w: Words, k: number): boolean {
  return (wordsOf(w, k) & W_PARTICLE) !== 0 && k + 1 < w.n && w.cap[k + 1] === 1 && adjacent(w, k, k + 1);
}

/**
 * Capitalized word `i`'s reading as a name is weak: the word is a common English word or a product's name
 * (`COMMON_NAMES`), or it is written in capitals (3 units or more; shorter ones are `W_SHORT`) and no
 * capitalized word follows it after one space, as shouting and acronyms are ("FREE", "RAM"; not "STEVE
 * KOVSKY"). A weak word is a given or family name only before a known name (`knownNameNext`) or after a
 * cue.
 */
function weakName(w: Words, i: number): boolean {
  return (wordsOf(w, i) & W_COMMON) !== 0 || (allCaps(w, i) && !capitalNext(w, i));
}

/**
 * Word `i`, after a title of office (`titleBefore`), is a name there: a known place ("Senator Obama"), or
 * an unknown word before a known family name or place ("Sen. Barack Obama"), not in capitals. An unknown
 * word alone after a title is a headline's verb or a thing as often ("Judge Rules Against", "Judge
 * Dismisses", "Sergeant Mode").
 */
function titledName(w: Words, g: Gazetteer, i: number): boolean {
  if (allCaps(w, i)) return false;
  if (inList(w, i, IN_PLACE, g.places)) return true;
  const next = i + 1;
  return nameWordNext(w, i) && (inList(w, next, IN_LAST, g.lastNames) || inList(w, next, IN_PLACE, g.places));
}

/** The word after `i` follows it after one space, is capitalized, and is a known family or given name. */
function knownNameNext(w: Words, g: Gazetteer, i: number): boolean {
  const next = i + 1;
  return nameWordNext(w, i) && (inList(w, next, IN_LAST, g.lastNames) || inList(w, next, IN_FIRST, g.firstNames));
}

/** The word after `i` follows it after one space, is capitalized, and is no honorific, list word or short capitals. */
function nameWordNext(w: Words, i: number): boolean {
  const next = i + 1;
  return (
    next < w.n &&
    w.cap[next] === 1 &&
    spaced(w, i, next) &&
    (wordsOf(w, next) & (W_HONORIFIC | W_NOT_NAME | W_SHORT)) === 0
  );
}

/** A PERSON candidate of the names scans (context words raise it by 0.2). */
function lowerPerson(start: number, end: number, score: number): PiiCandidate {
  return { entity: 'PERSON', start, end, score, recognizer: 'names', context: PERSON_CONTEXT, contextBoost: 0.2 };
}

/** A PERSON candidate of the capitalized scan; 0.1 more after an honorific. */
function personCandidate(w: Words, start: number, end: number, score: number): PiiCandidate {
  return lowerPerson(start, end, honorificBefore(w.text, start) ? score + 0.1 : score);
}

/** Word `i` follows word `prev` after " " or ", " (a greeting's name is on its line). */
function greetingGap(w: Words, prev: number, i: number): boolean {
  const end = w.end[prev] as number;
  const gap = (w.start[i] as number) - end;
  const c = w.text.charCodeAt(end);
  return gap === 1 ? c === 32 : gap === 2 && c === 44 && w.text.charCodeAt(end + 1) === 32;
}

/**
 * `personAt` at a capitalized possessive word ("Liam's"): the word without its "'s" is looked up and
 * scored as a name of one word (the name ends at the "'s"); the word itself is returned.
 */
function possessiveAt(w: Words, g: Gazetteer, emit: (c: PiiCandidate) => void, i: number): number {
  if ((stemWordsOf(w, i) & (W_NOT_NAME | W_HONORIFIC | W_PARTICLE)) !== 0) return i;
  const first = inListStem(w, i, IN_FIRST, g.firstNames);
  const lastOnly = !first && inListStem(w, i, IN_LAST, g.lastNames);
  const cued = !first && (cueBefore(w, i) || personalNounAfter(w, i)) && !CUE_STOPS.has(lowerOf(w, i).slice(0, -2));
  if (!first && !lastOnly && !cued) return i;
  let score = first ? 0.6 : cued ? 0.55 : 0.4;
  if (inListStem(w, i, IN_PLACE, g.places)) score -= 0.1;
  emitName(w, personCandidate(w, w.start[i] as number, (w.end[i] as number) - 2, score), emit);
  return i;
}

/** `lowerCue`: no cue. */
const NO_CUE = 0;
/** `lowerCue`: a greeting ("hi", "thank you"): a given name after it is a person. */
const GREETING_CUE = 1;
/** `lowerCue`: a name cue ("my name is", "name:", "called", "mr"): a given or family name after it is. */
const NAME_CUE_ = 2;
/**
 * `lowerCue`: a self-introduction ("i'm", "i am", "im", "this is", "it's", "its"): a given name after it
 * is a person unless it is a common word (`W_COMMON`, `SELF_CUE_STOPS`: "i am frank", "i'm sure").
 */
const SELF_CUE = 3;

/** `wordHash` of "name" and "named": a cue of `capCue` without a capitalized cue word has one of them. */
const NAME_HASH = /* @__PURE__ */ wordHash('name');
const NAMED_HASH = /* @__PURE__ */ wordHash('named');

/** Some word that is not capitalized is "name" or "named" (ASCII words carry their lower-case hash). */
function hasNameWord(w: Words): boolean {
  for (let i = 0; i < w.n; i++) {
    if (w.cap[i] === 0 && w.ascii[i] === 1) {
      const h = w.hash[i] as number;
      if ((h === NAME_HASH || h === NAMED_HASH) && (isWord(w, i, 'name') || isWord(w, i, 'named'))) return true;
    }
  }
  return false;
}

/**
 * A lone known lower-case name right after a cue (`lowerCue` or `capCue`): a given name after
 * a greeting or a name cue ("hi petra", "my name is roberto"), a family name after a name cue ("mr
 * smith"). A given name takes a known family name after it (in lower-case writing that pair was tried
 * before) or an unknown one that ends the sentence; forms of address are not names ("hey man").
 * `lowerWriting`: word `i` is in lower-case writing (`w.lower`), else in capitalized writing.
 */
function cuedName(w: Words, g: Gazetteer, emit: (c: PiiCandidate) => void, i: number, lowerWriting: boolean): void {
  // Cheapest first: in capitalized writing the cue (no lookup), in lower-case writing the word (its
  // gazetteer answers are mostly asked already by the pair check).
  let cue = lowerWriting ? NO_CUE : capCue(w, i);
  if (!lowerWriting && cue === NO_CUE) return;
  const given = inList(w, i, IN_FIRST, g.firstNames);
  if (!given && !inList(w, i, IN_LAST, g.lastNames)) return;
  if (lowerWriting) cue = lowerCue(w, i);
  if (cue === NO_CUE || (!given && cue !== NAME_CUE_)) return;
  if (cue === SELF_CUE && ((wordsOf(w, i) & W_COMMON) !== 0 || SELF_CUE_STOPS.has(lowerOf(w, i)))) return;
  if ((wordsOf(w, i) & (W_PARTICLE | W_HONORIFIC | W_NOT_NAME | W_VOCATIVE)) !== 0) return;
  let end = w.end[i] as number;
  if (given) {
    const next = i + 1;
    // In lower-case writing the next word may be any known name that is no common word, in the middle
    // of a sentence too ("my name is sarah connor and …": "connor" is a given name of the lists).
    const pair = lowerWriting
      ? nameWordAfter(w, i, true, W_COMMON) &&
        (inList(w, next, IN_LAST, g.lastNames) || inList(w, next, IN_FIRST, g.firstNames))
      : next < w.n && w.cap[next] === 0 && adjacent(w, i, next) && inList(w, next, IN_LAST, g.lastNames);
    end = pair ? (w.end[next] as number) : unknownSurnameEnd(w, i, lowerWriting);
  } else end = givenNameAfter(w, g, i, lowerWriting);
  emitName(
    w,
    {
      entity: 'PERSON',
      start: w.start[i] as number,
      end,
      score: given ? 0.6 : 0.55,
      recognizer: 'names',
      context: PERSON_CONTEXT,
      contextBoost: 0.2,
    },
    emit,
  );
}

/**
 * The end of cued family name `i` over the known given name after it, the order of Chinese, Korean,
 * Vietnamese and Hungarian names and of forms ("my name is li wei", "mr kim min-jun"; since stop 46, "li"
 * alone before): the next word is not capitalized (and in lower-case writing when `lowerWriting`), follows
 * after one space, is a given name of the list and no common word ("mr zhang read the letter": "read" is a
 * given name and a common word), particle, honorific, greeting or form of address.
 */
function givenNameAfter(w: Words, g: Gazetteer, i: number, lowerWriting: boolean): number {
  const next = i + 1;
  if (!nameWordAfter(w, i, lowerWriting, W_COMMON) || !inList(w, next, IN_FIRST, g.firstNames))
    return w.end[i] as number;
  return w.end[next] as number;
}

/**
 * Whether the word after `i` may continue a cued name: it follows after one space, is not capitalized
 * (and is in lower-case writing when `lowerWriting`), has none of the `also` flags, and is no particle,
 * honorific, greeting, form of address, word that is no name, or word of `NOT_SURNAMES`.
 */
function nameWordAfter(w: Words, i: number, lowerWriting: boolean, also: number): boolean {
  const next = i + 1;
  if (next >= w.n || w.cap[next] === 1 || (lowerWriting && w.lower[next] !== 1) || !adjacent(w, i, next)) return false;
  const bad = also | W_PARTICLE | W_HONORIFIC | W_NOT_NAME | W_GREETING | W_VOCATIVE;
  return (wordsOf(w, next) & bad) === 0 && !NOT_SURNAMES.has(lowerOf(w, next));
}

/**
 * The end of cued given name `i` over an unknown family name: the next word, when it is not capitalized
 * (and in lower-case writing when `lowerWriting`), follows after one space and ends the sentence or the text ("my name is janice beneventi.",
 * "name roberto yamamura"), and is no particle, honorific, greeting or common word (`NOT_SURNAMES`).
 */
function unknownSurnameEnd(w: Words, i: number, lowerWriting: boolean): number {
  const end = w.end[i] as number;
  if (!nameWordAfter(w, i, lowerWriting, 0)) return end;
  const after = w.end[i + 1] as number;
  return after < w.text.length && !endsSentence(w.text.charCodeAt(after)) ? end : after;
}

/** `.` `,` `!` `?` `;` `:` `)` `"`, a line break or a carriage return: what may follow the last word of a sentence. */
function endsSentence(c: number): boolean {
  return (
    c === 46 || c === 44 || c === 33 || c === 63 || c === 59 || c === 58 || c === 41 || c === 34 || c === 10 || c === 13
  );
}

/**
 * The cue before lower-case word `i` (`i > 0`): `cueBefore`'s name cues but "i'm" and "am" ("i'm sure",
 * "i am frank"), a naming verb and an object pronoun ("call me anna"), or a greeting, "thank you"
 * included; at most 3 units before the word.
 */
function lowerCue(w: Words, i: number): number {
  const prev = i - 1;
  if ((w.start[i] as number) - (w.end[prev] as number) > 3) return NO_CUE;
  const f = wordsOf(w, prev);
  if ((f & W_GREETING) !== 0) return GREETING_CUE;
  if ((f & W_IS) !== 0) {
    if (i >= 2 && (wordsOf(w, i - 2) & W_NAME) !== 0) return NAME_CUE_;
    // "this is sarah": the two words one space apart.
    return i >= 2 && isWord(w, i - 2, 'this') && spaced(w, i - 2, prev) ? SELF_CUE : NO_CUE;
  }
  if ((f & W_HONORIFIC) !== 0 || ((f & W_NAME) !== 0 && w.text.charCodeAt(w.end[prev] as number) === 58)) {
    return cueGap(w, prev, i, (f & W_HONORIFIC) !== 0) ? NAME_CUE_ : NO_CUE;
  }
  if ((f & W_NAME_CUE) !== 0) {
    const cue = lowerOf(w, prev);
    if (!cueGap(w, prev, i, false)) return NO_CUE;
    if (cue === "i'm") return SELF_CUE;
    if (cue === 'am') return i >= 2 && isWord(w, i - 2, 'i') && spaced(w, i - 2, prev) ? SELF_CUE : NO_CUE;
    return NAME_CUE_;
  }
  if ((isWord(w, prev, 'im') || isWord(w, prev, "it's") || isWord(w, prev, 'its')) && cueGap(w, prev, i, false)) {
    return SELF_CUE;
  }
  // "call me anna", "named him joshua"
  if ((f & W_OBJECT) !== 0) return namingBefore(w, prev) ? NAME_CUE_ : NO_CUE;
  // "thank you anna"
  if (i >= 2 && isWord(w, prev, 'you') && (wordsOf(w, i - 2) & W_GREETING) !== 0) return GREETING_CUE;
  return NO_CUE;
}

/**
 * The cue before lower-case word `i` (`i > 0`) in capitalized writing: a capitalized greeting, honorific
 * or name cue but "I'm" and "Am" ("Hi john", "Mr smith", "Called john"), "Thank you", or "name", "named",
 * "name is" in any case ("My name is john"); at most 3 units before the word.
 */
function capCue(w: Words, i: number): number {
  const prev = i - 1;
  if ((w.start[i] as number) - (w.end[prev] as number) > 3) return NO_CUE;
  if (w.cap[prev] === 1) {
    const f = w.small[prev] as number;
    if ((f & W_GREETING) !== 0) return GREETING_CUE;
    if ((f & W_IS) !== 0) return i >= 2 && isWord(w, i - 2, 'name') ? NAME_CUE_ : NO_CUE;
    if ((f & W_HONORIFIC) !== 0) return cueGap(w, prev, i, true) ? NAME_CUE_ : NO_CUE;
    if ((f & W_NAME_CUE) !== 0) {
      const cue = lowerOf(w, prev);
      return cue === "i'm" || cue === 'am' || !cueGap(w, prev, i, false) ? NO_CUE : NAME_CUE_;
    }
    return NO_CUE;
  }
  if (isWord(w, prev, 'is')) return i >= 2 && isWord(w, i - 2, 'name') ? NAME_CUE_ : NO_CUE;
  if (isWord(w, prev, 'name') || isWord(w, prev, 'named')) return cueGap(w, prev, i, false) ? NAME_CUE_ : NO_CUE;
  if (i >= 2 && isWord(w, prev, 'you') && w.cap[i - 2] === 1 && ((w.small[i - 2] as number) & W_GREETING) !== 0) {
    return GREETING_CUE;
  }
  return NO_CUE;
}

/** Word `i` is `lower` (lower-case ASCII letters) in any case of ASCII letters. */
function isWord(w: Words, i: number, lower: string): boolean {
  const s = w.start[i] as number;
  if ((w.end[i] as number) - s !== lower.length) return false;
  const t = w.text;
  for (let k = 0; k < lower.length; k++) if ((t.charCodeAt(s + k) | 32) !== lower.charCodeAt(k)) return false;
  return true;
}

/**
 * Word `i` is an acronym: written in capitals after a word that is not ("said MSNBC", "called SPAM";
 * "MY NAME IS ADLAN" is a text in capitals), in no name list ("he said SMITH" is a name), and not after
 * a cue that names ("my name is ADLAN", "Name: ADLAN", "i am ADLAN", "Mr. OKONKWO"). A single capital
 * never gets here (initials are no names of their own).
 */
function acronymAt(w: Words, g: Gazetteer, i: number): boolean {
  if (i === 0 || !allCaps(w, i) || allCaps(w, i - 1)) return false;
  const prev = i - 1;
  if ((wordsOf(w, prev) & (W_IS | W_HONORIFIC)) !== 0 || w.text.charCodeAt(w.end[prev] as number) === 58) return false;
  if (isWord(w, prev, 'am') || isWord(w, prev, "i'm")) return false;
  return !inList(w, i, IN_FIRST, g.firstNames) && !inList(w, i, IN_LAST, g.lastNames);
}

/** "my name is X", "Name: X", "called X". */
function cueBefore(w: Words, i: number): boolean {
  if (i === 0) return false;
  const prev = i - 1;
  if ((w.start[i] as number) - (w.end[prev] as number) > 3) return false;
  const f = wordsOf(w, prev);
  if ((f & W_IS) !== 0) return i >= 2 && (wordsOf(w, i - 2) & W_NAME) !== 0;
  // After a greeting on the same line ("Hi Heiðbrá,", "Hello, Sisko"), unless the word is a form of
  // address ("Hi Team", "Hello World").
  if ((f & W_GREETING) !== 0) return greetingGap(w, prev, i) && (wordsOf(w, i) & W_VOCATIVE) === 0;
  const cue = (f & (W_NAME_CUE | W_HONORIFIC)) !== 0 || ((f & W_NAME) !== 0 && w.text[w.end[prev] as number] === ':');
  return (
    cue &&
    cueGap(w, prev, i, (f & W_HONORIFIC) !== 0) &&
    !((f & W_WEAK_CUE) !== 0 && isWord(w, prev, 'am') && clockBefore(w, prev))
  );
}

/**
 * The units between cue word `prev` and word `i` let the cue name it: no "=" (`name="top"` is an
 * attribute), after a name cue no end of a sentence, bracket or cell (`CUE_BREAKS`), and after an
 * honorific (`honorific`) nothing but white space with one line break at most and periods ("Ms. Ada", "Dr.⏎Richerson"; not the font list "Comic Sans MS, Trebuchet", not "Mrs.⏎⏎Art
 * is"), and not after "MS" in capitals without a period ("MS Word").
 */
function cueGap(w: Words, prev: number, i: number, honorific: boolean): boolean {
  const text = w.text;
  // "MS" in capitals and without a period is Microsoft, a manuscript or a disease far more often than
  // "Ms" ("MS Outlook", "MS Word").
  if (honorific && msCaps(text, w.start[prev] as number, w.end[prev] as number)) return false;
  let breaks = 0;
  for (let k = w.end[prev] as number; k < (w.start[i] as number); k++) {
    const c = text.charCodeAt(k);
    if (c === 61 || (honorific && c !== 32 && c !== 46 && c !== 10 && c !== 13 && c !== 9)) return false;
    // After a name cue, no end of a sentence or of a bracket or cell ("Tracey said. \"As we", "[Company
    // name] Job:", "| Column Name | Type |").
    if (!honorific && c < 128 && CUE_BREAKS[c] === 1) return false;
    // After an honorific, one line break at most: "Mrs.⏎⏎Art is sure nice" names nobody.
    if (c === 10 && honorific && ++breaks > 1) return false;
  }
  return true;
}

/**
 * ASCII units that end a sentence, a bracket or a table cell: no name cue reaches past one (`cueGap`). Not
 * "?": "What's your name? April Martin" (Presidio's texts).
 */
const CUE_BREAKS: Uint8Array = /* @__PURE__ */ (() => {
  const t = new Uint8Array(128);
  for (const c of '.!)]}|>/;') t[c.charCodeAt(0)] = 1;
  return t;
})();

/** `[start, end)` is "MS" and no period follows it. */
function msCaps(text: string, start: number, end: number): boolean {
  return (
    end - start === 2 &&
    text.charCodeAt(start) === 77 &&
    text.charCodeAt(start + 1) === 83 &&
    text.charCodeAt(end) !== 46
  );
}

/** A digit right before word `prev`, or before the one space before it: "am" of a time ("11:46 AM"). */
function clockBefore(w: Words, prev: number): boolean {
  const start = w.start[prev] as number;
  const before = start >= 2 && w.text.charCodeAt(start - 1) === 32 ? start - 2 : start - 1;
  const c = w.text.charCodeAt(before);
  return c >= 48 && c <= 57;
}

/** Words `i` and `i + 1` together are a place of the gazetteer (hashed first when it has a word table). */
function placePair(w: Words, g: Gazetteer, i: number): boolean {
  const table = w.table;
  if (table !== undefined) {
    const first = w.ascii[i] === 1 ? (w.hash[i] as number) : foldLowerOf(w, i, wordHash(''));
    if ((table.hashFlags(foldLowerOf(w, i + 1, foldString(first, ' '))) & IN_PLACE) === 0) return false;
  }
  return placeHas(w, g, joinLower(w, i, 2));
}

/** A period right after word `i`. */
function periodAfter(w: Words, i: number): boolean {
  return w.text.charCodeAt(w.end[i] as number) === 46;
}

/** Word `i` is an initial: one capital letter and a period ("F."). */
function isInitial(w: Words, i: number): boolean {
  return (w.end[i] as number) - (w.start[i] as number) === 1 && w.cap[i] === 1 && periodAfter(w, i);
}

/**
 * The end of a name whose last word is `j`, over a generational or professional suffix after one space
 * ("Keith Bult Jr.", "Joshua Okamoto MD"), with the period of an abbreviated one.
 */
function suffixEnd(w: Words, j: number): number {
  const end = w.end[j] as number;
  const k = j + 1;
  if (k >= w.n || w.cap[k] === 0 || !spaced(w, j, k)) return end;
  if ((w.end[k] as number) - (w.start[k] as number) > 3) return end;
  const suffix = lowerOf(w, k);
  if (!NAME_SUFFIXES.has(suffix)) return end;
  const after = w.end[k] as number;
  return ABBREVIATED_SUFFIXES.has(suffix) && w.text.charCodeAt(after) === 46 ? after + 1 : after;
}

/**
 * Word `j + 1`, a place, may be the family name after given name `i`: `j === i`, and `i` is neither a
 * place nor the first word of one ("Port" of "Port Louis"). After an honorific, `i` need not be a known
 * given name ("Dr. Barack Obama"; `first` is also true after a title: "Sen. Barack Obama". "Obama" is a town in Japan).
 */
function familyPlace(w: Words, g: Gazetteer, i: number, j: number, first: boolean): boolean {
  return (
    j === i &&
    (first || honorificBefore(w.text, w.start[i] as number)) &&
    !inList(w, i, IN_PLACE, g.places) &&
    placeWordsOf(w, i, g.placeWords) === undefined
  );
}

/** Word `i` follows "the", "a" or "an" and comes before a lower-case `THING_HEADS` noun, one space each. */
function thingAfterDeterminer(w: Words, i: number): boolean {
  const next = i + 1;
  if (i === 0 || next >= w.n || w.cap[next] !== 0 || !spaced(w, i, next) || !spaced(w, i - 1, i)) return false;
  if ((wordsOf(w, next) & W_THING) === 0) return false;
  const d = lowerOf(w, i - 1);
  return d === 'the' || d === 'a' || d === 'an';
}
