/**
 * ORGANIZATION without a model (src/text/pii/names-orgs.ts): names before a legal designator, firm
 * tails after "&"/"and", two names joined by "&", lower-case writing; what the rules leave alone; and
 * that an organization takes its words from the PERSON and LOCATION scans.
 */
import { describe, expect, test } from 'vitest';
import { detectPII } from '../../src/text/pii/detect';
import { redactPII } from '../../src/text/pii/redact';

/** `entity:text:score` of each finding. */
function found(text: string, options = {}): string[] {
  return detectPII(text, options).map((f) => `${f.entity}:${text.slice(f.start, f.end)}:${f.score.toFixed(2)}`);
}

/** The ORGANIZATION spans' text. */
function orgs(text: string): string[] {
  return detectPII(text)
    .filter((f) => f.entity === 'ORGANIZATION')
    .map((f) => text.slice(f.start, f.end));
}

describe('names before a designator', () => {
  test('legal designators, with the period of an abbreviation', () => {
    expect(found('The report from Drake PLC arrived')).toEqual(['ORGANIZATION:Drake PLC:0.85']);
    expect(orgs('Cantrell Ltd. is the brainchild of our founders')).toEqual(['Cantrell Ltd.']);
    expect(orgs('Paid to Logixdata LLC today')).toEqual(['Logixdata LLC']);
    expect(orgs('Qado Energy Inc. builds meters')).toEqual(['Qado Energy Inc.']);
    expect(orgs('Spikes Cavell Analytic Inc')).toEqual(['Spikes Cavell Analytic Inc']);
    expect(orgs('Galorath Incorporated')).toEqual(['Galorath Incorporated']);
    // "LLC." is not an abbreviation: the period ends the sentence.
    expect(orgs('We paid Ortiz LLC. Then we left')).toEqual(['Ortiz LLC']);
  });

  test('"Company", "Group" and "Holdings" score lower than a legal designator', () => {
    expect(found('Analysts at Boston Consulting Group said so')).toEqual(['ORGANIZATION:Boston Consulting Group:0.70']);
    expect(orgs('The Whitby Group met')).toEqual(['Whitby Group']);
  });

  test('context words raise the score', () => {
    expect(found('She works at Drake PLC')).toEqual(['ORGANIZATION:Drake PLC:1.00']);
    expect(found('The company Whitby Group')).toEqual(['ORGANIZATION:Whitby Group:0.85']);
  });

  test('"of", "&", ", " and initials inside the name', () => {
    expect(orgs('I bank with Bank of America Corp. now')).toEqual(['Bank of America Corp.']);
    expect(orgs('Procter & Gamble Co. is big')).toEqual(['Procter & Gamble Co.']);
    expect(orgs('Acme, Inc. said')).toEqual(['Acme, Inc.']);
    expect(orgs('Science technician\nH. J. Wilson & Company\nUnit 6204')).toEqual(['H. J. Wilson & Company']);
    // ", " only right before a legal designator; "of" never right before the designator.
    expect(orgs('Acme, Group')).toEqual([]);
    expect(orgs('Friends of Inc.')).toEqual([]);
    // "of" only after an institution word.
    expect(orgs('Bank of New York Mellon Corp.')).toEqual(['Bank of New York Mellon Corp.']);
    expect(orgs('Shares of Rand Corporation fell')).toEqual(['Rand Corporation']);
    expect(orgs('Bank  of America Corp.')).toEqual(['America Corp.']);
  });

  test('firm tails only after "&" or "and"', () => {
    expect(orgs('Smith & Sons')).toEqual(['Smith & Sons']);
    expect(orgs('Marlin Alter And Associates')).toEqual(['Marlin Alter And Associates']);
    expect(orgs('Call Smith and Partners today')).toEqual(['Smith and Partners']);
    expect(orgs('Smith Sons')).toEqual([]);
    expect(orgs('Smith Associates')).toEqual([]);
    // "and" joins only right before the designator: not "Tom and Acme Inc.".
    expect(orgs('I met Tom and Acme Inc. staff')).toEqual(['Acme Inc.']);
  });

  test('institutions: a name before an institution word, or the word, "of" and a name', () => {
    expect(found('She studied at Stanford University')).toEqual(['ORGANIZATION:Stanford University:0.70']);
    expect(orgs('Treated at the Mayo Clinic in 2020')).toEqual(['Mayo Clinic']);
    expect(orgs('She studied at the University of Michigan last year')).toEqual(['University of Michigan']);
    expect(orgs('The Bank of New York Mellon Corp. and the Department of Justice')).toEqual([
      'Bank of New York Mellon Corp.',
      'Department of Justice',
    ]);
    // One to three words after "of", one space apart; not a stop word, a designator or a possessive.
    expect(orgs('University of New South Wales Sydney')).toEqual(['University of New South Wales']);
    expect(orgs("University of Michigan's team")).toEqual([]);
    expect(orgs('University of the Arts')).toEqual([]);
    expect(orgs('Board of Directors')).toEqual([]);
    expect(orgs('university of michigan')).toEqual([]);
    // The place inside is no LOCATION: "Boston University" is one organization.
    expect(found('Boston University')).toEqual(['ORGANIZATION:Boston University:0.70']);
    // An institution word that ends an organization goes on over "of" and a name (stop 31; before, "Paris"
    // was left to the PERSON scan, which read it as a given name).
    expect(found('She went to Stanford University of Paris')).toEqual([
      'ORGANIZATION:Stanford University of Paris:0.70',
    ]);
  });

  test('the last of adjacent designators ends the name', () => {
    expect(orgs('Smith Group Ltd. paid')).toEqual(['Smith Group Ltd.']);
  });

  test('words that do not begin a name are left out', () => {
    expect(orgs('Yesterday Acme Inc. announced')).toEqual(['Acme Inc.']);
    expect(orgs('Contact Acme Corp. for help')).toEqual(['Acme Corp.']);
    expect(orgs('The Acme Group')).toEqual(['Acme Group']);
    expect(orgs('Dr. Acme Ltd.')).toEqual(['Acme Ltd.']);
    expect(orgs('My name is Inc.')).toEqual([]);
  });

  test('at most four words before the designator', () => {
    expect(orgs('Expert Health Data Programming Inc')).toEqual(['Expert Health Data Programming Inc']);
    expect(orgs('Very Expert Health Data Programming Inc')).toEqual(['Expert Health Data Programming Inc']);
  });

  test('no organization without a name, or from "Co" without its period', () => {
    expect(orgs('Inc. and Ltd. are designators')).toEqual([]);
    expect(found('Denver, CO 80202').some((f) => f.startsWith('ORGANIZATION'))).toBe(false);
    expect(orgs('Acme Co')).toEqual([]);
    expect(orgs('Acme Co. shipped it')).toEqual(['Acme Co.']);
    expect(orgs("Acme's Inc. shares")).toEqual([]);
  });
});

describe('two names joined by "&"', () => {
  test('a family name and a word that is no given name', () => {
    expect(found('Smith & Wesson')).toEqual(['ORGANIZATION:Smith & Wesson:0.60']);
  });

  test('not given names, unknown words, places, or part of a longer name', () => {
    expect(orgs('Tom & Jerry')).toEqual([]);
    expect(orgs('Sales & Marketing')).toEqual([]);
    // Both words are known places (and family names that are no given names).
    expect(orgs('Bologna & Barbosa')).toEqual([]);
    expect(orgs('Barbosa & Wesson')).toEqual(['Barbosa & Wesson']);
    expect(orgs('Anna Smith & Wesson')).toEqual([]);
    expect(orgs('Smith & Wesson Lane')).toEqual([]);
    expect(orgs('The Smith & Wesson')).toEqual(['Smith & Wesson']);
  });
});

describe('lower-case writing', () => {
  test('the word before a legal designator, 0.6', () => {
    expect(found('we paid frost llc for the work')).toEqual(['ORGANIZATION:frost llc:0.75']);
    // Where a lower-case name begins is not known: one word.
    expect(orgs('i worked for think computer corporation once')).toEqual(['computer corporation']);
    expect(orgs('the invoice from morningstar inc. came')).toEqual(['morningstar inc.']);
  });

  test('not "company" or "group", and not over stop words', () => {
    expect(orgs('our company is great and my group too')).toEqual([]);
    expect(orgs('it was the llc')).toEqual([]);
  });
});

describe('an organization takes its words from the other scans', () => {
  test('no PERSON or LOCATION inside it', () => {
    expect(found('Rand Corporation')).toEqual(['ORGANIZATION:Rand Corporation:0.85']);
    expect(found('Merrill Corp.')).toEqual(['ORGANIZATION:Merrill Corp.:0.85']);
    expect(found('Boston Consulting Group')).toEqual(['ORGANIZATION:Boston Consulting Group:0.70']);
  });

  test('also when ORGANIZATION is not asked for', () => {
    expect(found('Drake PLC', { entities: ['PERSON', 'LOCATION'] })).toEqual([]);
    expect(found('Anna Drake', { entities: ['PERSON'] })).toEqual(['PERSON:Anna Drake:0.85']);
  });

  test('redaction masks it', () => {
    expect(redactPII('Wire it to Drake PLC today', { mode: 'placeholder' }).text).toBe(
      'Wire it to <ORGANIZATION_1> today',
    );
  });
});
