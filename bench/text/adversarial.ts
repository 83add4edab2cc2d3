// bench/text: the 1 MB adversarial inputs (attacks.ts) timed with every text detector. run.ts times them
// in its own process and starts this file as a script for the same rows in a process where V8 no longer
// optimizes newly compiled regexes.
//
// Why that condition (stop 54): V8 compiles a regex without its optimizations once the process has
// compiled a megabyte of regex code and holds 16 MB of executable code, which a long-running service
// with many libraries reaches, and so did run.ts's process after the peers' and the F1 runs. Regexes
// compiled from then on run up to 10 times slower (the multilingual override family on a 1.8 MB
// read-back: 57-101 ms -> 606 ms; the sanitizer's \p{Cn} class likewise), which made rows of run.ts's
// table exceed the 1 s budget while the same call took 200-300 ms in a new process. Here the condition
// is made on purpose before any detector runs: large regexes are compiled until a probe regex compiled
// afterwards runs at least 4 times slower than the same pattern compiled at the start.
// Rows go to stdout as JSON; progress to stderr.
// Run alone: pnpm build (validators) && cd bench && node --import tsx text/adversarial.ts --unoptimized-regexes
import { fileURLToPath } from 'node:url';
import { detectPII, detectPromptInjection, detectSecrets, sanitizeText } from '@modelsec/validators';
import { ATTACKS_MB } from './attacks';

/** One row: the slower of two calls per detector, in ms. */
export type AdversarialRow = { input: string } & Record<
  'detectPII' | 'detectSecrets' | 'detectPromptInjection' | 'sanitizeText',
  number
>;

/** Time every detector on every adversarial input (each input built when its row is timed). */
export function timeAttacks(log: (row: AdversarialRow) => void = () => {}): AdversarialRow[] {
  const rows: AdversarialRow[] = [];
  for (const [name, make] of ATTACKS_MB) {
    const text = make();
    const row = { input: name } as AdversarialRow;
    for (const [fn, f] of [
      ['detectPII', detectPII],
      ['detectSecrets', detectSecrets],
      ['detectPromptInjection', detectPromptInjection],
      ['sanitizeText', sanitizeText],
    ] as const) {
      // Twice, the slower kept: a second scan of the same text must cost what the first did (at stop 38 a
      // repeated-phrase check compared each word's text with the last scan's, 20 s for 1 MB scanned again).
      let slowest = 0;
      for (let k = 0; k < 2; k++) {
        const t0 = performance.now();
        (f as (s: string) => unknown)(text);
        slowest = Math.max(slowest, performance.now() - t0);
      }
      row[fn] = Math.round(slowest);
    }
    rows.push(row);
    log(row);
  }
  return rows;
}

/** Regexes kept alive: the executable memory they hold is half of the condition. */
const kept: RegExp[] = [];
const PROBE_TEXT = `${'ignore previous '.repeat(65536)}q`;
let probes = 0;

/** Best of three scans of PROBE_TEXT by a newly compiled probe regex (a new source each time). */
function probeMs(): number {
  const re = new RegExp(
    `(?:forget|overlook|neglect|omit|skip|drop|quit|abandon)\\s\\p{L}{1,10}\\s(?:rules|orders)|zq${probes++}`,
    'gu',
  );
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < 3; k++) {
    re.lastIndex = 0;
    const t0 = performance.now();
    re.exec(PROBE_TEXT);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/**
 * Compile large regexes (64 literal alternatives each, run twice so that V8 compiles them to machine
 * code) in batches of 100 until a probe compiled afterwards is 4 times slower than at the start.
 */
export function stopRegexOptimization(): { regexes: number; probeBeforeMs: number; probeAfterMs: number } {
  const before = probeMs();
  let after = before;
  for (let batch = 0; batch < 200 && after < 4 * before; batch++) {
    for (let i = 0; i < 100; i++) {
      const n = kept.length;
      const re = new RegExp(Array.from({ length: 64 }, (_, j) => `w${n}x${j}[a-z]{2}\\d`).join('|'), 'g');
      re.exec('hello world 12');
      re.lastIndex = 0;
      re.exec('hello world 12');
      kept.push(re);
    }
    after = probeMs();
  }
  return { regexes: kept.length, probeBeforeMs: before, probeAfterMs: after };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--unoptimized-regexes')) {
  const condition = stopRegexOptimization();
  console.error('regex optimization stopped:', condition);
  const rows = timeAttacks((row) => console.error(JSON.stringify(row)));
  process.stdout.write(JSON.stringify({ condition, rows }));
}
