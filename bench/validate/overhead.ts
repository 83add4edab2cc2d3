/**
 * Overhead of validateInput on one MNIST request, next to one inference of the same model in the same
 * run: tasks are interleaved round by round and each ratio is taken within a round, so machine noise
 * hits both sides alike.
 */

import {
  bitDepth,
  calibrateProfile,
  createSqueezeDetector,
  finiteValues,
  fitInputProfile,
  type InputProfile,
  mahalanobisRule,
  medianSmoothing,
  profileRange,
  robustZRule,
  schemaRule,
  squeezeRule,
  tensorShape,
  validateInput,
  validateInputSync,
} from '@modelsec/validators';
import { z } from 'zod';
import { cpuRounds } from '../lib/cpu-rounds.mjs';
import { type Models, median, strided } from './setup.ts';

export const INFERENCE = 'one MNIST inference (original model, onnxruntime-web wasm, 1 thread)';

export interface OverheadRow {
  task: string;
  microseconds: number;
  ratioToInference: number;
}

export async function runOverhead(models: Models, options: { rounds: number; components: number[] }) {
  const train = await strided(3, 4, 2000);
  const held = await strided(0, 4, 1000);
  const requests = await strided(1, 4, 64);
  const one = (i: number) => requests.images.slice((i % 64) * 784, ((i % 64) + 1) * 784);
  const inputs = Array.from({ length: 64 }, (_, i) => one(i));
  const bodies = inputs.map((x) => ({ pixels: Array.from(x) }));

  const profiles = new Map<number, InputProfile>();
  const fitMs = new Map<number, number>();
  for (const k of options.components) {
    const t = performance.now();
    const p = fitInputProfile(train.images, { featureCount: 784, components: k });
    fitMs.set(k, performance.now() - t);
    profiles.set(k, calibrateProfile(p, held.images, { fpr: 0.05, aggregate: 'mean', cap: 10 }));
  }
  const shape = tensorShape({ shape: [null, 1, 28, 28] });
  const finite = finiteValues();
  const tensorRules = (p: InputProfile) => [
    shape,
    finite,
    profileRange(p, { absoluteTolerance: 0.05, action: 'clip' }),
    mahalanobisRule(p, { action: 'flag' }),
    robustZRule(p, { aggregate: 'mean', cap: 10, action: 'flag' }),
  ];
  const k0 = options.components[0] as number;
  const p0 = profiles.get(k0) as InputProfile;
  const Body = z
    .object({ pixels: z.array(z.number().min(0).max(1)).length(784) })
    .transform((b) => Float32Array.from(b.pixels));
  const detector = createSqueezeDetector(models.batched, { squeezers: [bitDepth(1), medianSmoothing(2)] });
  const { threshold } = await detector.calibrate(held.images.subarray(0, 500 * 784), 500, { fpr: 0.05 });
  const squeeze = squeezeRule(detector, { threshold, action: 'flag' });

  // Rules are built once, as an app would; only checking is timed.
  const range = profileRange(p0, { absoluteTolerance: 0.05, action: 'clip' });
  const robust = robustZRule(p0, { aggregate: 'mean', cap: 10, action: 'flag' });
  const maha = new Map(
    options.components.map((k) => [k, mahalanobisRule(profiles.get(k) as InputProfile, { action: 'flag' })]),
  );
  const all = new Map(options.components.map((k) => [k, tensorRules(profiles.get(k) as InputProfile)]));
  const all0 = all.get(k0) as ReturnType<typeof tensorRules>;
  const schema = schemaRule(Body);
  // The same body with ranges left to profileRange: zod then checks types and length only...
  const lean = schemaRule(
    z.object({ pixels: z.array(z.number()).length(784) }).transform((b) => Float32Array.from(b.pixels)),
  );
  // ...or only the envelope: non-numbers become NaN in the Float32Array, which finiteValues rejects.
  const envelope = schemaRule(
    z
      .object({ pixels: z.custom<number[]>((v) => Array.isArray(v) && v.length === 784) })
      .transform((b) => Float32Array.from(b.pixels)),
  );
  const fast = [shape, finite, range, robust];
  const x = (i: number) => inputs[i % 64] as Float32Array;

  type Task = { name: string; reps: number; run: (i: number) => unknown };
  const tasks: Task[] = [
    { name: INFERENCE, reps: 10, run: (i) => models.single.predict(x(i), 1) },
    { name: 'tensorShape + finiteValues', reps: 50, run: (i) => validateInputSync(x(i), [shape, finite]) },
    { name: 'profileRange (clip, 784 features)', reps: 50, run: (i) => validateInputSync(x(i), [range]) },
    { name: 'robust z-score (784 features)', reps: 50, run: (i) => validateInputSync(x(i), [robust]) },
    ...options.components.map((k) => ({
      name: `Mahalanobis, PCA k=${k} + residual`,
      reps: 50,
      run: (i: number) => validateInputSync(x(i), [maha.get(k) as (typeof all0)[number]]),
    })),
    {
      name: 'validateInputSync: shape + finite + range + robust z',
      reps: 50,
      run: (i) => validateInputSync(x(i), fast),
    },
    ...options.components.map((k) => ({
      name: `validateInputSync: shape + finite + range + robust z + Mahalanobis (k=${k})`,
      reps: 50,
      run: (i: number) => validateInputSync(x(i), all.get(k) as typeof all0),
    })),
    { name: `validateInput (async): same rules (k=${k0})`, reps: 50, run: (i) => validateInput(x(i), all0) },
    {
      name: 'zod schema on a JSON body { pixels: number[784] }, each number in [0, 1] → Float32Array',
      reps: 50,
      run: (i) => validateInputSync(bodies[i % 64], [schema]),
    },
    {
      name: 'zod schema on the same body, types and length only → Float32Array',
      reps: 50,
      run: (i) => validateInputSync(bodies[i % 64], [lean]),
    },
    {
      name: 'zod schema on the same body, envelope only (z.custom array of 784) → Float32Array',
      reps: 50,
      run: (i) => validateInputSync(bodies[i % 64], [envelope]),
    },
    {
      name: 'validateInput: zod envelope + shape + finite + range + robust z',
      reps: 50,
      run: (i) => validateInput(bodies[i % 64], [envelope, ...fast]),
    },
    {
      name: `validateInput: zod (types, length) + shape + finite + range + robust z + Mahalanobis (k=${k0})`,
      reps: 50,
      run: (i) => validateInput(bodies[i % 64], [lean, ...all0]),
    },
    {
      name: 'feature-squeezing rule (bit depth 1 + median 2×2: one batched inference of 3 rows)',
      reps: 10,
      run: (i) => validateInput(x(i), [squeeze]),
    },
    { name: 'one inference of the batch-capable model (1 row)', reps: 10, run: (i) => models.batched.predict(x(i), 1) },
  ];
  const perRound: Map<string, number[]> = await cpuRounds(tasks, { rounds: options.rounds, floorMicros: 0.1 });
  const inference = perRound.get(INFERENCE) as number[];
  const rows: OverheadRow[] = tasks.map((t) => {
    const xs = perRound.get(t.name) as number[];
    return {
      task: t.name,
      microseconds: median(xs),
      ratioToInference: median(xs.map((x, i) => x / (inference[i] as number))),
    };
  });
  return {
    rows,
    fitMs: Object.fromEntries(fitMs),
    profileJsonBytes: Object.fromEntries([...profiles].map(([k, p]) => [k, JSON.stringify(p).length])),
  };
}
