/**
 * The one way the PERSON/LOCATION/ORGANIZATION scans report a candidate: not when it is the name of a
 * numbered street ("40 rue Victor Hugo", "15 Millicent Drive"), which the address recognizer reports
 * (address-numbered.ts). Asked only in texts with a digit (`Words.digits`), as every such street has one.
 * A person's name before a facility's word is the facility's (names-facilities.ts).
 */
import { STREET_ENDINGS, STREET_SUFFIXES, TYPES } from './address';
import { inNumberedStreet } from './address-numbered';
import { asFacility, asPlaceFeature } from './names-facilities';
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
  // A person's name before "Airport", "Memorial", "School"... names the facility (names-facilities.ts).
  // A place before "Park", "Bridge", "Lake"... names the site: both words (names-facilities.ts).
  const r = c.entity === 'PERSON' ? asFacility(w.text, c) : c.entity === 'LOCATION' ? asPlaceFeature(w.text, c) : c;
  if (r !== undefined) emit(r);
}
