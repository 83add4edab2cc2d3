/**
 * The one way the PERSON/LOCATION/ORGANIZATION scans report a candidate: not when it is the name of a
 * numbered street ("40 rue Victor Hugo", "15 Millicent Drive"), which the address recognizer reports
 * (address-numbered.ts). Asked only in texts with a digit (`Words.digits`), as every such street has one.
 * A person's name before a facility's word is the facility's (names-facilities.ts); a name after a
 * site's head word and a particle is the site's ("Puerta del Sol", names-sites.ts).
 */
import { STREET_ENDINGS, STREET_SUFFIXES, TYPES } from './address';
import { inNumberedStreet } from './address-numbered';
import { asFacility, asPlaceFeature } from './names-facilities';
import { asHeadedSite, asSaintSite, withRegionWord } from './names-sites';
import type { Words } from './names-tokens';
import type { PiiCandidate } from './types';

/**
 * `emit(c)`, unless `c` is the name of a numbered street.
 * @internal
 *
 * @example
 * ```ts
 * emitName(w, { entity: 'PERSON', start: 3, end: 18, score: 0.85, recognizer: 'names' }, emit);
 * ```
 */
export function emitName(w: Words, c: PiiCandidate, emit: (c: PiiCandidate) => void): void {
  if (w.digits && inNumberedStreet(w.text, c.start, c.end, TYPES, STREET_SUFFIXES, STREET_ENDINGS)) return;
  const r = c.entity === 'ORGANIZATION' ? c : asSite(w.text, c);
  if (r !== undefined) emit(r);
}

/**
 * What to report for PERSON or LOCATION candidate `c` of `text` when it names a site or facility, the
 * candidate itself otherwise, or `undefined` for nothing:
 * - a saint's name in the possessive names a site or a day ("St. Mary's Hospital"), and a name after a
 *   site's head word and a particle the site ("Gare du Nord", "Mount Fuji"): names-sites.ts;
 * - a person's name before "Airport", "Memorial", "School"... names the facility, and a place before
 *   "Park", "Bridge", "Lake"... the site, both words: names-facilities.ts; a place after a word for a part
 *   of it takes the word ("Latin America", names-sites.ts).
 * @internal
 *
 * @example
 * ```ts
 * asSite("at St. Mary's Hospital", { entity: 'PERSON', start: 7, end: 11, score: 0.6, recognizer: 'names' });
 * // LOCATION "St. Mary's Hospital"
 * ```
 */
export function asSite(text: string, c: PiiCandidate): PiiCandidate | undefined {
  const saint = asSaintSite(text, c);
  if (saint !== undefined) return saint ?? undefined;
  const site = asHeadedSite(text, c);
  if (site !== undefined) return site;
  return c.entity === 'PERSON'
    ? asFacility(text, c)
    : c.entity === 'LOCATION'
      ? asPlaceFeature(text, withRegionWord(text, c))
      : c;
}
