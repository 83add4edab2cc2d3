import {
  BUILTIN_RECOGNIZERS,
  detectPII,
  detectPIIAsync,
  holdbackFor,
  redactPII,
  SCAN_BEFORE,
} from '@modelsec/validators';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { localityAfter } from '../../src/text/pii/address-lines';
import type { PiiCandidate } from '../../src/text/pii/types';
import { filler, longAddressLine, streamMasked, streamMaskedBy } from './stream-support';

const found = (text: string, entities?: string[]) =>
  detectPII(text, entities ? { entities } : {}).map((f) => `${f.entity}:${text.slice(f.start, f.end)}`);

describe('address blocks written one field per line: the locality line', () => {
  test('the town between the street or unit line and the country-and-postcode line is a LOCATION', () => {
    const block = '78 Camiño Ancho 91\n Suite 286\n El Tornadizo\n Gabon 66298';
    expect(found(block)).toContain('LOCATION:El Tornadizo');
    // The words before the postcode are the country or region, even when a name list has them too.
    expect(found(block)).toContain('LOCATION:Gabon');
    // The postcode is part of the address.
    expect(found('78 Camiño Ancho 91\n Suite 286\n Nyeri\n Kenya 45130')).toEqual([
      'ADDRESS:78 Camiño Ancho 91',
      'ADDRESS:Suite 286',
      'LOCATION:Nyeri',
      'LOCATION:Kenya',
      'ADDRESS:45130',
    ]);
    expect(found('16 salontie 6\napt. 523\nurjala\nsaudi arabia 58673')).toContain('LOCATION:saudi arabia');
    // All capitals, lower case, after a street line without a unit, with an empty line before the country.
    expect(found('Erica Kerr\n\n96 Salontie 19\n Suite 290\n HUMPPILA\n\n Oman 92227')).toContain('LOCATION:HUMPPILA');
    expect(found('16 salontie 6\napt. 523\nurjala\nmaldives 58673')).toContain('LOCATION:urjala');
    expect(found('12 Main Street\nSpringfield\nIL 62704')).toContain('LOCATION:Springfield');
    // Windows line breaks, quoted mail, trailing spaces.
    expect(found(block.replaceAll('\n', '\r\n'))).toContain('LOCATION:El Tornadizo');
    expect(found('> 78 Camiño Ancho 91\n> Suite 286\n> El Tornadizo\n> Gabon 66298')).toContain(
      'LOCATION:El Tornadizo',
    );
    expect(found('78 Camiño Ancho 91\n Suite 286  \n El Tornadizo \n Gabon 66298')).toContain('LOCATION:El Tornadizo');
    // Bulleted lines, and bullets decoded with the wrong character set ("??? "); none was found before.
    expect(found('• 78 Camiño Ancho 91\n• Suite 286\n• El Tornadizo\n• Gabon 66298')).toContain(
      'LOCATION:El Tornadizo',
    );
    expect(found('- 12 Main St\n- Springfield\n- USA 62704')).toEqual([
      'ADDRESS:12 Main St',
      'LOCATION:Springfield',
      'LOCATION:USA',
      'ADDRESS:62704',
    ]);
    expect(found('Linieweg 350\n??? Apt. 272\n??? Landelies\n??? Peru 66675')).toEqual([
      'ADDRESS:Linieweg 350',
      'ADDRESS:Apt. 272',
      'LOCATION:Landelies',
      'LOCATION:Peru',
      'ADDRESS:66675',
    ]);
  });

  test('not a locality: no postcode line, digits, five words, another prefix, a block inside a line', () => {
    const none = (text: string) => expect(found(text).filter((f) => f.includes('Tornadizo'))).toEqual([]);
    none('78 Camiño Ancho 91\n Suite 286\n El Tornadizo\n Thanks for your help');
    none('78 Camiño Ancho 91\n Suite 286\n El Tornadizo\n Bob 20');
    none('78 Camiño Ancho 91\n Suite 286\n El Tornadizo 2\n Gabon 66298');
    none('78 Camiño Ancho 91\n Suite 286\n El Tornadizo de la Sierra\n Gabon 66298');
    none('78 Camiño Ancho 91\n Suite 286\nEl Tornadizo\n Gabon 66298');
    none('78 Camiño Ancho 91\n Suite 286\n El Tornadizo\n\n\n Gabon 66298');
    none('Send it to Suite 286\n El Tornadizo\n Gabon 66298');
    none('78 Camiño Ancho 91, Suite 286\n El Tornadizo\n');
    // Another bullet on the town's line.
    none('• 78 Camiño Ancho 91\n• Suite 286\n* El Tornadizo\n• Gabon 66298');
  });

  test('a stream decides as the whole text does, whatever the length of the line before the locality', () => {
    const street = fc.integer({ min: 0, max: 24 }).map((k) => `78 ${'Camiño '.repeat(k)}Ancho 91`);
    // Filler before and after, so that the stream cuts its pieces anywhere around the block.
    const block = fc
      .tuple(
        street,
        fc.boolean(),
        fc.constantFrom('', ' ', '>  ', '• ', '??? '),
        fc.constantFrom('\n', '\r\n'),
        fc.nat(7000),
      )
      .map(([s, unit, pre, nl, before]) => {
        const lines = [s, ...(unit ? ['Suite 286'] : []), 'El Tornadizo', 'Gabon 66298'];
        return `${filler(before)}${nl}${lines.map((l) => pre + l).join(nl)}${nl}${filler(2600)}`;
      });
    let located = 0;
    fc.assert(
      fc.property(block, fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 40 }), (text, sizes) => {
        expect(streamMaskedBy(text, sizes)).toBe(redactPII(text, { mode: 'mask' }).text);
        if (detectPII(text).some((f) => f.entity === 'LOCATION')) located++;
      }),
      { numRuns: 300 },
    );
    expect(located).toBeGreaterThan(30);
    // Cuts placed around the end of the line before the locality, for lines on both sides of the bound
    // below: a stream fed one unit at a time cuts first at `holdback + 1` units.
    const holdback = holdbackFor(BUILTIN_RECOGNIZERS);
    let cases = 0;
    let withLocality = 0;
    // Lines of 114-129 units (a street word longer than 31 letters is no street).
    for (let w = 14; w <= 29; w++) {
      const line = longAddressLine(w);
      for (let d = -3; d <= 3; d++) {
        const text = `${filler(holdback - line.length + d)}\n${line}\nEl Tornadizo\nGabon 66298\n${filler(2 * holdback)}`;
        const batch = redactPII(text, { mode: 'mask' }).text;
        expect(streamMasked(text)).toBe(batch);
        if (!batch.includes('El Tornadizo')) withLocality++;
        cases++;
      }
    }
    expect(cases).toBe(112);
    // Lines of up to 126 units have their locality found, longer ones not.
    expect(withLocality).toBeGreaterThan(20);
    expect(withLocality).toBeLessThan(112);
    // The line before the locality must fit in what a stream keeps before each piece: 126 units.
    expect(SCAN_BEFORE).toBe(128);
    // The postcode too, when the whole layout from the line break before the block's line does (a
    // stream reads no further back): here up to a line of 107 units.
    for (const [length, emits] of [
      [107, 3],
      [108, 2],
      [126, 2],
      [127, 0],
    ] as const) {
      const text = `Hi\n${'a'.repeat(length)}\nEl Tornadizo\nGabon 66298`;
      const out: PiiCandidate[] = [];
      localityAfter(text, 3, 3 + length, (c) => out.push(c));
      expect(out.map((c) => c.entity)).toEqual(['LOCATION', 'LOCATION', 'ADDRESS'].slice(0, emits));
    }
  });

  test('the entity filter: the locality is a LOCATION, not part of ADDRESS', async () => {
    const block = '78 Camiño Ancho 91\n Suite 286\n El Tornadizo\n Gabon 66298';
    expect(found(block, ['LOCATION'])).toContain('LOCATION:El Tornadizo');
    expect(found(block, ['ADDRESS']).some((f) => f.startsWith('LOCATION'))).toBe(false);
    const asyncFound = await detectPIIAsync(block, { entities: ['LOCATION'] });
    expect(asyncFound.map((f) => block.slice(f.start, f.end))).toContain('El Tornadizo');
  });

  test('arbitrary lines around a block: spans inside the locality line, never a crash', () => {
    const line = fc.constantFrom(
      '78 Camiño Ancho 91',
      ' Suite 286',
      ' El Tornadizo',
      'El Tornadizo',
      ' Gabon 66298',
      '',
      '> x',
      '\r',
      ' ',
      'ab',
    );
    // The layout's four lines, each sometimes replaced by an arbitrary one.
    const keep = (l: string) => fc.oneof({ weight: 3, arbitrary: fc.constant(l) }, { weight: 1, arbitrary: line });
    const layout = fc.tuple(
      keep('78 Camiño Ancho 91'),
      keep(' Suite 286'),
      keep(' El Tornadizo'),
      keep(' Gabon 66298'),
    );
    // The block is one of the lines (after its prefix), as the address recognizer passes it, or arbitrary
    // offsets; the block lines make the layout likely, so the checks below do run (counted).
    let emitted = 0;
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 3 }),
        layout,
        fc.array(line, { maxLength: 3 }),
        fc.nat(9),
        fc.nat(200),
        fc.nat(200),
        (head, mid, tail, k, a, b) => {
          const lines = [...head, ...mid, ...tail];
          const text = lines.join('\n');
          let start = Math.min(a, text.length);
          let end = Math.min(start + b, text.length);
          if (k < lines.length) {
            const lineStart = lines.slice(0, k).reduce((n, l) => n + l.length + 1, 0);
            const lineText = lines[k] as string;
            start = lineStart + (lineText.length - lineText.trimStart().length);
            end = lineStart + lineText.length;
          }
          const out: PiiCandidate[] = [];
          localityAfter(text, start, end, (c) => out.push(c));
          for (const c of out) {
            expect(c.start).toBeGreaterThan(end);
            // Places, and the postcode after the last one.
            if (c.entity === 'ADDRESS') expect(text.slice(c.start, c.end)).toMatch(/^[\p{L}\p{N}-]*\d[\p{L}\p{N}-]*$/u);
            else {
              expect(c.entity).toBe('LOCATION');
              expect(text.slice(c.start, c.end)).toMatch(/^\p{L}[\p{L}\p{M}'’. -]*$/u);
            }
          }
          emitted += out.length;
        },
      ),
      { numRuns: 2000 },
    );
    expect(emitted).toBeGreaterThan(20);
  });
});

describe('known places are not people', () => {
  test('a given name and a word that is no name, together a known place, is a LOCATION', () => {
    expect(found('Marshall Islands 56293')).toEqual(['LOCATION:Marshall Islands']);
    expect(found('We flew to Virginia Beach')).toContain('LOCATION:Virginia Beach');
    // Also when both words are names ("Costa" is a family name).
    expect(found('We flew to Costa Rica')).toEqual(['LOCATION:Costa Rica']);
    // A person cue still makes it a person; a known family name keeps a person a person.
    expect(found('My name is Virginia Beach.')).toContain('PERSON:Virginia Beach');
    expect(found('Marshall Smith called.')).toContain('PERSON:Marshall Smith');
  });
});
