// Typos read back by the injection detector's `typos` view (src/text/injection/typos.ts): a word one edit
// away from a word of the phrases' vocabulary (two neighbouring letters swapped, a letter dropped, added
// or changed) is read as that word. Checked against a brute-force search written here from the
// definitions of the edits, over the whole vocabulary.
import { PHRASE_FAMILIES } from '@modelsec/validators';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { innerDrops, keySlips, transpositions, untypo } from '../../src/text/injection/typos';
import { viewOf } from '../../src/text/injection/views';
import { vocabularyOf } from '../../src/text/injection/words';

const vocabulary = vocabularyOf(PHRASE_FAMILIES);
const words = [...vocabulary];

/** `a` and `b` differ by two neighbouring letters swapped. */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let i = 0;
  while (a[i] === b[i]) i++;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}
/** `b` is `a` with one letter dropped. */
function dropped(a: string, b: string): boolean {
  if (b.length !== a.length - 1) return false;
  for (let i = 0; i < a.length; i++) if (a.slice(0, i) + a.slice(i + 1) === b) return true;
  return false;
}
/** `a` and `b` differ at one place. */
function changed(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
  return d === 1;
}
/** The words of the vocabulary `w` may be read as (by the definitions above, the length rules included). */
function candidates(w: string): string[] {
  if (w.length > 16 || vocabulary.has(w)) return [];
  return words.filter(
    (v) => swapped(v, w) || (v.length >= 5 && w.length >= 4 && (dropped(v, w) || dropped(w, v) || changed(v, w))),
  );
}

describe('untypo', () => {
  test('each edit of a vocabulary word is read back to a word of the vocabulary one edit away', () => {
    const long = words.filter((v) => v.length >= 5);
    const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz');
    const typo = fc
      .tuple(fc.constantFrom(...long), fc.nat(), letter, fc.constantFrom('swap', 'drop', 'add', 'change'))
      .map(([v, k, c, edit]) => {
        const i = k % v.length;
        if (edit === 'swap') return transpositions(v)[k % Math.max(1, transpositions(v).length)] ?? v;
        if (edit === 'drop') return v.slice(0, i) + v.slice(i + 1);
        if (edit === 'add') return v.slice(0, i) + c + v.slice(i);
        return v.slice(0, i) + c + v.slice(i + 1);
      });
    let read = 0;
    fc.assert(
      fc.property(typo, (w) => {
        const back = untypo(w, vocabulary);
        const want = candidates(w);
        if (vocabulary.has(w)) expect(back).toBe(w);
        else if (want.length === 0) expect(back).toBe(w);
        else {
          expect(want, w).toContain(back);
          read++;
        }
      }),
      { numRuns: 3000 },
    );
    expect(read).toBeGreaterThan(2000);
  });

  test('arbitrary words: read back exactly when a word of the vocabulary is one edit away', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'aeinoprstlgmdcuwy'), minLength: 3, maxLength: 18 }), (w) => {
        const back = untypo(w, vocabulary);
        const want = candidates(w);
        if (want.length === 0) expect(back).toBe(w);
        else expect(want).toContain(back);
      }),
      { numRuns: 3000 },
    );
  });

  test('the typos reading is untypo word by word, past the distinct words it remembers', () => {
    // 6,000 distinct words (more than the 4,096 the reading remembers), typos of the vocabulary among them.
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const made: string[] = [];
    for (let k = 0; made.length < 6000; k++) {
      const tail = `${letters[k % 26]}${letters[Math.floor(k / 26) % 26]}${letters[Math.floor(k / 676) % 26]}`;
      made.push(k % 3 === 0 ? 'igore' : k % 3 === 1 ? `pasword ${tail}x` : `q${tail}z`);
    }
    const text = made.join(' ');
    expect(viewOf('typos', text, vocabulary)).toBe(text.replace(/[a-z]{3,40}/g, (w) => untypo(w, vocabulary)));
  });

  test('known answers; short words are not edited', () => {
    for (const [typo, word] of [
      ['ingore', 'ignore'],
      ['igore', 'ignore'],
      ['ignorre', 'ignore'],
      ['ignote', 'ignore'],
      ['pasword', 'password'],
      ['prvious', 'previous'],
      ['instrctions', 'instructions'],
      ['sytem', 'system'],
      ['promt', 'prompt'],
    ])
      expect(untypo(typo as string, vocabulary), typo).toBe(word);
    // "tge" is one letter from "the", a word under 5 letters: only a swap reads it ("teh").
    expect(untypo('tge', vocabulary)).toBe('tge');
    expect(untypo('teh', vocabulary)).toBe('the');
    expect(untypo('abcdefghijklmnopq', vocabulary)).toBe('abcdefghijklmnopq');
    expect(innerDrops('ignore')).toEqual(['inore', 'igore', 'ignre', 'ignoe']);
    expect(innerDrops('ab')).toEqual([]);
    // A finger's slips inside a word: a letter typed twice, or a key next to it (QWERTY).
    expect(keySlips('ignore')).toEqual(expect.arrayContaining(['iggnore', 'ignorre', 'ignote', 'ignire', 'ifnore']));
    expect(keySlips('ignore')).not.toContain('ignore');
    expect(keySlips('ab')).toEqual([]);
    // "s": typed twice, then the keys left and right, the two above and the two below it.
    expect(keySlips('asa')).toEqual(['assa', 'aaa', 'ada', 'awa', 'aea', 'aza', 'axa']);
    // Each slip is one letter added or changed, and reads back to the word.
    for (const w of ['ignore', 'disregard', 'instruction', 'previous', 'prompt', 'password', 'jailbreak', 'system'])
      for (const slip of keySlips(w)) {
        expect(dropped(slip, w) || changed(slip, w), slip).toBe(true);
        if (!vocabulary.has(slip)) expect(candidates(slip), slip).toContain(untypo(slip, vocabulary));
      }
    expect(innerDrops('aab')).toEqual(['ab']);
  });
});
