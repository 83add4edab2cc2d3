/**
 * bench/dataset: @modelsec/validators/dataset. (1) label noise: 5% of 10,000 MNIST test digits
 * flipped, precision/recall of confident learning and kNN disagreement, with an argmax baseline in the
 * same run; (2) backdoor: 5% of 8,000 digits patched and relabelled, share of the poisoned rows that
 * spectral signatures / activation clustering rank in the top 1.5 × poison count; (3) streaming PII
 * screen of a 1 GB CSV generated outside the repo, rows/s next to reading and parsing only, RSS per
 * tenth of the file. `--quick` runs small versions; `--only=noise,backdoor,stream` re-runs sections.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchRoot, markdownTable, sig, updateReadme, writeResults } from '../lib/report.mjs';
import { backdoor, labelNoise } from './mnist.ts';
import { streamBench } from './stream.ts';

const quick = process.argv.includes('--quick');
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const wanted = (s: string) => !only || only.includes(s);
// `--stream-mib=N`: size of the generated CSV (default 1024; 64 with --quick).
const streamMiB = Number(process.argv.find((a) => a.startsWith('--stream-mib='))?.slice(13) ?? (quick ? 64 : 1024));
const resultsFile = join(benchRoot, 'results', 'dataset.json');
const previous = only && existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')).results : {};
const pct = (x: number) => (Number.isFinite(x) ? `${sig(100 * x, 3)}%` : 'n/a');

let noise: Awaited<ReturnType<typeof labelNoise>> = previous.noise;
if (wanted('noise')) {
  console.log('▶ label noise');
  noise = await labelNoise(quick ? 2000 : 10_000);
}
let bd: Awaited<ReturnType<typeof backdoor>> = previous.backdoor;
if (wanted('backdoor')) {
  console.log('▶ backdoor');
  bd = await backdoor(quick ? 2000 : 8000);
}
let stream: Awaited<ReturnType<typeof streamBench>> = previous.stream;
if (wanted('stream')) {
  console.log('▶ stream');
  stream = await streamBench(streamMiB);
  console.log(stream);
}

const results = { quick, noise, backdoor: bd, stream };
writeResults('dataset', {
  command: `cd bench && node --import tsx dataset/run.ts ${process.argv.slice(2).join(' ')}`.trim(),
  results,
  notes: [
    'label noise: 5% of the labels flipped to another random class (seed 1); a row counts as flagged when screenDataset reports a label_noise (or knn_disagreement) finding for it',
    'backdoor: 3×3 white patch at rows/cols 23-25, label 0, on 5% of the rows (seed 2); inTargetTop = share of poisoned rows in the top 1.5 × poison count of the target class by the check score',
    'stream: CSV written to the OS temp dir and deleted after; the screen writes its redacted copy to /dev/null',
  ],
});

const md: string[] = [];
if (noise) {
  md.push(
    `Label noise: ${noise.flippedCount} of ${quick ? 2000 : 10_000} MNIST labels flipped (5%).`,
    '',
    markdownTable(
      ['representation', 'method', 'flagged', 'precision', 'recall', 'CPU s'],
      noise.rows.map((r) => [
        r.representation,
        r.method,
        r.flagged,
        sig(r.precision, 3),
        sig(r.recall, 3),
        sig(r.cpuSeconds, 3),
      ]),
    ),
    '',
  );
}
if (bd) {
  md.push(
    `Backdoor: ${bd.poisoned} poisoned digits (5%, 3×3 patch, label 0). MLP trained on the poisoned data: clean accuracy ${pct(bd.mlp.cleanAccuracy)}, attack success ${pct(bd.mlp.attackSuccess)}.`,
    '',
    markdownTable(
      [
        'representation',
        'method',
        'poisoned in top 1.5× of target class',
        'in top 1.5× overall',
        'classes flagged',
        'CPU s',
      ],
      bd.rows.map((r) => [
        r.representation,
        r.method,
        pct(r.inTargetTop),
        pct(r.inGlobalTop),
        r.flaggedClasses || '',
        sig(r.cpuSeconds, 3),
      ]),
    ),
    '',
  );
}
if (stream) {
  md.push(
    `Streaming PII screen of a ${sig(stream.file.megabytes, 4)} MiB CSV (${stream.file.rows} rows: id, 8 numbers, label, free-text note):`,
    '',
    markdownTable(
      ['read file (I/O limit)', 'parse only', 'screen + redacted copy', 'RSS per tenth of the file (MiB)'],
      [
        [
          `${sig(stream.readMBps, 3)} MiB/s`,
          `${sig(stream.parseRowsPerSecond, 3)} rows/s`,
          `${sig(stream.screenRowsPerSecond, 3)} rows/s (${sig(stream.screenMBps, 3)} MiB/s)`,
          stream.rssMiB.join(', '),
        ],
      ],
    ),
  );
}
updateReadme('dataset', md.join('\n'));
