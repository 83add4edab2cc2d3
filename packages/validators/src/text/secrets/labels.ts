/**
 * Tokens of the entropy check that are labelled as something other than a credential:
 * - a hexadecimal digest (MD5, SHA-1, SHA-2 lengths) with a digest label earlier on its line:
 *   `MD5 (openssh-3.4p1.tar.gz) = 459c1d02...`, `X-Razor-id: 1aefed7c...`, `commit 161c547a...`, or an id
 *   of that shape with its label (`"trace_id": "0af12abc..."`);
 * - the encoded text of an RFC 2047 encoded word, `=?iso-2022-jp?B?GyRCJV4l...?=` (a mail header's
 *   encoded file name or subject).
 * An unlabelled digest-shaped token is still judged: many API keys are 32 or 40 hexadecimal digits.
 */

/** Hex lengths of MD5, SHA-1, SHA-224, SHA-256, SHA-384 and SHA-512. */
const DIGEST_LENGTHS: readonly number[] = [32, 40, 56, 64, 96, 128];
/** How far back on the token's line a digest label is looked for. */
const LABEL_WINDOW = 48;

/**
 * A digest label as a whole word: md5, sha1 / sha-1 and the SHA-2 sizes, checksum, digest, hash,
 * fingerprint, razor-id, commit; and the labels of ids of the same shape (since stop 50: a W3C trace id
 * is 32 hexadecimal digits): trace_id, request_id, correlation_id (with "_", "-" or nothing), uuid, guid.
 * @internal
 */
export const DIGEST_LABEL: RegExp =
  /(?:^|[^a-z0-9])(?:md5|sha-?(?:1|224|256|384|512)|checksum|digest|hash|fingerprint|razor-id|commit|(?:trace|request|correlation)[_-]?id|uuid|guid)(?![a-z0-9])/i;

/**
 * Whether the token `[start, end)` is a labelled digest or the text of an encoded word (see above).
 * @internal
 *
 * @example
 * ```ts
 * const text = 'MD5 (a.tar.gz) = 459c1d0262e939d6432f193c7a4ba8a8';
 * labelledNonSecret(text, 17, text.length); // true
 * ```
 */
export function labelledNonSecret(text: string, start: number, end: number): boolean {
  return encodedWord(text, start, end) || labelledDigest(text, start, end);
}

function labelledDigest(text: string, start: number, end: number): boolean {
  if (!DIGEST_LENGTHS.includes(end - start)) return false;
  for (let i = start; i < end; i++) {
    const l = text.charCodeAt(i) | 32;
    if (!((l >= 48 && l <= 57) || (l >= 97 && l <= 102))) return false;
  }
  let from = start;
  while (from > 0 && start - from < LABEL_WINDOW) {
    const c = text.charCodeAt(from - 1);
    if (c === 10 || c === 13) break;
    from--;
  }
  return DIGEST_LABEL.test(text.slice(from, start));
}

/** `=?charset?B?<token>?=` (or `?Q?`) on one line: the token is the encoded text. */
function encodedWord(text: string, start: number, end: number): boolean {
  if (text.charCodeAt(end) !== 63 || text.charCodeAt(end + 1) !== 61) return false;
  if (start < 5 || text.charCodeAt(start - 1) !== 63 || text.charCodeAt(start - 3) !== 63) return false;
  const enc = text.charCodeAt(start - 2) | 32;
  if (enc !== 98 && enc !== 113) return false;
  // The charset: a short run of token characters after "=?".
  for (let i = start - 4; i >= 1 && start - 4 - i < 40; i--) {
    const c = text.charCodeAt(i);
    if (c === 63) return text.charCodeAt(i - 1) === 61 && i < start - 4;
    if (c <= 32 || c >= 127) return false;
  }
  return false;
}
