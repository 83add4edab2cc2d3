/**
 * A name inside a street line belongs to the street: "78 Victor Hugo u. 97.", "59 Rue de la Nouvelle
 * Delhi", "21 170 London Place Apt. 892", "Rua Soldado Joaquim Xavier 1471.". The names scans drop the
 * shapes they can tell by themselves (`emitName`); for the others, a PERSON, LOCATION or ORGANIZATION
 * candidate that lies inside a street line the address recognizer reported (`isStreetLine`) and
 * outscores it is ranked with the street's score for overlap resolution. The street, longer, is then
 * decided first: kept, it takes the name with it (nothing of the street is left in a redacted text);
 * dropped (it lost to another finding), the name is decided next, as before. The finding keeps the
 * name's own score.
 */
import { wordSet } from '../shared/context';
import { clampScore } from '../shared/types';
import type { PiiCandidate } from './types';

/** The context words of the address recognizer's candidates. */
const ADDRESS_WORDS =
  'address addresses live lives living located ship shipping deliver delivery mail send sent billing street residence home moved';

/** @internal The context words of the ADDRESS candidates that are not street lines. */
export const ADDRESS_CONTEXT: ReadonlySet<string> = /* @__PURE__ */ wordSet(ADDRESS_WORDS);

/**
 * @internal The same words as `ADDRESS_CONTEXT`, in a set of their own, which marks a street line: a
 * block of street, house-number and unit parts (not a lone short unit such as "USS Enterprise"), without
 * the town, region and postcode segments it may be extended over (a name there, "Forest Park" after "19
 * 2249 College Street,", is not the street's). Street lines never overlap. A set, not a property of the
 * candidate: every built-in candidate keeps one shape where `detectPII` reads them.
 */
export const STREET_LINE_CONTEXT: ReadonlySet<string> = /* @__PURE__ */ wordSet(ADDRESS_WORDS);

/**
 * Whether `c` is a street line of the address recognizer (its context is `STREET_LINE_CONTEXT`).
 * @internal
 *
 * @example
 * ```ts
 * if (isStreetLine(c)) streets.push(c);
 * ```
 */
export function isStreetLine(c: PiiCandidate): boolean {
  return c.context === STREET_LINE_CONTEXT;
}

const NAMES: ReadonlySet<string> = /* @__PURE__ */ new Set(['PERSON', 'LOCATION', 'ORGANIZATION']);

/**
 * `above` with each name candidate that lies inside a street line of `streets` and scores higher than
 * it replaced by a copy scored as that street (`originals` maps the copy back to the candidate), or
 * `above` itself when there is none. `streets`: street lines, in any order (sorted here).
 * @internal
 *
 * @example
 * ```ts
 * const originals = new Map<PiiCandidate, PiiCandidate>();
 * const ranked = rankNamesInStreets(above, streets, originals);
 * ```
 */
export function rankNamesInStreets(
  above: PiiCandidate[],
  streets: PiiCandidate[],
  originals: Map<PiiCandidate, PiiCandidate>,
): PiiCandidate[] {
  if (streets.length > 1) streets.sort((a, b) => a.start - b.start);
  let out: PiiCandidate[] | undefined;
  for (let i = 0; i < above.length; i++) {
    const c = above[i] as PiiCandidate;
    if (!NAMES.has(c.entity)) continue;
    const s = streetAround(streets, c.start, c.end);
    if (s === undefined) continue;
    const score = clampScore(s.score);
    if (clampScore(c.score) <= score) continue; // the street (longer) is decided first already
    const copy: PiiCandidate = { ...c, score };
    originals.set(copy, c);
    out ??= above.slice();
    out[i] = copy;
  }
  return out ?? above;
}

/** The street of `streets` (sorted by start, disjoint) that holds `[start, end)` and is longer, if any. */
function streetAround(streets: readonly PiiCandidate[], start: number, end: number): PiiCandidate | undefined {
  // The last street that starts at or before `start`: the only one that can hold the span.
  let lo = 0;
  let hi = streets.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((streets[mid] as PiiCandidate).start <= start) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return undefined;
  const s = streets[lo - 1] as PiiCandidate;
  return end <= s.end && s.end - s.start > end - start ? s : undefined;
}
