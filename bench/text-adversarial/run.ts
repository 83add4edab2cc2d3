// Adversarial 1 MB texts searched for, not picked by hand. bench/text times a fixed list of 1 MB shapes; this
// search builds its shapes from the text detectors' own source: every string literal of
// packages/validators/src/text (the key words, labels, prefixes and signs their patterns and gates look
// for), each followed by a separator ("", " ", "\n", "="), repeated to fill the text. A detector with a
// super-linear path, or a slow linear one, on any such shape shows it here (stop 45's curl options took
// 91.6 s on a megabyte no hand-picked shape had).
// - Screen: every (shape, detector) at 16 KiB and 128 KiB, one call each.
// - Confirm: the 12 slowest at 128 KiB of each detector, and the 12 that grew most from 16 to 128 KiB (8
//   when linear; over 5 ms at 128 KiB, below that the ratio is timer noise), at 256 KiB and 1 MiB, best of
//   two calls: the time at 1 MiB against the issue's budget (under a second) and the growth from 256 KiB
//   to 1 MiB (4 when linear).
// - Fresh: the 3 slowest confirmed shapes of each detector timed again at 1 MiB, each in a new process
//   (fresh.ts: the first call, and the best of four after it): the search's process has made 34,000 calls
//   before, and its heap slows the calls that allocate most (stop 47: 981 ms there, 663-711 ms alone). Both
//   are reported; the budget is read on the fresh ones.
// - The peer in the same run: redact-pii (the fastest JavaScript peer on 1 MB in bench/text; its regexes do
//   a fraction of the work) on the shapes shown, at 16 KiB and 64 KiB only: it is super-linear on some
//   shapes (256 KiB of "ab" took it 168 s on 2026-12-02), so larger sizes could take hours.
// Run: pnpm build && cd bench && node --import tsx text-adversarial/run.ts [--quick]
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchRoot, markdownTable, sig, updateReadme, writeResults } from '../lib/report.mjs';
import { redactPiiPeer } from '../text/peers';
import { detectors, fill, time } from './detectors';

const quick = process.argv.includes('--quick');

/** The string literals of the text detectors' source, 2-24 units, in sorted order. */
function literals(): string[] {
  const root = join(benchRoot, '..', 'packages', 'validators', 'src', 'text');
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      // The word lists of data/ are names and places, not what the patterns key on.
      else if (e.name.endsWith('.ts') && !p.includes(`${join('text', 'data')}`)) {
        for (const m of readFileSync(p, 'utf8').matchAll(/'([^'\\\n]{2,24})'/g)) found.add(m[1] as string);
      }
    }
  };
  walk(root);
  return [...found].sort();
}

const SEPARATORS = ['', ' ', '\n', '='];
const units = literals().flatMap((l) => SEPARATORS.map((s) => l + s));
const shapes = quick ? units.filter((_, i) => i % 20 === 0) : units;

// Screen.
const t0 = performance.now();
interface Screened {
  unit: string;
  small: number;
  large: number;
}
const screened = new Map<string, Screened[]>(detectors.map(([name]) => [name, []]));
for (const [i, unit] of shapes.entries()) {
  if (i % 500 === 0) console.log(`screening ${i} / ${shapes.length}`);
  const small = fill(unit, 16_384);
  const large = fill(unit, 131_072);
  for (const [name, f] of detectors) {
    screened.get(name)?.push({ unit, small: time(f, small), large: time(f, large) });
  }
}
const screenSeconds = (performance.now() - t0) / 1000;
console.log(`screened ${shapes.length} shapes x ${detectors.length} detectors in ${Math.round(screenSeconds)} s`);

// Confirm at 256 KiB and 1 MiB.
const rp = redactPiiPeer();
interface Confirmed {
  detector: string;
  unit: string;
  ms256k: number;
  ms1m: number;
  growth: number;
}
const confirmed: Confirmed[] = [];
const best2 = (f: (t: string) => unknown, t: string) => Math.min(time(f, t), time(f, t));
for (const [name, f] of detectors) {
  const rows = screened.get(name) ?? [];
  const slowest = [...rows].sort((a, b) => b.large - a.large).slice(0, 12);
  const growing = rows
    .filter((r) => r.large > 5)
    .sort((a, b) => b.large / Math.max(b.small, 0.05) - a.large / Math.max(a.small, 0.05))
    .slice(0, 12);
  const picked = new Map<string, Screened>();
  for (const r of [...slowest, ...growing]) picked.set(r.unit, r);
  for (const { unit } of picked.values()) {
    const a = fill(unit, 262_144);
    const b = fill(unit, 1_048_576);
    const ms256k = best2(f, a);
    const ms1m = best2(f, b);
    confirmed.push({ detector: name, unit, ms256k, ms1m, growth: ms1m / ms256k });
  }
  const worst = confirmed.filter((c) => c.detector === name).sort((x, y) => y.ms1m - x.ms1m)[0];
  console.log(name, 'slowest at 1 MiB:', JSON.stringify(worst?.unit), Math.round(worst?.ms1m ?? 0), 'ms');
}

const byDetector = detectors.map(([name]) => {
  const rows = confirmed.filter((c) => c.detector === name);
  const slow = [...rows].sort((a, b) => b.ms1m - a.ms1m);
  const grow = [...rows].sort((a, b) => b.growth - a.growth);
  // The peer on the shapes shown (one call at each size).
  const peer = slow.slice(0, 3).map((c) => {
    const ms16k = time(rp.redact, fill(c.unit, 16_384));
    const ms64k = time(rp.redact, fill(c.unit, 65_536));
    return { unit: c.unit, ms16k, ms64k, growth: ms64k / ms16k };
  });
  // Each of those shapes alone in a new process.
  const fresh = slow.slice(0, 3).map((c) => {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'text-adversarial/fresh.ts', name, JSON.stringify(c.unit)],
      {
        cwd: benchRoot,
        encoding: 'utf8',
      },
    );
    const { ms1m, first } = JSON.parse(out.trim().split('\n').pop() as string) as { ms1m: number; first: number };
    return { unit: c.unit, ms1m, first };
  });
  return { detector: name, slowest: slow.slice(0, 3), fresh, mostGrowth: grow[0], confirmed: rows.length, peer };
});
const overall = [...confirmed].sort((a, b) => b.ms1m - a.ms1m)[0];
const overallFresh = byDetector
  .flatMap((d) => d.fresh.map((f) => ({ ...f, detector: d.detector })))
  .sort((a, b) => b.ms1m - a.ms1m)[0];

writeResults('text-adversarial', {
  command: 'cd bench && node --import tsx text-adversarial/run.ts',
  results: {
    literals: units.length / SEPARATORS.length,
    shapes: shapes.length,
    detectors: detectors.map(([n]) => n),
    screenSeconds,
    byDetector,
    confirmed,
  },
  notes: [
    'A shape is one unit (a string literal of packages/validators/src/text followed by "", " ", "\\n" or "=") repeated to the size.',
    'Screened at 16 KiB and 128 KiB (one call each); the 12 slowest at 128 KiB and the 12 fastest-growing (over 5 ms at 128 KiB) of each detector confirmed at 256 KiB and 1 MiB (best of two).',
    'fresh: the 3 slowest shapes of each detector at 1 MiB, each in a new process (text-adversarial/fresh.ts): the first call (it compiles the code and builds the tables) and the best of the four after it.',
    'growth = ms at 1 MiB / ms at 256 KiB: 4 when linear (GC and caches move it by about 1 either way).',
    'peer: redact-pii 3.4.0 SyncRedactor (defaults) on the shapes shown, one call at 16 KiB and at 64 KiB (growth 4 when linear, 16 when quadratic).',
  ],
});

const show = (u: string) => `\`${JSON.stringify(u).slice(1, -1).replaceAll('`', "'").replaceAll('|', '\\|')}\``;
const table = markdownTable(
  [
    'detector',
    'slowest shapes at 1 MiB (unit repeated)',
    'ms at 1 MiB (in the search process)',
    'ms at 1 MiB, each in a new process (first call)',
    'growth 256 KiB → 1 MiB',
    'largest growth seen',
    'redact-pii on the same shapes: ms at 16 KiB / 64 KiB',
  ],
  byDetector.map((d) => [
    d.detector,
    d.slowest.map((c) => show(c.unit)).join(', '),
    d.slowest.map((c) => Math.round(c.ms1m)).join(', '),
    d.fresh.map((c) => `${Math.round(c.ms1m)} (${Math.round(c.first)})`).join(', '),
    d.slowest.map((c) => sig(c.growth, 2)).join(', '),
    d.mostGrowth
      ? `${sig(d.mostGrowth.growth, 2)} (${show(d.mostGrowth.unit)}, ${Math.round(d.mostGrowth.ms1m)} ms)`
      : '-',
    d.peer.map((p) => `${Math.round(p.ms16k)} / ${Math.round(p.ms64k)}`).join(', '),
  ]),
);
updateReadme(
  'text-adversarial',
  [
    '### Text detectors: adversarial 1 MB texts searched from their own literals',
    '',
    `${shapes.length} shapes: each of the ${units.length / SEPARATORS.length} string literals of \`packages/validators/src/text\` followed by "", " ", "\\n" or "=", repeated to the size. Every shape screened at 16 KiB and 128 KiB for each detector (${Math.round(screenSeconds)} s); the 12 slowest and the 12 fastest-growing of each detector timed again at 256 KiB and 1 MiB (best of two), and the 3 slowest of each again at 1 MiB, each in a new process (best of four calls after a first one, shown in parentheses). Budget (issue 6): 1 MB in under a second. Growth 4 is linear.`,
    '',
    table,
    '',
    `Slowest of all: ${overall ? `${overall.detector} on ${show(overall.unit)}, ${Math.round(overall.ms1m)} ms at 1 MiB in the search process` : '-'}; ${overallFresh ? `${overallFresh.detector} on ${show(overallFresh.unit)}, ${Math.round(overallFresh.ms1m)} ms in a new process` : '-'}.`,
  ].join('\n'),
);
console.log('wrote bench/results/text-adversarial.json and the README section');
