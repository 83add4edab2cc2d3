// Freezes the outputs of the text detectors (detectPII, the built-in recognizers' raw candidates,
// redactPII, detectSecrets, detectPromptInjection) on the Presidio texts, the PurpleLlama cases, seeded
// random texts and adversarial strings into packages/validators/test/vectors/text-differential.json,
// which differential.test.ts compares the current implementation against. The vectors were frozen from
// the implementation before the performance pass (commit def6201); re-freeze only for a documented
// behaviour change, and say which in the commit.
//   cd bench && pnpm exec tsx text/freeze-vectors.ts [path/to/src/text/index.ts]
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readSharedJSON } from '@modelsec-test/utils';
import {
  adversarialTexts,
  type FrozenCorpus,
  freeze,
  randomTexts,
  type TextApi,
} from '../../packages/validators/test/text/differential-corpus';

const entry = resolve(process.argv[2] ?? join(import.meta.dirname, '../../packages/validators/src/text/index.ts'));
const api = (await import(pathToFileURL(entry).href)) as TextApi;
const presidio = await readSharedJSON<{ full_text: string }[]>('presidio/generated_large.json');
const purple = await readSharedJSON<{ user_input: string; test_case_prompt: string }[]>(
  'prompt-injection/purplellama_prompt_injection.json',
);
const corpora: Record<string, FrozenCorpus> = {};
const t0 = performance.now();
corpora.presidio = freeze(
  api,
  presidio.map((r) => r.full_text),
);
corpora.purplellama = freeze(api, [...purple.map((r) => r.user_input), ...purple.map((r) => r.test_case_prompt)]);
corpora.random = freeze(api, randomTexts(2000, 0x5eed), []);
const adversarial = adversarialTexts(32_768);
corpora.adversarial = freeze(
  api,
  adversarial.map(([, t]) => t),
  [],
);
(corpora.adversarial as FrozenCorpus & { names?: string[] }).names = adversarial.map(([n]) => n);
console.log('froze in', Math.round(performance.now() - t0), 'ms from', entry);
const file = join(import.meta.dirname, '../../packages/validators/test/vectors/text-differential.json');
writeFileSync(
  file,
  `${JSON.stringify(
    {
      _source:
        'outputs of @modelsec/validators text detectors at commit def6201 (before the performance pass), produced by bench/text/freeze-vectors.ts over presidio-research generated_large.json full_text, PurpleLlama CyberSecEval prompt-injection user_input + test_case_prompt (both from ../shared/data, read at test time), seeded random texts and adversarial strings (test/text/differential-corpus.ts); listed views (text index -> value, non-empty only) in full, every view as SHA-256 digests (16 hex) per chunk of 50 texts',
      corpora,
    },
    null,
    1,
  )}\n`,
);
console.log('->', file);
