/**
 * Detection delay and false alarms of the streaming detectors on standard synthetic streams:
 * abrupt and gradual mean shifts of a unit-variance Gaussian (ADWIN, Page-Hinkley, KSWIN) and a
 * Bernoulli error-rate shift (DDM, EDDM, HDDM_A, ADWIN). Change at t = 2000 of 4000, 100 seeds.
 */
import { adwin, createRng, type DriftDetector, ddm, eddm, hddmA, kswin, pageHinkley } from '@modelsec/monitor';

export interface StreamRow {
  stream: string;
  detector: string;
  runs: number;
  detected: number;
  meanDelay: number | null;
  medianDelay: number | null;
  falseAlarmsPer1000: number;
}

const CHANGE = 2000;
const LENGTH = 4000;

type StreamGen = (seed: number) => Float64Array;

const streams: Record<string, { gen: StreamGen; detectors: Record<string, (seed: number) => DriftDetector> }> = {
  'abrupt mean shift (N(0,1) → N(1,1))': {
    gen: (seed) => {
      const rng = createRng(seed);
      return Float64Array.from({ length: LENGTH }, (_, t) => rng.normal() + (t >= CHANGE ? 1 : 0));
    },
    detectors: { adwin: () => adwin(), pageHinkley: () => pageHinkley(), kswin: (s) => kswin({ seed: s }) },
  },
  'gradual mean shift (0 → 1 over 1000)': {
    gen: (seed) => {
      const rng = createRng(seed);
      return Float64Array.from(
        { length: LENGTH },
        (_, t) => rng.normal() + Math.min(1, Math.max(0, (t - CHANGE) / 1000)),
      );
    },
    detectors: { adwin: () => adwin(), pageHinkley: () => pageHinkley(), kswin: (s) => kswin({ seed: s }) },
  },
  'Bernoulli error rate 0.1 → 0.3': {
    gen: (seed) => {
      const rng = createRng(seed);
      return Float64Array.from({ length: LENGTH }, (_, t) => (rng.next() < (t >= CHANGE ? 0.3 : 0.1) ? 1 : 0));
    },
    detectors: { ddm: () => ddm(), eddm: () => eddm(), hddmA: () => hddmA(), adwin: () => adwin() },
  },
};

export function runStreams(runs = 100): StreamRow[] {
  const rows: StreamRow[] = [];
  for (const [name, { gen, detectors }] of Object.entries(streams)) {
    for (const [det, make] of Object.entries(detectors)) {
      const delays: number[] = [];
      let falseAlarms = 0;
      for (let seed = 1; seed <= runs; seed++) {
        const x = gen(seed);
        const d = make(seed);
        let first = -1;
        for (let t = 0; t < LENGTH; t++) {
          if (d.update(x[t] as number)) {
            if (t < CHANGE) falseAlarms++;
            else if (first < 0) first = t;
          }
        }
        if (first >= 0) delays.push(first - CHANGE);
      }
      delays.sort((a, b) => a - b);
      rows.push({
        stream: name,
        detector: det,
        runs,
        detected: delays.length,
        meanDelay: delays.length ? delays.reduce((s, v) => s + v, 0) / delays.length : null,
        medianDelay: delays.length ? (delays[delays.length >> 1] as number) : null,
        falseAlarmsPer1000: (falseAlarms / runs / CHANGE) * 1000,
      });
    }
  }
  return rows;
}
