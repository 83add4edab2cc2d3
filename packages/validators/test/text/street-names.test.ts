/**
 * Names inside street lines (street-names.ts): a PERSON, LOCATION or ORGANIZATION candidate inside a
 * street line the address recognizer reported is decided after the street, so a kept street takes the
 * name with it; and ship-name units cut by UNIT_RE's ASCII `\b` ("USNS Bj|örklund").
 */
import { BUILTIN_RECOGNIZERS, detectPII, type PiiRecognizer, redactPII } from '@modelsec/validators';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isStreetLine, rankNamesInStreets } from '../../src/text/pii/street-names';
import type { PiiCandidate } from '../../src/text/pii/types';
import { expectStreamsAsWhole, filler, streamMaskedBy } from './stream-support';

const found = (text: string, options = {}) =>
  detectPII(text, options).map((f) => `${f.entity}:${text.slice(f.start, f.end)}`);
const address = BUILTIN_RECOGNIZERS.find((r) => r.name === 'address');
if (!address) throw new Error('built-in address recognizer missing');

/** The address recognizer's candidates on `text`: `text` of the span, and whether it is a street line. */
function lines(text: string): [string, boolean][] {
  const out: [string, boolean][] = [];
  address?.scan(text, (c) => out.push([text.slice(c.start, c.end), isStreetLine(c)]));
  return out;
}

describe('a name inside a street line is the street', () => {
  test('street lines whose names outscore them (each was a PERSON before, the rest of the street left)', () => {
    expect(found('He lives at 78 Victor Hugo u. 97. now')).toEqual(['ADDRESS:78 Victor Hugo u. 97.']);
    expect(found('Send it to 21 170 London Place Apt. 892 today')).toEqual(['ADDRESS:21 170 London Place Apt. 892']);
    expect(found('Rua Soldado Joaquim Xavier 1471.')).toEqual(['ADDRESS:Rua Soldado Joaquim Xavier 1471.']);
    expect(found('Lille Vibyvej 8')).toEqual(['ADDRESS:Lille Vibyvej 8']);
    // Redaction leaves nothing of the street.
    expect(redactPII('He lives at 78 Victor Hugo u. 97. now', { mode: 'placeholder' }).text).toBe(
      'He lives at <ADDRESS_1> now',
    );
  });

  test('the finding keeps its score; a street that is not kept leaves its names to be decided as before', () => {
    const text = 'Call 78 Victor Hugo u. 97. now';
    const [street] = detectPII(text);
    expect(street).toMatchObject({ entity: 'ADDRESS', start: 5, end: 26, score: 0.65 });
    // A finding of a custom recognizer that outscores the street and overlaps it, not the name.
    const callTag: PiiRecognizer = {
      name: 'callTag',
      entities: ['CALL_TAG'],
      maxLength: 8,
      scan(t, emit) {
        const at = t.indexOf('Call 78');
        if (at >= 0) emit({ entity: 'CALL_TAG', start: at, end: at + 7, score: 0.99, recognizer: 'callTag' });
      },
    };
    const withTag = detectPII(text, { recognizers: [...BUILTIN_RECOGNIZERS, callTag] });
    expect(withTag.map((f) => [f.entity, text.slice(f.start, f.end), f.score])).toEqual([
      ['CALL_TAG', 'Call 78', 0.99],
      // Its own score ("call" is a PERSON context word), not the street's 0.65 it was ranked with.
      ['PERSON', 'Victor Hugo', 1],
    ]);
  });

  test('not the names of the segments a block is extended over, nor of a lone unit', () => {
    // "Forest Park" is a segment of the block, outside its street line.
    expect(lines('19 2249 College Street, Forest Park')).toEqual([
      ['19 2249 College Street, Forest Park', false],
      ['19 2249 College Street', true],
    ]);
    const meet = "We'll meet Sunday at Lenddo, 19 2249 College Street, Forest Park"; // a Presidio text
    expect(found(meet)).toEqual(['DATE_TIME:Sunday', 'ADDRESS:19 2249 College Street', 'LOCATION:Forest Park']);
    // A lone "USS Name" unit is no street: the place in it is decided on its own score.
    expect(lines('I served on the USS Arizona')).toEqual([['USS Arizona', false]]);
    expect(found('I served on the USS Arizona')).toEqual(['LOCATION:Arizona']);
    // "Enterprise" is a place that is also a common word (names-common-words.test.ts): no LOCATION alone.
    expect(found('I served on the USS Enterprise')).toEqual(['ADDRESS:USS Enterprise']);
    // People next to numbers stay people.
    expect(found('In 1999 John Smith won 3 games')).toEqual(['PERSON:John Smith']);
  });

  test('a name found by a NER model is ranked the same way', async () => {
    const { detectPIIAsync } = await import('@modelsec/validators');
    const text = 'He lives at 78 Victor Hugo u. 97. now';
    const at = text.indexOf('Victor Hugo');
    const ner = () => [{ entity: 'PER', start: at, end: at + 11, score: 0.99 }];
    const got = await detectPIIAsync(text, { ner });
    expect(got.map((f) => [f.entity, text.slice(f.start, f.end)])).toEqual([['ADDRESS', '78 Victor Hugo u. 97.']]);
  });

  test('a stream redacts these streets as the whole text does, wherever it is cut', () => {
    const streets = [
      '78 Victor Hugo u. 97.',
      '21 170 London Place Apt. 892',
      'Rua Soldado Joaquim Xavier 1471.',
      'USNS Björklund\nFPO AP 07688',
      '19 2249 College Street, Forest Park',
    ];
    expectStreamsAsWhole(streets, (street, before) => `${filler(before)} ${street} ${filler(2500)}`);
  });
});

describe('rankNamesInStreets', () => {
  const span = (entity: string, start: number, length: number, score: number): PiiCandidate => ({
    entity,
    start,
    end: start + length,
    score,
    recognizer: 'test',
  });
  const entity = fc.constantFrom('PERSON', 'LOCATION', 'ORGANIZATION', 'ADDRESS', 'PHONE_NUMBER');
  const score = fc.double({ min: 0, max: 1.2, noNaN: true });
  const candidate = fc
    .tuple(entity, fc.nat(200), fc.integer({ min: 1, max: 40 }), score)
    .map(([e, s, l, x]) => span(e, s, l, x));
  // Street lines do not overlap: cut [0, 260) into consecutive pieces, some of them streets.
  const streetList = fc
    .array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 10 }), score), { maxLength: 8 })
    .map((pieces) => {
      const out: PiiCandidate[] = [];
      let at = 0;
      for (const [length, gap, x] of pieces) {
        at += gap;
        out.push(span('ADDRESS', at, length, x));
        at += length;
      }
      return out;
    });

  test('ranks exactly the names inside a longer street that they outscore, as that street; the rest unchanged', () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 30 }), streetList, fc.boolean(), (cands, streets, shuffle) => {
        const above = [...cands, ...streets];
        const given = shuffle ? [...streets].reverse() : [...streets];
        const originals = new Map<PiiCandidate, PiiCandidate>();
        const ranked = rankNamesInStreets(above, given, originals);
        expect(ranked).toHaveLength(above.length);
        let copies = 0;
        above.forEach((c, i) => {
          const isName = c.entity === 'PERSON' || c.entity === 'LOCATION' || c.entity === 'ORGANIZATION';
          const holders = streets.filter(
            (s) => s.start <= c.start && c.end <= s.end && s.end - s.start > c.end - c.start,
          );
          // Scores as findings report them: clamped to [0, 1], 3 decimals.
          const clamp = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;
          const street = holders[0];
          if (isName && street && clamp(c.score) > clamp(street.score)) {
            copies++;
            const r = ranked[i] as PiiCandidate;
            expect(r).not.toBe(c);
            expect(r).toEqual({ ...c, score: clamp(street.score) });
            expect(originals.get(r)).toBe(c);
          } else expect(ranked[i]).toBe(c);
        });
        expect(originals.size).toBe(copies);
        if (copies === 0) expect(ranked).toBe(above);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('ship-name units', () => {
  test('a unit cut inside a word by the ASCII \\b takes the rest of the word', () => {
    expect(found('Write to USNS Björklund\nFPO AP 07688')).toEqual(['ADDRESS:USNS Björklund\nFPO AP 07688']);
    expect(lines('USS Hagström, FPO AE 09012').map(([t]) => t)).toContain('USS Hagström, FPO AE 09012');
    // Not past the word, and at most 31 units more.
    expect(lines('USS Bjö 12').map(([t]) => t)[0]).toBe('USS Bjö');
    const long = `USS Bj${'ö'.repeat(40)}`;
    expect(lines(long).map(([t]) => t)[0]).toBe(`USS Bj${'ö'.repeat(31)}`);
  });

  test('on arbitrary text after a ship unit, the spans index the text and end at a word end or after 31 units', () => {
    const tail = fc.string({
      unit: fc.constantFrom('ö', 'é', 'a', 'Z', ' ', '1', '\u0301', '\uD83D', '\uDE00', '-'),
      maxLength: 50,
    });
    fc.assert(
      fc.property(
        fc.constantFrom('USS ', 'usns ', 'USNV '),
        fc.constantFrom('B', 'Bj', 'Kx'),
        tail,
        (head, word, rest) => {
          const text = `${head}${word}${rest}`;
          address?.scan(text, (c) => {
            expect(c.start).toBeGreaterThanOrEqual(0);
            expect(c.end).toBeLessThanOrEqual(text.length);
            expect(c.start).toBeLessThan(c.end);
          });
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('a megabyte of cut ship names scans in linear time (no exception, bounded spans)', () => {
    const text = 'USS Bjö'.padEnd(40, 'ö').concat(' ').repeat(26_000);
    let n = 0;
    let longest = 0;
    address?.scan(text, (c) => {
      n++;
      longest = Math.max(longest, c.end - c.start);
    });
    expect(n).toBeGreaterThan(0);
    expect(longest).toBeLessThanOrEqual(400);
  });
});

describe('street types written as a word of their own after the name', () => {
  test('German, Hungarian, Slovene, Latvian streets (none was found before)', () => {
    expect(found('Wohnt in der Berliner Straße 12, Berlin')).toEqual(['ADDRESS:Berliner Straße 12', 'LOCATION:Berlin']);
    expect(found('Tempelhofer Damm 2')).toEqual(['ADDRESS:Tempelhofer Damm 2']);
    expect(found('Alter Weg 3')).toEqual(['ADDRESS:Alter Weg 3']);
    expect(found('Erzsébet tér 92.')).toEqual(['ADDRESS:Erzsébet tér 92.']);
    expect(found('Bajcsy-Zsilinszky körút 12')).toEqual(['ADDRESS:Bajcsy-Zsilinszky körút 12']);
    expect(found('Gosposka ulica 47')).toEqual(['ADDRESS:Gosposka ulica 47']);
    // The name in it is the street's (it was a PERSON, "György").
    expect(found('Dózsa György út 78.')).toEqual(['ADDRESS:Dózsa György út 78.']);
    expect(found('Brīvības iela 1, Rīga')).toEqual(['ADDRESS:Brīvības iela 1, Rīga']);
  });

  test('only after a capitalized word, and not for endings that are common words', () => {
    expect(found('the weg 5 is closed')).toEqual([]);
    expect(found('Boarding Gate 12')).toEqual([]);
    expect(lines('The Ring 2')).toEqual([]);
    expect(lines('Golf Tee 3')).toEqual([]);
  });
});

describe('a block extended over a segment after a space ends before prose', () => {
  test('the segment stops at its first word that is in no place name; not after a period', () => {
    expect(found('The letter arrived at 01 4589 40th Street Suite 603 Calgary AB last night.')).toEqual([
      'ADDRESS:01 4589 40th Street Suite 603 Calgary AB',
    ]);
    expect(found('I live at 5 Main Street Springfield and I like it')).toEqual(['ADDRESS:5 Main Street Springfield']);
    // Particles inside a place's name stay; those before the prose go.
    expect(lines('Ship to 5 Main Street Frankfurt am Main please')[0]?.[0]).toBe('5 Main Street Frankfurt am Main');
    expect(lines('Ship to 5 Main Street Trinidad and the rest')[0]?.[0]).toBe('5 Main Street Trinidad');
    // After a period, a capitalized word starts a sentence: "Please" is no town.
    expect(found("I'd like a taxi to Via Scala 50. Please call me when you're here.")).toEqual([
      'ADDRESS:Via Scala 50.',
    ]);
    expect(found('Pedestrians must enter on Erzsébet tér 92. St. the first three months')).toEqual([
      'ADDRESS:Erzsébet tér 92.',
    ]);
  });
});

describe('a block extended over a segment after a comma ends before prose too', () => {
  test('a segment starting with a capital or a digit stops at its first word that is in no place name', () => {
    // Before, the whole segment had to be a place: "IL 62704 now" was none, so the block stopped before
    // the state and ZIP code and left them in the text; "Springfield and never came back" was read whole.
    for (const [text, address] of [
      ['I live at 12 Main Street, Springfield, IL 62704 now', '12 Main Street, Springfield, IL 62704'],
      [
        'Send it to 1600 Pennsylvania Avenue NW, Washington, DC 20500 by Friday.',
        '1600 Pennsylvania Avenue NW, Washington, DC 20500',
      ],
      ['I am at 500 W 2nd St, Austin, TX 78701 until noon', '500 W 2nd St, Austin, TX 78701'],
      ['Visit us at 77 Massachusetts Ave, Cambridge, MA 02139 today', '77 Massachusetts Ave, Cambridge, MA 02139'],
      [
        'Office at 123 N. Main St., Suite 400, Dallas, TX 75201 and remote',
        '123 N. Main St., Suite 400, Dallas, TX 75201',
      ],
      ['He moved to 742 Evergreen Terrace, Springfield and never came back', '742 Evergreen Terrace, Springfield'],
      ['Ship to 221B Baker Street, London NW1 6XE, UK please', '221B Baker Street, London NW1 6XE, UK'],
      ['Sent from 8 rue de Rivoli, 75004 Paris, France yesterday', '8 rue de Rivoli, 75004 Paris, France'],
      // Particles inside a place's name stay.
      ['Kostelec: 27 2711 Queens Sq, Kostelec nad Orlicí, Iraq', '27 2711 Queens Sq, Kostelec nad Orlicí, Iraq'],
      [
        'my address is 14 Omonia Square Suite 685, Quebec, Saint Vincent and the Grenadines 78990 for post mail',
        '14 Omonia Square Suite 685, Quebec, Saint Vincent and the Grenadines 78990',
      ],
    ] as const) {
      expect(found(text), text).toContain(`ADDRESS:${address}`);
    }
  });

  test('an Australian state code after the town is no family name: the block is whole', () => {
    // "Sydney NSW" was a PERSON (a given name and an unknown word in capitals) that outscored the block.
    expect(found('Office: 12 George St, Brisbane QLD 4000')).toEqual(['ADDRESS:12 George St, Brisbane QLD 4000']);
    expect(found('88 Collins Street, Sydney NSW 2000, Australia')).toEqual([
      'ADDRESS:88 Collins Street, Sydney NSW 2000, Australia',
    ]);
    expect(found('She lives in Sydney NSW')).toEqual(['LOCATION:Sydney']);
  });

  test('a segment in lower case is read whole, as before; and a cut segment ends the block', () => {
    // Text written all in lower case has no capitals to tell the town from prose.
    expect(found('19 pierre delannoyplaats 211, erwetegem united states')).toContain(
      'ADDRESS:19 pierre delannoyplaats 211, erwetegem united states',
    );
    // Nothing after the prose joins the block ("Chicago" is the LOCATION it was).
    expect(found('I live at 12 Main Street, Springfield and work in Chicago, Illinois')).toEqual([
      'ADDRESS:12 Main Street, Springfield',
      'LOCATION:Chicago',
      'LOCATION:Illinois',
    ]);
  });

  test('redaction leaves neither the state nor the ZIP code in the text', () => {
    expect(redactPII('Please write to 12 Main Street, Springfield, IL 62704 soon.', { mode: 'placeholder' }).text).toBe(
      'Please write to <ADDRESS_1> soon.',
    );
  });
});

describe('postcodes of other countries in a block', () => {
  test('a postcode then the town after the street, or a UK or Canadian postcode after the town (none was whole before)', () => {
    for (const [text, address] of [
      ['Meet at 10 Downing Street, London SW1A 2AA', '10 Downing Street, London SW1A 2AA'],
      ['c/o Jane Smith, 45 Rue de Rivoli, 75001 Paris', '45 Rue de Rivoli, 75001 Paris'],
      ['Via Roma 12, 00184 Roma RM', 'Via Roma 12, 00184 Roma RM'],
      ['Calle Mayor 5, 28013 Madrid', 'Calle Mayor 5, 28013 Madrid'],
      ['Rua Augusta 100, 1100-053 Lisboa', 'Rua Augusta 100, 1100-053 Lisboa'],
      ['ul. Marszałkowska 10, 00-590 Warszawa', 'ul. Marszałkowska 10, 00-590 Warszawa'],
      ['Kungsgatan 12, 111 43 Stockholm', 'Kungsgatan 12, 111 43 Stockholm'],
      ['Musterstraße 1, 12345 Musterstadt', 'Musterstraße 1, 12345 Musterstadt'],
      ['Kungsgatan 12\n111 43 Stockholm', 'Kungsgatan 12\n111 43 Stockholm'],
      ['1 Yonge St, Toronto, ON M5E 1W7', '1 Yonge St, Toronto, ON M5E 1W7'],
    ] as const) {
      expect(found(text), text).toContain(`ADDRESS:${address}`);
    }
  });

  test('a stream redacts them as the whole text does', () => {
    const blocks = [
      '45 Rue de Rivoli, 75001 Paris',
      'Kungsgatan 12\n111 43 Stockholm',
      '10 Downing Street, London SW1A 2AA',
    ];
    expectStreamsAsWhole(blocks, (b, before) => `${filler(before)}\n${b}\n${filler(2500)}`);
  });
});

describe('segments end at a sentence, a parenthesis or a quote; their postcodes stand alone too', () => {
  const text =
    'I live at Calle Mayor 5, 28013 Madrid. My colleague Dr. Hans-Peter Schmidt (Berliner Straße 12, 10115 Berlin) can be reached.';

  test('nothing of either address is left in the redacted text', () => {
    // Before: "28013 Madrid. My colleague Dr." was read as a street ("… Drive") and the block ran into the
    // name; the block in parentheses stopped at the street, leaving "10115" in the text.
    expect(redactPII(text, { mode: 'placeholder' }).text).toBe(
      'I live at <ADDRESS_1>. My colleague Dr. <PERSON_1> (<ADDRESS_2>) can be reached.',
    );
    expect(found(text)).toContain('ADDRESS:Calle Mayor 5, 28013 Madrid');
    // With a phone number after it, "Berlin" gets a place context word ("at"), but no longer outscores the
    // block: a segment with a postcode adds 0.1 to it (2026-11-30). Before, "10115" and "Berlin" were
    // findings of their own.
    const phone = text.replace('can be reached.', 'can be reached at +49 30 12345678.');
    expect(redactPII(phone, { mode: 'placeholder' }).text).toBe(
      'I live at <ADDRESS_1>. My colleague Dr. <PERSON_1> (<ADDRESS_2>) can be reached at <PHONE_NUMBER_1>.',
    );
  });

  test('a period after an abbreviation does not end the segment', () => {
    expect(found('5 Main St, St. Louis, MO 63101')).toEqual(['ADDRESS:5 Main St, St. Louis, MO 63101']);
    expect(found('1600 Pennsylvania Ave NW, Washington, D.C. 20500')).toEqual([
      'ADDRESS:1600 Pennsylvania Ave NW, Washington, D.C. 20500',
    ]);
  });

  test('the postcode of each segment is a candidate of its own (0.6)', () => {
    expect(lines('12 Main St, Springfield, IL 62704').map(([t]) => t)).toEqual([
      // A later rule (address-codes.ts): the town line and its state and ZIP code, without the street.
      'Springfield, IL 62704',
      'IL 62704',
      '12 Main St, Springfield, IL 62704',
      '12 Main St',
      'IL 62704',
    ]);
    expect(lines('45 Rue de Rivoli, 75001 Paris').map(([t]) => t)).toContain('75001');
  });
});

describe("an address block is at most the recognizer's maxLength (400 units)", () => {
  test('a long run of address parts is cut into blocks (it was one finding of 24,000 units)', () => {
    for (const piece of [
      '12 Main St, ',
      'Musterstraße 12, 10115 Berlin ',
      'Apt 4 ',
      'Berliner Straße 12, 10115 Berlin ',
    ]) {
      const text = piece.repeat(1000);
      let longest = 0;
      address?.scan(text, (c) => {
        longest = Math.max(longest, c.end - c.start);
      });
      expect(longest, piece).toBeLessThanOrEqual(address?.maxLength ?? 0);
      expect(detectPII(text).length, piece).toBeGreaterThan(1);
    }
  });

  test('on arbitrary runs of address pieces every candidate is at most 400 units', () => {
    const piece = fc.constantFrom(
      '12 Main St',
      'Apt 4',
      'Musterstraße 12',
      '10115 Berlin',
      'Springfield',
      'IL 62704',
      'x',
    );
    const sep = fc.constantFrom(', ', ' ', ',', '\n', '. ');
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, sep), { maxLength: 120 }), (parts) => {
        const text = parts.map(([p, s]) => p + s).join('');
        address?.scan(text, (c) => {
          expect(c.end - c.start).toBeLessThanOrEqual(400);
        });
      }),
      { numRuns: 300 },
    );
  });

  test('a stream masks a run of parts longer than 400 units as the whole text does, wherever it cuts', () => {
    const part = fc.constantFrom(
      '12 Main St',
      'Apt. 4',
      '98 Grote Baan 477',
      'Suite 400',
      '221B Baker Street',
      'PO Box 12',
    );
    const sep = fc.constantFrom(', ', ' ', ',');
    const run = fc
      .array(fc.tuple(part, sep), { minLength: 40, maxLength: 80 })
      .map((a) => a.map(([p, s]) => p + s).join(''));
    fc.assert(
      fc.property(
        run,
        fc.nat(300),
        fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 20 }),
        (r, before, sizes) => {
          const text = `${filler(before)} ${r} ${filler(100)}`;
          expect(r.length).toBeGreaterThan(400);
          expect(streamMaskedBy(text, sizes)).toBe(redactPII(text, { mode: 'mask' }).text);
        },
      ),
      { numRuns: 300 },
    );
  });
});
