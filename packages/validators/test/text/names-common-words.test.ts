/**
 * Precision of PERSON on real mail (names-people.ts, names-lists.ts): a capitalized given name that is
 * also a common English word ("Read", "Link", "General") or that is written in capitals and stands alone
 * ("FREE", "RAM") is a person only before a known name ("Grant Smith", "JOHN SMITH") or after a cue;
 * weekdays and month abbreviations are never names; a cue names the next word only across a gap without
 * "=" (`name="top"`), after an honorific only across spaces and periods (not the font list "Comic Sans MS,
 * Trebuchet"), and "am" is no cue after a time ("11:46 AM"); the second word of a place starts no name
 * ("York" of "New York Times"). Each of these was found as a PERSON in the SpamAssassin ham mail. A one-word
 * place that is also a common English word ("Reading", "Union", "Manage") is a LOCATION only after a place
 * cue, next to another place or with context words, as a place that is also a name is.
 */
import { detectPII } from '@modelsec/validators';
import { describe, expect, test } from 'vitest';
import { COMMON_WORD_NAMES } from '../../src/text/data/person-names';
import { expectSpansOnWordSequences } from './spans-support';
import { expectStreamsAsWhole, filler } from './stream-support';

const found = (text: string) => detectPII(text).map((f) => `${f.entity}:${text.slice(f.start, f.end)}:${f.score}`);
const people = (text: string) => found(text).filter((f) => f.startsWith('PERSON:'));

describe('weak given names', () => {
  test('a common English word or a lone word in capitals is no person by itself', () => {
    for (const text of [
      'Read the article.',
      'Link[1] Discuss[2] (_Thanks, ',
      'License: GNU General Public License (GPL)',
      '<b>Read Full Story</b>',
      'Free shipping available',
      'Get a new phone here for FREE!',
      'a LOT of swap',
      '64 MB RAM and 32MB Flash',
      'German women average 242mm',
      'Installing Win on it',
      'Installing Perl 5.8.0 on Mac OS X',
      'a cheaper company like Dell',
      'Court Hearing Set in DeCSS Publication Case',
    ]) {
      expect(people(text), text).toEqual([]);
    }
  });

  test('before a known name, or after a cue, it is one', () => {
    expect(people('Grant Smith called')).toEqual(['PERSON:Grant Smith:1']);
    expect(people('Link Smith wrote')).toEqual(['PERSON:Link Smith:0.85']);
    expect(people('STEVE KOVSKY wrote')).toEqual(['PERSON:STEVE KOVSKY:0.85']);
    expect(people('JOHN SMITH')).toEqual(['PERSON:JOHN SMITH:0.85']);
    // Cued: a greeting (0.55 + 0.2 for the context word "hello"), a naming verb.
    expect(people('Hello Link, how are you')).toEqual(['PERSON:Link:0.75']);
    expect(people('everyone calls me Link')).toEqual(['PERSON:Link:0.55']);
    // Words kept as names although common words ("drew", "grant", "frank", "jack"...).
    expect(people('We saw Frank today')).toEqual(['PERSON:Frank:0.6']);
  });

  test('the generated list holds common words and not the names kept out of it', () => {
    const list = new Set(COMMON_WORD_NAMES.split('|'));
    for (const w of ['read', 'link', 'general', 'server', 'free', 'win', 'shell']) expect(list.has(w), w).toBe(true);
    for (const w of ['drew', 'grant', 'frank', 'jack', 'smith', 'gates', 'maria']) expect(list.has(w), w).toBe(false);
  });
});

describe('the second word of a place', () => {
  test('starts no name', () => {
    // (Stop 31: "New York" before "Times" is a newspaper's name, no LOCATION.)
    expect(found('The New York Times and the Journal')).toEqual([]);
    expect(found('the San Jose Mercury News')).toEqual(['LOCATION:San Jose:0.7']);
    // Counter-cases: a name after a place in another sentence, and a given name that is a place.
    expect(people('He moved to New York. Maria Lopez called')).toEqual(['PERSON:Maria Lopez:1']);
    expect(people('Paris Hilton')).toEqual(['PERSON:Paris Hilton:0.85']);
  });
});

describe('places that are common words', () => {
  test('need a place cue, a place next to them or context', () => {
    for (const text of ['Reading Package Lists... Done', 'Nice work', 'the Union said', 'Manage My Subscriptions']) {
      expect(found(text), text).toEqual([]);
    }
    expect(found('I live in Reading')).toEqual(['LOCATION:Reading:0.8']);
    expect(found('Reading, England')).toEqual(['LOCATION:Reading:0.6', 'LOCATION:England:0.6']);
    expect(found('she moved to Nice last year')).toEqual(['LOCATION:Nice:0.8']);
    // Mon, March and July are dates.
    // (And the time after "at" is one since stop 46.)
    expect(found('On Mon, Aug 19, 2002 at 03:15')).toEqual(['DATE_TIME:Aug 19, 2002:0.9', 'DATE_TIME:03:15:0.6']);
    expect(found('in the 12 months to March 2002')).toEqual(['DATE_TIME:March 2002:0.7']);
  });
});

describe('weekdays and months', () => {
  test('are dates, not people', () => {
    expect(found('The EPA finding, released Tuesday, is expected')).toEqual(['DATE_TIME:Tuesday:0.55']);
    expect(people('Wed Sep 4, 3:29 AM ET')).toEqual([]);
    expect(people('posted by pudge on Tuesday September 17, @08:00')).toEqual([]);
  });
});

describe('cue gaps', () => {
  test('no cue across "=", a comma after an honorific, or the "AM" of a time', () => {
    for (const text of [
      '<a name="top"></a>',
      '<a name=Zorblax>',
      'FONT-FAMILY: Comic Sans MS, Trebuchet MS, Helvetica',
      'Sent: Monday, September 02, 2002 11:46 AM\n> To: ilug@linux.ie',
      'At 9 AM Okonkwo came',
      'At 9AM Okonkwo came',
      '-----BEGIN PGP SIGNED MESSAGE-----',
      'Subject: Re: hello',
    ]) {
      expect(people(text), text).toEqual([]);
    }
  });

  test('counter-cases: the cues still name', () => {
    expect(people('Ms. Ada Okonkwo')).toEqual(['PERSON:Ada Okonkwo:1']);
    expect(people('Mr Ruud')).toEqual(['PERSON:Ruud:0.85']);
    expect(people('as Dr.\nRicherson said')).toEqual(['PERSON:Richerson:0.85']);
    expect(people('I am Okonkwo')).toEqual(['PERSON:Okonkwo:0.55']);
    expect(people('name: Zorblax')).toEqual(['PERSON:Zorblax:0.75']);
    expect(people('Signed Roberta')).toEqual(['PERSON:Roberta:0.8']);
  });
});

test('a stream decides as the whole text does', () => {
  expectStreamsAsWhole(
    [
      'Read the article by Grant Smith',
      'JOHN SMITH, FREE, 11:46 AM Okonkwo',
      '<a name="top"></a> Hello Link,',
      'Comic Sans MS, Trebuchet',
      'released Tuesday, Sep 4',
    ],
    (line, before) => `${filler(before)} ${line}. ${filler(40)}`,
  );
});

test('spans stay inside the text on arbitrary word sequences', () => {
  expectSpansOnWordSequences([
    'Read',
    'Link',
    'FREE',
    'Grant',
    'Smith',
    'SMITH',
    'JOHN',
    'Tuesday',
    'Sep',
    'AM',
    '11:46',
    'MS,',
    'Ms.',
    'name="',
    'Hello',
    'calls',
    'me',
    "Link's",
    '.',
  ]);
});
