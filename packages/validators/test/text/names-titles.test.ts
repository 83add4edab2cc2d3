/**
 * Titles of office, public figures and the names of things (stop 51, spot checks of chat requests and
 * news in the SpamAssassin ham mails), names-people.ts, names-places.ts, names-lists.ts:
 * - after an honorific or a title of office (`TITLES`: "Sen.", "Senator", "Gov.", "Mayor", "Judge"…) a
 *   capitalized word is a name and a place there a family name: "Sen. Barack Obama" and "Dr. Barack
 *   Obama" were LOCATION "Obama" (a town in Japan), "Senator Obama" too; the title is not part of the
 *   name ("Mayor Michael Bloomberg" was one PERSON);
 * - an unknown word alone after a title is no name: headlines and things ("Judge Rules Against",
 *   "Sergeant Mode");
 * - the names of public figures the published lists lack (bench/text/build-gazetteers.mjs);
 * - a name before a noun that heads a thing's name is no person, capitalized ("Turing Test", "The Big Bang
 *   Theory") or in lower case after "the" or "a" ("the Lewis structure", "the Doppler effect").
 */
import { detectPII } from '@modelsec/validators';
import { describe, expect, test } from 'vitest';

const found = (text: string) => detectPII(text).map((f) => `${f.entity}:${text.slice(f.start, f.end)}`);

describe('titles of office', () => {
  test.each([
    ['Illinois Sen. Barack Obama has spent more', ['LOCATION:Illinois', 'PERSON:Barack Obama']],
    ['Dr. Barack Obama spoke.', ['PERSON:Barack Obama']],
    ['Senator Obama spoke.', ['PERSON:Obama']],
    ['former Florida Rep. Mark Foley resigned', ['LOCATION:Florida', 'PERSON:Mark Foley']],
    ['Governor Romney won', ['PERSON:Romney']],
    ['NYC Mayor Michael Bloomberg said', ['PERSON:Michael Bloomberg']],
    ['Judge Florence Cooper ruled', ['PERSON:Florence Cooper']],
    ['Mayor Adams and Pope Francis met', ['PERSON:Adams', 'PERSON:Francis']],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  test('an abbreviated title needs its period', () => {
    expect(found('REP Foley')).not.toContain('PERSON:Foley');
    expect(found('Rep. Foley')).toContain('PERSON:Foley');
  });

  test.each([
    'Judge Rules Against Microsoft',
    'Judge Dismisses Case',
    'JUDGE RULES AGAINST THE FCC',
    'Drill Sergeant Mode',
    'Premier League results',
    'General Motors sold more cars',
  ])('no person: %s', (text) => {
    expect(found(text).filter((f) => f.startsWith('PERSON'))).toEqual([]);
  });

  test("a public figure's name that is a place stays the place where the text places it", () => {
    expect(found('We drove to Clinton, IA.')).toEqual(['LOCATION:Clinton']);
    expect(found('Obama is a city in Japan')).toContain('LOCATION:Japan');
  });
});

describe('public figures', () => {
  test.each([
    ['I met Barack Obama yesterday.', 'PERSON:Barack Obama'],
    ['Mr. Nixon resigned', 'PERSON:Nixon'],
    ['What did Mitt Romney say?', 'PERSON:Mitt Romney'],
    ['Rishi Sunak and Jacinda Ardern', 'PERSON:Rishi Sunak'],
  ])('%s', (text, expected) => {
    expect(found(text)).toContain(expected);
  });
});

describe('the names of things', () => {
  test.each([
    'Draw the Lewis structure for CO2.',
    'Explain the Doppler effect.',
    'Is the Turing test still useful?',
    'The Turing Test is old',
    'I love watching The Big Bang Theory with my family.',
    'Would this qualify for the Darwin awards?',
    'Try Claude Code for a week.',
  ])('no person: %s', (text) => {
    expect(found(text).filter((f) => f.startsWith('PERSON'))).toEqual([]);
  });

  test.each([
    ['I told Lewis the test was hard', 'PERSON:Lewis'],
    ['Albert Einstein said so', 'PERSON:Albert Einstein'],
  ])('still a person: %s', (text, expected) => {
    expect(found(text)).toContain(expected);
  });
});

/**
 * A name cue ("said", "called", "name") does not reach past the end of a sentence, a bracket or a table
 * cell (stop 51: on the ham mails 89 PERSON findings went, "As", "In", "According", "Authorities" after
 * "he said." and the like, 3 of them names a sentence started with); nor is a contraction a name after a
 * greeting ("Hi, I'd like").
 */
describe('name cues stop at sentence ends and cells', () => {
  test.each([
    '"It is early," Tracey said. "As we get closer, we will see."',
    'he said. With 17 Democratic candidates in the race',
    'Company: [Company name] Job: Software Engineer',
    '| Column Name | Type     |',
    "Hi, I'd like to join your network.",
    "Hello, I'll be late.",
  ])('no cued name: %s', (text) => {
    expect(found(text).filter((f) => f.startsWith('PERSON') && f !== 'PERSON:Tracey')).toEqual([]);
  });

  test.each([
    ["What's your name? April Martin", 'PERSON:April Martin'],
    ['Name: Adlan', 'PERSON:Adlan'],
    ['he said Okonkwo was late', 'PERSON:Okonkwo'],
    ['my dog is called "Rex"', 'PERSON:Rex'],
  ])('still a cued name: %s', (text, expected) => {
    expect(found(text)).toContain(expected);
  });
});

/**
 * A place before a site's word names the site, and a common-word place after a capitalized word is part of
 * another name (stop 51; on the ham mails 29 LOCATION findings went, "Paradise" of "Cubicle Paradise",
 * "Bell" of "Pac Bell" and "Ian Andrew Bell", "Deal" of "New Deal", and 18 came whole, "Bletchley Park",
 * "Mississippi River", "Brooklyn Bridge").
 */
describe('sites and names that hold a place', () => {
  test.each([
    ['How do I get from Central Park to Times Square?', 'LOCATION:Central Park'],
    ['Central Park is big', 'LOCATION:Central Park'],
    ['We met at London Bridge', 'LOCATION:London Bridge'],
    ['We walked through Union Square', 'LOCATION:Union Square'],
    ['I visited the Golden Gate Bridge', 'LOCATION:Golden Gate Bridge'],
    ['Isle of Man', 'LOCATION:Isle of Man'],
    ['I moved to Reading', 'LOCATION:Reading'],
  ])('%s', (text, expected) => {
    expect(found(text)).toContain(expected);
  });

  test.each([
    ['the persona of Tony Stark from Iron Man throughout', 'Man'],
    ['I get a check from Pac Bell today', 'Bell'],
    ['prototype well before the New Deal, because', 'Deal'],
    ['the Central Park Conservancy', 'Central Park'],
    ['the Denver Museum of Nature & Science', 'Denver Museum'],
  ])('no such place: %s', (text, place) => {
    expect(found(text)).not.toContain(`LOCATION:${place}`);
  });
});

describe('honorifics of other languages (stop 53)', () => {
  test.each([
    // German, French, Spanish, Italian, Portuguese and Dutch honorifics cue the name and stay out of it:
    // "Frau Schmidt" was one PERSON ("Frau" is in the given-name lists), "Herr Müller" nothing.
    ['Sehr geehrter Herr Müller,', ['PERSON:Müller']],
    ['Frau Schmidt ist krank.', ['PERSON:Schmidt']],
    ['Monsieur Dupont est là.', ['PERSON:Dupont']],
    ['Mme Tussaud', ['PERSON:Tussaud']],
    ['Señor García llegó.', ['PERSON:García']],
    ['la señora Martínez', ['PERSON:Martínez']],
    ['Signora Bianchi', ['PERSON:Bianchi']],
    ['Dott. Ferrari', ['PERSON:Ferrari']],
    ['Senhora Silva', ['PERSON:Silva']],
    ['Dhr. Jansen belt morgen.', ['PERSON:Jansen']],
    // Left out: "Sig" is a given name too ("Sig Hansen") and a maker's name ("SIG Sauer").
    ['SIG Sauer makes guns', ['PERSON:SIG Sauer']],
    // Lower-case particles between the honorific and the name start the name (gave nothing, or "Berg").
    ['Mevrouw de Vries belt morgen.', ['PERSON:de Vries']],
    ['Mr. van der Berg called', ['PERSON:van der Berg']],
    ['Herr von Weizsäcker sprach.', ['PERSON:von Weizsäcker']],
    ['Dear Mr. de la Cruz,', ['PERSON:de la Cruz']],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });
});
