/**
 * The fixed word lists of the PERSON/LOCATION recognizer (honorifics, name particles, name and place
 * cues, words that are never names, context words), as one small word table with a bit per list, and
 * the two checks of the text before a word: an honorific within 6 units (`honorificBefore`) and a place
 * cue such as "grew up in " ending at the word (`cueEndsAt`). Both shortcuts are exact: each says in
 * its comment why, and test/text/names-fastpaths.test.ts compares them with the plain computation.
 */
import { COMMON_WORD_PLACES } from '../data/locations';
import { COMMON_WORD_NAMES } from '../data/person-names';
import { hasContext, wordSet } from '../shared/context';
import { INTL_MONTHS } from './dates-intl';
import { WordFlags } from './word-index';

/**
 * Name particles ("van der Voet", "de la Cruz"): lower-case words inside a name.
 * @internal
 *
 * @example
 * ```ts
 * PARTICLES.has('van'); // true
 * ```
 */
export const PARTICLES: ReadonlySet<string> = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'da',
  'di',
  'du',
  'del',
  'della',
  'la',
  'le',
  'ten',
  'ter',
  'bin',
  'al',
  'el',
  'dos',
  'das',
  'mc',
  'st',
]);
/**
 * Honorifics ("mr", "dr", ...): a word before a name that raises its score.
 * @internal
 *
 * @example
 * ```ts
 * HONORIFICS.has('dr'); // true
 * ```
 */
export const HONORIFICS: ReadonlySet<string> = wordSet(
  // Since stop 53 also German, French, Spanish, Italian, Portuguese and Dutch ones ("Herr Müller",
  // "Monsieur Dupont", "Señor García", "Dhr. Jansen"). Left out: those that are given names or other
  // words as often ("Don", "Dona", "Pan", "Sig" of "Sig. Rossi" and "Sig Hansen", "Sr." for Senior, "Fr."
  // for francs and Friday, "Hr", "M."), and Dutch "heer", the end of "sheer" and "cheer".
  'mr mrs ms miss dr prof sir madam mx herr frau fräulein monsieur madame mademoiselle mme mlle señor señora señorita sra srta doña signor signora signorina dott senhor senhora dhr mevrouw mevr',
);
/**
 * Titles of office, rank and clergy written before a name ("Sen. Barack Obama", "Governor Romney",
 * "Mayor Giuliani"): the capitalized word right after one is a name, and a place there is a family name
 * ("Obama", "Foley" and "Lincoln" are towns). Left out: titles that head other names ("General Motors",
 * "King Street", "Justice League", "Premier League", "Admiral Insurance", "Father Christmas", "President
 * Hotel"); the abbreviations count only with their period (`titleBefore`).
 * @internal
 *
 * @example
 * ```ts
 * TITLES.has('senator'); // true
 * ```
 */
export const TITLES: ReadonlySet<string> = wordSet(
  'senator sen congressman congresswoman congressmember rep governor gov mayor chancellor judge sheriff sergeant sgt lieutenant lt colonel col capt commissioner reverend rev pastor bishop rabbi imam pope sultan sheikh',
);
/** The titles of `TITLES` that are abbreviations of a word: a title only with their period ("Rep. Foley", not "REP Foley"). */
export const TITLE_ABBREVIATIONS: ReadonlySet<string> = wordSet('sen rep gov sgt lt col capt rev');
/**
 * Context words of PERSON candidates.
 * @internal
 *
 * @example
 * ```ts
 * PERSON_CONTEXT.has('dear'); // true
 * ```
 */
export const PERSON_CONTEXT: ReadonlySet<string> = wordSet(
  'name named names mr mrs ms miss dr dear hi hello hey thanks thank sincerely regards from by customer patient client user employee son daughter wife husband friend meet met ask tell contact called call signed cc attn',
);
/**
 * Words after which a capitalized word is a name ("called", "signed").
 * @internal
 *
 * @example
 * ```ts
 * NAME_CUE.has('called'); // true
 * ```
 */
export const NAME_CUE = wordSet("name named called i'm am signed says said starring");
/**
 * Given names that, after a self-introduction in lower-case writing ("i'm", "i am", "im", "this is",
 * "it's"), are more often a word of the sentence than a name ("i am frank", "it's dawn", "this is grant
 * money"): the generator keeps them as names (they are mostly names when capitalized), the
 * self-introduction cue does not name them.
 * @internal
 *
 * @example
 * ```ts
 * SELF_CUE_STOPS.has('frank'); // true
 * ```
 */
export const SELF_CUE_STOPS = wordSet(
  'frank rusty dusty sterling scarlet crystal amber ash penny grant harmony melody mercy patience charity trinity angel skip buck cliff gene kit ray rod chuck dawn drew gates smith earnest sage brave jolly bright sunny',
);
/**
 * Places that are also given names but, alone and capitalized in English text, are the place far more
 * often than a person ("I love London", "Paris is big"): such a word with no capitalized word after it and
 * no cue is a LOCATION, not a PERSON. With a family name after it, it is still a name ("Paris Hilton",
 * "Sydney Sweeney"). Left out: places as often named as people ("Austin", "Florence", "Jackson",
 * "Madison", "Charlotte", "Georgia", "Victoria").
 * @internal
 *
 * @example
 * ```ts
 * MAJOR_PLACES.has('london'); // true
 * ```
 */
export const MAJOR_PLACES = wordSet(
  'london paris sydney houston dallas denver phoenix atlanta orlando vienna milan geneva kenya brooklyn adelaide lyon verona',
);
/**
 * Words that follow a name cue as often as a name does ("she said Okay", "he said The answer is no",
 * "Hi There"): a capitalized word that is no known name is a person after a cue unless it is one of
 * these.
 * @internal
 *
 * @example
 * ```ts
 * CUE_STOPS.has('okay'); // true
 * ```
 */
export const CUE_STOPS: ReadonlySet<string> = wordSet(
  "i'd i'll i've we're we'll we've you're you'll you've it'll that's there's here's let's what's he's she's they're the a an it its this that these those he she they we i you me him her us them my your our their his yes no not ok okay maybe sure hello hi hey thanks thank please sorry well oh so and but or if when what who why how where there here nothing something everything nobody somebody someone good great fine right wow president mother father mom dad reuters bloomberg cnn bbc afp message i'm i’m im",
);
/**
 * Verbs of naming, before an object pronoun (`OBJECT_PRONOUNS`) and a name: "call me Ishmael", "everyone
 * calls me Adlan", "she named him joshua".
 * @internal
 *
 * @example
 * ```ts
 * NAMING_VERBS.has('calls'); // true
 * ```
 */
export const NAMING_VERBS: ReadonlySet<string> = wordSet('call calls called calling named');
/**
 * Object pronouns, between a naming verb and a name (`NAMING_VERBS`).
 * @internal
 *
 * @example
 * ```ts
 * OBJECT_PRONOUNS.has('him'); // true
 * ```
 */
export const OBJECT_PRONOUNS: ReadonlySet<string> = wordSet('me him her them us');
/**
 * Verbs whose first object is a person when a possessive determiner follows it ("had given Mikal his
 * address", "told Ayla her results", "sent Okonkwo my number").
 * @internal
 *
 * @example
 * ```ts
 * GIVING_VERBS.has('given'); // true
 * ```
 */
export const GIVING_VERBS: ReadonlySet<string> = wordSet(
  'gave give gives given giving told tell tells telling sent send sends sending showed show shows shown showing handed hand hands lent lend lends paid pay pays owe owes owed offered offer offers emailed texted promised wished thanked',
);
/**
 * Possessive determiners, after the person a giving verb names (`GIVING_VERBS`).
 * @internal
 *
 * @example
 * ```ts
 * POSSESSIVE_DETERMINERS.has('his'); // true
 * ```
 */
export const POSSESSIVE_DETERMINERS: ReadonlySet<string> = wordSet('his her their my your our');
/**
 * Verbs that only people do, after the person: "Kotoya shouted at Morgan", "Ilse whispered".
 * @internal
 *
 * @example
 * ```ts
 * HUMAN_VERBS.has('shouted'); // true
 * ```
 */
export const HUMAN_VERBS: ReadonlySet<string> = wordSet(
  'shouted whispered yelled screamed laughed smiled cried sighed nodded winked frowned giggled shrugged grinned muttered mumbled sobbed',
);
/**
 * Nouns that make the possessive before them a person's: "here's Gregorina's address", "Soib's phone
 * number", "Oline's daughter".
 * @internal
 *
 * @example
 * ```ts
 * PERSONAL_NOUNS.has('daughter'); // true
 * ```
 */
export const PERSONAL_NOUNS: ReadonlySet<string> = wordSet(
  'address phone email birthday daughter son wife husband mother father mom mum dad brother sister boyfriend girlfriend fiance fiancé fiancee fiancée partner parents kids children grandmother grandfather grandma grandpa uncle aunt cousin niece nephew boss roommate neighbor neighbour',
);
/**
 * Nouns of the people close to someone, written between a possessive determiner and a name: "my boss
 * Mark", "my wife Anna", "our CEO Bill" (the name may be a common word there). Not "client" or
 * "partner" ("our client Acme", "our partner Microsoft" are firms).
 * @internal
 *
 * @example
 * ```ts
 * RELATION_NOUNS.has('boss'); // true
 * ```
 */
export const RELATION_NOUNS: ReadonlySet<string> = wordSet(
  'wife husband son daughter mother father mom mum dad brother sister boyfriend girlfriend fiance fiancé fiancee fiancée grandmother grandfather grandma grandpa grandson granddaughter uncle aunt cousin niece nephew stepson stepdaughter stepmother stepfather stepbrother stepsister boss roommate neighbor neighbour friend colleague coworker co-worker manager supervisor teacher doctor dentist lawyer attorney accountant assistant secretary coach tutor therapist landlord landlady tenant ceo cto cfo kid child baby',
);
/**
 * Greetings and thanks after which a lower-case given name is a person in text written without
 * capitals ("hi petra", "thanks john", "thank you anna").
 * @internal
 *
 * @example
 * ```ts
 * GREETINGS.has('hey'); // true
 * ```
 */
export const GREETINGS: ReadonlySet<string> = wordSet('hi hey hello dear thanks thank thx bye cheers morning');
/**
 * Given names of the lists that after a greeting are mostly a form of address ("hey man", "thanks
 * buddy", "cheers mate"), not a person.
 * @internal
 *
 * @example
 * ```ts
 * VOCATIVES.has('buddy'); // true
 * ```
 */
export const VOCATIVES: ReadonlySet<string> = wordSet(
  'man buddy mate baby babe angel sunshine honey darling sweetie sweetheart love dude bro sis pal champ boss chief captain doc kid guys folks all ' +
    'team everyone everybody world there friend friends colleague colleagues customer customers member members madam ladies gentlemen people class community',
);
/**
 * Words that end a sentence after a name but are no family name ("thanks john too.", "hi anna again!"):
 * a cued lower-case given name is not extended over them.
 * @internal
 *
 * @example
 * ```ts
 * NOT_SURNAMES.has('again'); // true
 * ```
 */
export const NOT_SURNAMES: ReadonlySet<string> = wordSet(
  'again too also here there now then today tonight tomorrow yesterday soon later please thanks thx sir madam everyone everybody all anyway though lol ok okay yes no bye and or but so the a an is are was were be it this that me you him her us them called calls said says wrote writes asked asks told tells replied answered for to of in on at by with from as if than not',
);
/**
 * The months of `INTL_MONTHS` that are given names, family names or places too ("Mai", "Julio", "Marco",
 * "Avril", "Augustus", "Mars"…): they stay out of `NOT_NAMES`.
 */
const NAMED_MONTHS: ReadonlySet<string> = /* @__PURE__ */ new Set(
  'mars avril mai juin marzo abril mayo junio julio agosto aprile maggio marco maio junho julho maerz juni juli mei augustus'.split(
    ' ',
  ),
);
/**
 * Words that are names or places in some list but far more often something else in running text.
 * @internal
 *
 * @example
 * ```ts
 * NOT_NAMES.has('iban'); // true
 * ```
 */
export const NOT_NAMES = wordSet(
  'hi name names fax office phone mobile tel street road avenue ltd inc llc llp plc corp corporation incorporated limited gmbh holdings company group institute clinic foundation association society agency academy services service web garden maintenance tale tales apt suite box email address country club city state university college hospital bank insurance street iban date monday tuesday wednesday thursday friday saturday sunday tue tues wed thu thur thurs fri sat january february march july september october november december feb aug sep sept oct nov dec mon re nsw qld' +
    // Since stop 53: weekdays and months of French, Spanish, Italian, Portuguese, German and Dutch ("Am
    // Mittwoch, 03. Juli" gave PERSON "Mittwoch"); not those that are given names or family names too
    // (Domingo, Domenica, Sabato; the months of `NAMED_MONTHS`).
    ' montag dienstag mittwoch donnerstag freitag samstag sonntag lundi mardi mercredi jeudi vendredi samedi dimanche lunes martes miércoles miercoles jueves viernes lunedì martedì mercoledì giovedì venerdì maandag dinsdag woensdag donderdag vrijdag zaterdag zondag ' +
    [...INTL_MONTHS].filter((m) => !NAMED_MONTHS.has(m)).join(' '),
);
/**
 * Given names that are also common English words, and are not mostly names in English text ("read",
 * "link", "general", "server"; generated with the gazetteers, data/person-names.ts), the given names
 * that are adjectives of nationality ("German", "Welsh") and those far more often a product or a firm in
 * English ("Perl", "Mac", "Dell", "Palm"): capitalized, such a word alone is not taken for a name
 * (names-people.ts).
 * @internal
 *
 * @example
 * ```ts
 * COMMON_NAMES.has('link'); // true
 * ```
 */
export const COMMON_NAMES: ReadonlySet<string> = /* @__PURE__ */ wordSet(
  `${COMMON_WORD_NAMES.replace(/\|/g, ' ')} german welsh perl mac dell palm sun top`,
);
/**
 * Nouns that head the name of a thing, not of a person, after a capitalized word ("Roman Empire", "Ivy
 * League", "Berkeley Lab", "Sun Microsystems", "Python Modules", "Turing Test", "Big Bang Theory"): a given
 * name before one of them is no person, unless the noun is also a known family name (names-people.ts); nor
 * is a name between "the" or "a" and one of them in lower case ("the Lewis structure", names-people.ts).
 * @internal
 *
 * @example
 * ```ts
 * THING_HEADS.has('empire'); // true
 * ```
 */
export const THING_HEADS: ReadonlySet<string> = /* @__PURE__ */ wordSet(
  'empire league lab labs laboratory laboratories archive archives community communities module modules project projects microsystems systems networks software technologies solutions studios magazine journal newsletter online edition editions series award awards prize festival stadium airport cathedral museum gallery theatre theater hotel resort channel radio bridge test technique theorem principle equation effect machine method game structure theory doctrine paradox number scale index model diagram algorithm problem hypothesis conjecture process cycle curve code',
);
/**
 * The two-letter codes of the US states and DC, in lower case: a place that is also a name, followed by
 * ", " and one of them in capitals, is the place ("Austin, TX"; names-people.ts, names-places.ts).
 * @internal
 *
 * @example
 * ```ts
 * US_STATE_CODES.has('tx'); // true
 * ```
 */
export const US_STATE_CODES: ReadonlySet<string> = /* @__PURE__ */ new Set(
  'al ak az ar ca co ct de dc fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy'.split(
    ' ',
  ),
);
/**
 * Words that make the place before them part of the name of a firm, a newspaper, a team or a school
 * ("America Online", "Seattle Times", "Washington Post", "Utah State", "Berkeley Lab"): a place right
 * before one of them is no LOCATION (names-places.ts). Not the words of buildings and sites ("Dublin
 * Airport", "Brooklyn Bridge" hold the place).
 * @internal
 *
 * @example
 * ```ts
 * PLACE_THINGS.has('times'); // true
 * ```
 */
export const PLACE_THINGS: ReadonlySet<string> = /* @__PURE__ */ wordSet(
  'state times post tribune herald globe gazette chronicle daily online lab labs laboratory laboratories magazine journal newsletter networks systems software technologies solutions studios edition series channel radio community league empire',
);
/**
 * Words right before a place, not a person: "in", "near", "outside", "across", "throughout" and the
 * points of the compass ("met Sarah in Paris", "south-west London", "outside Washington"). A name that is
 * also a place is the place after one (names-people.ts, names-places.ts).
 * @internal
 *
 * @example
 * ```ts
 * PLACE_PREPOSITIONS.has('outside'); // true
 * ```
 */
export const PLACE_PREPOSITIONS: ReadonlySet<string> = /* @__PURE__ */ wordSet(
  'in near outside across throughout north south east west northern southern eastern western southwest southeast northwest northeast south-west south-east north-west north-east downtown',
);
/**
 * Typeface names that mark a list of fonts (`face="Arial, Geneva, Lucida"`): a capitalized word next to
 * one in a comma-separated list is a font, not a name or a place (names-words.ts `markCaps`).
 * @internal
 *
 * @example
 * ```ts
 * FONT_NAMES.has('verdana'); // true
 * ```
 */
export const FONT_NAMES: ReadonlySet<string> = /* @__PURE__ */ wordSet(
  'arial helvetica verdana tahoma lucida trebuchet garamond palatino',
);
/**
 * One-word places that are also common English words ("reading", "nice", "union", "manage"; generated
 * with the gazetteers, data/locations.ts): capitalized and alone, such a word is a place only after a
 * place cue, next to another place or with a place's context words (names-places.ts), as a place that is
 * also a name is.
 * @internal
 *
 * @example
 * ```ts
 * COMMON_PLACES.has('reading'); // true
 * ```
 */
export const COMMON_PLACES: ReadonlySet<string> = /* @__PURE__ */ wordSet(COMMON_WORD_PLACES.replace(/\|/g, ' '));
/**
 * Generational and professional suffixes that end a person's name ("Jr.", "III", "MD").
 * @internal
 *
 * @example
 * ```ts
 * NAME_SUFFIXES.has('jr'); // true
 * ```
 */
export const NAME_SUFFIXES: ReadonlySet<string> = wordSet('jr sr ii iii iv md phd dds dvm esq');
/**
 * The suffixes written with a period ("Jr.", "Sr.", "Esq."), which belongs to the name's span.
 * @internal
 *
 * @example
 * ```ts
 * ABBREVIATED_SUFFIXES.has('esq'); // true
 * ```
 */
export const ABBREVIATED_SUFFIXES: ReadonlySet<string> = wordSet('jr sr esq');
/**
 * Phrases after which capitalized words are a place ("grew up in X").
 * @internal
 *
 * @example
 * ```ts
 * PLACE_CUES.includes('grew up in'); // true
 * ```
 */
export const PLACE_CUES: readonly string[] = [
  'live in',
  'lives in',
  'lived in',
  'living in',
  'grew up in',
  'born in',
  'based in',
  'located in',
  'moved to',
  "i'm in",
  'i am in',
  "we're in",
  'we are in',
  'travel to',
  'traveling to',
  'travelling to',
  'trip to',
  'flew to',
  'arrived in',
  'arrived at',
  'visiting',
  'raised in',
  'resident of',
  'originally from',
  'moved here from',
  'moved from',
  'came here from',
  'hails from',
  "i'm from",
  'i am from',
  "we're from",
  'we are from',
  'flying to',
  'fly to',
  'flight to',
  'flights to',
  'stayed in',
  'staying in',
  'vacation in',
  'holiday in',
];
/**
 * The last words of the place cues.
 * @internal
 *
 * @example
 * ```ts
 * CUE_ENDS.has('in'); // true
 * ```
 */
export const CUE_ENDS = wordSet('in to at visiting of from');
/**
 * Context words of LOCATION candidates.
 * @internal
 *
 * @example
 * ```ts
 * PLACE_CONTEXT.has('city'); // true
 * ```
 */
export const PLACE_CONTEXT: ReadonlySet<string> = wordSet(
  'in at from to near city town country live lives lived living born visit visiting located moved travel trip capital state region province village',
);

/**
 * Legal designators that end an organization's name ("Acme Inc.", "Drake PLC", "Rand Corporation");
 * "co" only written "Co.".
 * @internal
 *
 * @example
 * ```ts
 * ORG_LEGAL.has('llc'); // true
 * ```
 */
export const ORG_LEGAL: ReadonlySet<string> = wordSet(
  'inc incorporated corp corporation llc llp ltd limited plc gmbh co',
);
/**
 * Words that end an organization's name less surely than a legal designator ("Boston Consulting Group",
 * "Stanford University", "Mayo Clinic").
 * @internal
 *
 * @example
 * ```ts
 * ORG_WEAK.has('group'); // true
 * ```
 */
export const ORG_WEAK: ReadonlySet<string> = wordSet(
  'company group holdings university college institute hospital clinic foundation association society agency academy',
);
/**
 * Words that end a firm's name right after "&" or "and" ("Smith & Sons", "Alter and Associates").
 * @internal
 *
 * @example
 * ```ts
 * ORG_TAIL.has('sons'); // true
 * ```
 */
export const ORG_TAIL: ReadonlySet<string> = wordSet('sons associates partners brothers');
/**
 * The designators written with a period that belongs to the name ("Inc.", "Ltd.", "Corp.", "Co.").
 * @internal
 *
 * @example
 * ```ts
 * ORG_ABBREVIATED.has('ltd'); // true
 * ```
 */
export const ORG_ABBREVIATED: ReadonlySet<string> = wordSet('inc ltd corp co');
/**
 * Institution words that come before "of" in an organization's name ("Bank of America Corp.", "Bank of
 * New York Mellon Corp.").
 * @internal
 *
 * @example
 * ```ts
 * ORG_OF_HEADS.has('bank'); // true
 * ```
 */
export const ORG_OF_HEADS: ReadonlySet<string> = wordSet(
  'bank university institute college society association board department ministry council federation church museum school trust academy company corporation',
);
/**
 * The institution words that begin an organization's name on their own, before "of" and a capitalized
 * name ("University of Michigan", "Bank of England", "Department of Justice"); not "Board of Directors".
 * @internal
 *
 * @example
 * ```ts
 * ORG_HEADS.has('university'); // true
 * ```
 */
export const ORG_HEADS: ReadonlySet<string> = wordSet(
  'university college institute bank society association department ministry council federation academy museum church',
);
/**
 * Capitalized words that do not begin an organization's name before a designator ("Yesterday Acme
 * Inc.", "Contact Acme Corp.", "At Acme Ltd.").
 * @internal
 *
 * @example
 * ```ts
 * ORG_STOP.has('yesterday'); // true
 * ```
 */
export const ORG_STOP: ReadonlySet<string> = wordSet(
  'the a an at in on of for from with by to as and or but so if when while after before since during yesterday today tomorrow this that these those our my your his her their its we i you he she they it please dear hi hello thanks thank contact call email ask tell send visit is are was were be has have had will can may via per about',
);
/**
 * Context words of ORGANIZATION candidates.
 * @internal
 *
 * @example
 * ```ts
 * ORG_CONTEXT.has('employer'); // true
 * ```
 */
export const ORG_CONTEXT: ReadonlySet<string> = wordSet(
  'company firm employer employed employee work works worked working job joined hired corporation business startup vendor supplier client subsidiary acquired merger shares',
);

// Bits of the small fixed word lists (one lookup per word instead of one per list), and `W_SHORT`.
/** @internal Bit of `SMALL_TABLE`: a word that is never a name ("street", "bank"). */
export const W_NOT_NAME = 1;
/** @internal A name particle ("van", "de"). */
export const W_PARTICLE = 2;
/** @internal An honorific ("mr", "dr"). */
export const W_HONORIFIC = 4;
/** @internal A name cue ("called", "signed"). */
export const W_NAME_CUE = 8;
/** @internal The last word of a place cue ("in", "to"). */
export const W_CUE_END = 16;
/** @internal "is". */
export const W_IS = 32;
/** @internal "name". */
export const W_NAME = 64;
/** @internal Not a list: set by `markCaps` on capitalized words that are `shortCaps` ("US", "A"). */
export const W_SHORT = 128;
/** @internal A legal designator (`ORG_LEGAL`). */
export const W_ORG = 256;
/** @internal A weaker organization word (`ORG_WEAK`). */
export const W_ORG_WEAK = 512;
/** @internal A firm's last word after "&" or "and" (`ORG_TAIL`). */
export const W_ORG_TAIL = 1024;
/** @internal Not a list: set on the capitalized words of an ORGANIZATION finding (`scanOrganizations`). */
export const W_IN_ORG = 2048;
/** @internal An institution word that begins an organization's name before "of" (`ORG_HEADS`). */
export const W_ORG_HEAD = 4096;
/** @internal A greeting (`GREETINGS`). */
export const W_GREETING = 8192;
/** @internal A form of address (`VOCATIVES`). */
export const W_VOCATIVE = 16384;
/** @internal "i'm" and "am": name cues of capitalized names only. */
export const W_WEAK_CUE = 32768;
/** @internal A naming verb (`NAMING_VERBS`). */
export const W_NAMING = 65536;
/** @internal An object pronoun (`OBJECT_PRONOUNS`). */
export const W_OBJECT = 131072;
/** @internal A giving verb (`GIVING_VERBS`). */
export const W_GIVING = 262144;
/** @internal A possessive determiner (`POSSESSIVE_DETERMINERS`). */
export const W_POSSESSIVE = 524288;
/** @internal A verb only people do (`HUMAN_VERBS`). */
export const W_HUMAN_VERB = 1048576;
/** @internal A personal noun (`PERSONAL_NOUNS`). */
export const W_PERSONAL = 2097152;
/** @internal A given name that is also a common English word (`COMMON_NAMES`). */
export const W_COMMON = 4194304;
/** @internal A one-word place that is also a common English word (`COMMON_PLACES`). */
export const W_COMMON_PLACE = 8388608;
/** @internal A noun that heads the name of a thing (`THING_HEADS`). */
export const W_THING = 16777216;
/** @internal A typeface name (`FONT_NAMES`). */
export const W_FONT = 33554432;
/** @internal A word that makes the place before it part of a name (`PLACE_THINGS`). */
export const W_PLACE_THING = 67108864;
/** @internal A word right before a place (`PLACE_PREPOSITIONS`). */
export const W_PLACE_PREP = 134217728;
/** @internal A place that alone is the place, not the given name (`MAJOR_PLACES`). */
export const W_MAJOR_PLACE = 268435456;
/** @internal A noun of a person close to someone (`RELATION_NOUNS`). */
export const W_RELATION = 536870912;
/** @internal A title of office before a name (`TITLES`). */
export const W_TITLE = 1073741824;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * At `end` (the end of a word): ", " (or ",") and a US state code in capitals, then no letter or digit
 * ("Austin, TX 78701").
 * @internal
 *
 * @example
 * ```ts
 * stateCodeAfter('Austin, TX 78701', 6); // true
 * ```
 */
export function stateCodeAfter(text: string, end: number): boolean {
  if (text.charCodeAt(end) !== 44) return false;
  const k = text.charCodeAt(end + 1) === 32 ? end + 2 : end + 1;
  const a = text.charCodeAt(k);
  const b = text.charCodeAt(k + 1);
  if (a < 65 || a > 90 || b < 65 || b > 90) return false;
  const c = text.charCodeAt(k + 2);
  if ((c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122)) return false;
  if (c >= 128 && LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(k + 2) as number))) return false;
  return US_STATE_CODES.has(String.fromCharCode(a | 32, b | 32));
}

/**
 * The small word lists as one word table (looked up in the text without building the lower-case
 * word): the flags of a word are its `W_*` bits.
 * @internal
 *
 * @example
 * ```ts
 * SMALL_TABLE.lookupText('Mr Smith', 0, 2); // W_HONORIFIC
 * ```
 */
export const SMALL_TABLE: WordFlags = /* @__PURE__ */ (() => {
  const m = new Map<string, number>();
  const add = (words: Iterable<string>, bit: number) => {
    for (const w of words) m.set(w, (m.get(w) ?? 0) | bit);
  };
  add(NOT_NAMES, W_NOT_NAME);
  add(PARTICLES, W_PARTICLE);
  add(HONORIFICS, W_HONORIFIC);
  add(NAME_CUE, W_NAME_CUE);
  add(CUE_ENDS, W_CUE_END);
  add(['is'], W_IS);
  add(['name'], W_NAME);
  add(ORG_LEGAL, W_ORG);
  add(ORG_WEAK, W_ORG_WEAK);
  add(ORG_TAIL, W_ORG_TAIL);
  add(ORG_HEADS, W_ORG_HEAD);
  add(GREETINGS, W_GREETING);
  add(VOCATIVES, W_VOCATIVE);
  add(["i'm", 'am'], W_WEAK_CUE);
  add(NAMING_VERBS, W_NAMING);
  add(OBJECT_PRONOUNS, W_OBJECT);
  add(GIVING_VERBS, W_GIVING);
  add(POSSESSIVE_DETERMINERS, W_POSSESSIVE);
  add(HUMAN_VERBS, W_HUMAN_VERB);
  add(PERSONAL_NOUNS, W_PERSONAL);
  add(COMMON_NAMES, W_COMMON);
  add(COMMON_PLACES, W_COMMON_PLACE);
  add(THING_HEADS, W_THING);
  add(FONT_NAMES, W_FONT);
  add(PLACE_THINGS, W_PLACE_THING);
  add(PLACE_PREPOSITIONS, W_PLACE_PREP);
  add(MAJOR_PLACES, W_MAJOR_PLACE);
  add(RELATION_NOUNS, W_RELATION);
  add(TITLES, W_TITLE);
  const t = new WordFlags(m.size);
  for (const [w, bits] of m) t.add(w, bits);
  return t;
})();

/**
 * Place cues with their trailing space, as the text before a capitalized word must end.
 * @internal
 *
 * @example
 * ```ts
 * PLACE_CUES_SPACED.includes('grew up in '); // true
 * ```
 */
export const PLACE_CUES_SPACED: readonly string[] = /* @__PURE__ */ PLACE_CUES.map((cue) => `${cue} `);

/**
 * `hasContext(text, start, start, HONORIFICS, 6, 0)`: every honorific starts with m, d, p, s, h or f,
 * so a window without those letters (either case) and without non-ASCII units has none.
 * @internal
 *
 * @example
 * ```ts
 * honorificBefore('Dr. Ada', 4); // true
 * ```
 */
export function honorificBefore(text: string, start: number): boolean {
  for (let k = Math.max(0, start - 6); k < start; k++) {
    const c = text.charCodeAt(k) | 32;
    if (c === 109 || c === 100 || c === 112 || c === 115 || c === 104 || c === 102 || c >= 128) {
      return hasContext(text, start, start, HONORIFICS, 6, 0);
    }
  }
  return false;
}

/**
 * `text.slice(max(0, at - 16), at).toLowerCase()` ends with one of `PLACE_CUES_SPACED`.
 * @internal
 *
 * @example
 * ```ts
 * cueEndsAt('She grew up in Lima', 15); // true
 * ```
 */
export function cueEndsAt(text: string, at: number): boolean {
  const lo = Math.max(0, at - 16);
  for (let k = lo; k < at; k++) {
    if (text.charCodeAt(k) >= 128) {
      // Lower-casing may change the length of non-ASCII units: take the plain path.
      const before = text.slice(lo, at).toLowerCase();
      for (const cue of PLACE_CUES_SPACED) if (before.endsWith(cue)) return true;
      return false;
    }
  }
  // Only the cues whose last two units before the space are those of the text can match.
  const c2 = text.charCodeAt(at - 2) | 32;
  const c3 = text.charCodeAt(at - 3) | 32;
  const bucket = at - lo < 3 ? undefined : CUE_BUCKETS.get((c3 << 8) | c2);
  if (bucket === undefined) return false;
  next: for (const cue of bucket) {
    const len = cue.length;
    if (at - lo < len) continue;
    for (let k = 1; k <= len; k++) {
      let c = text.charCodeAt(at - k);
      if (c >= 65 && c <= 90) c += 32;
      if (c !== cue.charCodeAt(len - k)) continue next;
    }
    return true;
  }
  return false;
}

/**
 * `PLACE_CUES_SPACED` by their two units before the trailing space (ASCII lower-case letters: the key
 * is `c3 << 8 | c2`, which `| 32` of the text's units must equal for the cue to match; every cue is at
 * least 3 units long).
 */
const CUE_BUCKETS: ReadonlyMap<number, readonly string[]> = /* @__PURE__ */ (() => {
  const m = new Map<number, string[]>();
  for (const cue of PLACE_CUES_SPACED) {
    const key = (cue.charCodeAt(cue.length - 3) << 8) | cue.charCodeAt(cue.length - 2);
    m.set(key, [...(m.get(key) ?? []), cue]);
  }
  return m;
})();
