import {
  adwin,
  createPerformanceMonitor,
  createPredictionDriftMonitor,
  createRng,
  type DriftDetector,
  ddm,
  eddm,
  hddmA,
  kswin,
  pageHinkley,
} from '@modelsec/monitor';
import { describe, expect, test } from 'vitest';
import vectors from './vectors/streams.json';

function run(detector: DriftDetector, stream: number[]) {
  const drifts: number[] = [];
  const warnings: number[] = [];
  stream.forEach((x, i) => {
    if (detector.update(x)) drifts.push(i);
    if (detector.warningDetected) warnings.push(i);
  });
  return { drifts, warnings };
}

describe("streaming detectors reproduce river's documented detections", () => {
  test('ADWIN: change at index 1023', () => {
    expect(run(adwin(), vectors.adwin.stream).drifts).toEqual(vectors.adwin.drifts);
  });
  test('PageHinkley: change at index 1006', () => {
    expect(run(pageHinkley(), vectors.pageHinkley.stream).drifts).toEqual(vectors.pageHinkley.drifts);
  });
  test('DDM: warning 1084, change 1334, warning again 1492', () => {
    const { drifts, warnings } = run(ddm(), vectors.ddm.stream);
    expect(drifts).toEqual(vectors.ddm.drifts);
    expect(warnings[0]).toBe(vectors.ddm.firstWarning);
    expect(warnings.find((i) => i > 1334)).toBe(vectors.ddm.warningAfterDrift);
  });
  test('EDDM(alpha 0.8, beta 0.75): warning 1059, change 1278', () => {
    const { drifts, warnings } = run(eddm(vectors.eddm.options), vectors.eddm.stream);
    expect(drifts).toEqual(vectors.eddm.drifts);
    expect(warnings[0]).toBe(vectors.eddm.firstWarning);
  });
  test('HDDM_A: warning 451, change 1206', () => {
    const { drifts, warnings } = run(hddmA(), vectors.hddmA.stream);
    expect(drifts).toEqual(vectors.hddmA.drifts);
    expect(warnings[0]).toBe(vectors.hddmA.firstWarning);
  });
  test('KSWIN (seeded) detects the same change shortly after 1000, reproducibly, and not before', () => {
    const a = run(kswin({ alpha: 0.0001, seed: 42 }), vectors.adwin.stream).drifts;
    const b = run(kswin({ alpha: 0.0001, seed: 42 }), vectors.adwin.stream).drifts;
    expect(a).toEqual(b);
    expect(a[0]).toBeGreaterThanOrEqual(1000);
    expect(a[0]).toBeLessThan(1040);
  });
});

describe('model-level monitors', () => {
  test('prediction drift: confidence distribution shift is flagged, a stable one is not', () => {
    const rng = createRng(3);
    const reference = Array.from({ length: 1000 }, () => 0.9 + 0.05 * rng.normal());
    const stable = createPredictionDriftMonitor({ reference, window: 300, every: 50 });
    let flagged = false;
    for (let i = 0; i < 1500; i++) flagged ||= (stable.observe(0.9 + 0.05 * rng.normal()).pValue ?? 1) < 0.001;
    expect(flagged).toBe(false);
    const shifted = createPredictionDriftMonitor({ reference, window: 300, every: 50 });
    let last = shifted.observe(0.5);
    for (let i = 0; i < 600; i++) last = shifted.observe(0.8 + 0.05 * rng.normal());
    expect(last.drift).toBe(true);
    expect(last.pValue).toBeLessThan(1e-6);
  });
  test('performance drift: accuracy drop detected when late labels arrive', () => {
    const rng = createRng(9);
    const perf = createPerformanceMonitor({ window: 200 });
    let driftAt = -1;
    for (let i = 0; i < 3000; i++) {
      const truth = rng.int(10);
      const errorRate = i < 1500 ? 0.05 : 0.3;
      const predicted = rng.next() < errorRate ? (truth + 1) % 10 : truth;
      perf.recordPrediction(`req-${i}`, predicted);
      const state = perf.recordLabel(`req-${i}`, truth);
      if (state?.drift && driftAt < 0 && i >= 1500) driftAt = i;
    }
    expect(driftAt).toBeGreaterThanOrEqual(1500);
    expect(driftAt).toBeLessThan(1700);
    expect(perf.recordLabel('unknown', 1)).toBeUndefined();
  });
});
