/**
 * Cryptocurrency addresses validated by their checksums: Bitcoin Base58Check (legacy, P2SH) and
 * Bech32/Bech32m (segwit), Ethereum with EIP-55 when mixed-case.
 */
import { wordSet } from '../shared/context';
import { factsOf, stickyTwin } from '../shared/facts';
import { base58CheckValid, bech32Valid, eip55Valid } from './checksums';
import type { PiiCandidate, PiiRecognizer } from './types';

/** @internal Bitcoin legacy/P2SH (Base58), segwit (Bech32) and Ethereum addresses. */
export const CRYPTO_RE: RegExp =
  /(?<![\w])(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|(?:bc|tb|BC|TB)1[02-9ac-hj-np-zAC-HJ-NP-Z]{6,87}|0x[0-9a-fA-F]{40})(?![\w])/g;

const CRYPTO_CONTEXT = wordSet('wallet bitcoin btc ethereum eth crypto address');

const CRYPTO_AT = /* @__PURE__ */ stickyTwin(CRYPTO_RE);

/** Cryptocurrency addresses validated by their checksums. */
export const cryptoRecognizer: PiiRecognizer = {
  name: 'crypto',
  entities: ['CRYPTO'],
  maxLength: 90,
  scan(text, emit) {
    // A CRYPTO_RE match is a whole run of [A-Za-z0-9_] (\w on both sides excluded, every unit of the
    // pattern is \w) of 9 to 90 units ("bc1" + 6 to 87) with a digit in it ("1", "3" or "0x" first, or
    // "bc1"/"tb1"). So it is tried only at the start of each such word holding a digit run, once per
    // word, in text order: the matches of the global scan.
    const f = factsOf(text);
    if (f.maxDigitWord < 9) return;
    let reach = 0; // end of the last word tried (later runs inside it belong to the same word)
    for (let k = 0; k < f.runs; k++) {
      if ((f.runEnd[k] as number) <= reach) continue;
      let s = f.runStart[k] as number;
      while (s > 0 && isAsciiWord(text.charCodeAt(s - 1))) s--;
      let e = f.runEnd[k] as number;
      while (e < text.length && isAsciiWord(text.charCodeAt(e))) e++;
      reach = e;
      if (e - s < 9 || e - s > 90 || !cryptoInitial(text.charCodeAt(s))) continue;
      CRYPTO_AT.lastIndex = s;
      const m = CRYPTO_AT.exec(text);
      if (m !== null) onCrypto(m, emit);
    }
    CRYPTO_AT.lastIndex = 0;
  },
};

/** `[A-Za-z0-9_]` (`\w` without `/u`). */
function isAsciiWord(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 95;
}

/** CRYPTO_RE's first units: "1", "3", "0" (0x), "b"/"B" (bc/BC), "t"/"T" (tb/TB). */
function cryptoInitial(c: number): boolean {
  return c === 49 || c === 51 || c === 48 || (c | 32) === 98 || (c | 32) === 116;
}

/**
 * The score of a CRYPTO_RE match by its checksum (0: not an address).
 * @internal
 *
 * @example
 * ```ts
 * cryptoScore('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2'); // 0.95
 * ```
 */
export function cryptoScore(s: string): number {
  if (s.startsWith('0x')) {
    const v = eip55Valid(s);
    return v === true ? 0.95 : v === undefined ? 0.6 : 0;
  }
  if (/^(?:bc|tb)1/i.test(s)) return bech32Valid(s) ? 0.95 : 0;
  return base58CheckValid(s) ? 0.95 : 0;
}

function onCrypto(m: RegExpExecArray, emit: (c: PiiCandidate) => void): void {
  const score = cryptoScore(m[0]);
  if (score > 0)
    emit({
      entity: 'CRYPTO',
      start: m.index,
      end: m.index + m[0].length,
      score,
      recognizer: 'crypto',
      context: CRYPTO_CONTEXT,
      contextBoost: 0.2,
    });
}
