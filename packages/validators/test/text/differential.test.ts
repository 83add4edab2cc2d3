// Differential test of the text detectors' performance pass: the current implementation must produce
// exactly the outputs frozen from the implementation before it (test/vectors/text-differential.json,
// written by bench/text/freeze-vectors.ts): findings, scores, recognizer candidates, redactions and
// injection results, on real texts, seeded random texts and adversarial strings.
import * as api from '@modelsec/validators';
import { readSharedJSON } from '@modelsec-test/utils';
import { describe, expect, test } from 'vitest';
import frozen from '../vectors/text-differential.json';
import {
  adversarialTexts,
  CHUNK,
  digest,
  type FrozenCorpus,
  isEmptyView,
  randomTexts,
  views,
} from './differential-corpus';

const corpora = frozen.corpora as Record<string, FrozenCorpus>;

/** Compare a corpus view by view; report the first differing text of each view. */
function compare(name: string, texts: readonly string[]): void {
  const want = corpora[name] as FrozenCorpus;
  expect(texts.length).toBe(want.count);
  const got = texts.map((t) => views(api, t));
  const problems: string[] = [];
  for (const [view, chunks] of Object.entries(want.digests)) {
    const listed = want.listed[view];
    chunks.forEach((d, c) => {
      const slice = got.slice(c * CHUNK, (c + 1) * CHUNK);
      if (digest(slice.map((x) => x[view]).join('\u0000')) === d) return;
      const at = listed
        ? slice.findIndex(
            (x, k) =>
              (x[view] as string) !== (listed[c * CHUNK + k] ?? (isEmptyView(x[view] as string) ? x[view] : '')),
          )
        : -1;
      problems.push(
        `${name}/${view}: chunk ${c} differs${at >= 0 ? ` (text ${c * CHUNK + at}: want "${listed?.[c * CHUNK + at] ?? ''}", got "${slice[at]?.[view]}")` : ''}`,
      );
    });
  }
  expect(problems).toEqual([]);
}

describe('differential: identical outputs to the implementation before the performance pass', () => {
  test('Presidio-research generated_large (2,109 texts)', async () => {
    const records = await readSharedJSON<{ full_text: string }[]>('presidio/generated_large.json');
    compare(
      'presidio',
      records.map((r) => r.full_text),
    );
  }, 120_000);

  test('PurpleLlama prompt-injection cases (user inputs and system prompts)', async () => {
    const cases = await readSharedJSON<{ user_input: string; test_case_prompt: string }[]>(
      'prompt-injection/purplellama_prompt_injection.json',
    );
    compare('purplellama', [...cases.map((c) => c.user_input), ...cases.map((c) => c.test_case_prompt)]);
  }, 60_000);

  test('seeded random texts (PII, secret and injection pieces, random characters, mutations)', () => {
    compare('random', randomTexts(2000, 0x5eed));
  }, 120_000);

  test('adversarial strings (32 Ki units each)', () => {
    const adversarial = adversarialTexts(32_768);
    expect(adversarial.map(([n]) => n)).toEqual((corpora.adversarial as { names?: string[] }).names);
    compare(
      'adversarial',
      adversarial.map(([, t]) => t),
    );
  }, 120_000);
});
