/**
 * CPU cost of the classifier output rules per call (filterOutputSync on one 10-class probability row),
 * next to one inference of the MNIST CNN in the same rounds: tasks are interleaved round by round and
 * each ratio is taken within a round, so machine noise hits both sides alike.
 */

import { type AnyRule, softmax } from '@modelsec/core';
import {
  confidenceThreshold,
  filterOutputSync,
  fromLogits,
  labelOnly,
  noise,
  reverseSigmoid,
  roundProbabilities,
  topK,
  validateProbabilities,
} from '@modelsec/filters';
import { cpuRounds } from '../lib/cpu-rounds.mjs';
import { digits, type Models, median } from './setup.ts';

export const INFERENCE = 'one MNIST inference (opt-mnist.onnx, onnxruntime-web wasm, 1 thread, batch 1)';

export interface OverheadRow {
  task: string;
  nanoseconds: number;
  ratioToInference: number;
}

export async function runOverhead(models: Models, options: { rounds: number }) {
  const { inputs } = await digits(64, 5000);
  const x = (i: number) => inputs.subarray((i % 64) * 784, ((i % 64) + 1) * 784);
  const logits = await models.batched.predict(inputs, 64);
  const probs = softmax(logits, 10);
  const rows = Array.from({ length: 64 }, (_, i) => probs.slice(i * 10, i * 10 + 10));
  const logitRows = Array.from({ length: 64 }, (_, i) => logits.slice(i * 10, i * 10 + 10));
  const rule = (name: string, rules: AnyRule[], logitsIn = false) => ({
    name,
    reps: 2000,
    run: (i: number) => filterOutputSync((logitsIn ? logitRows : rows)[i % 64], rules),
  });
  const chain = [validateProbabilities({ numClasses: 10 }), confidenceThreshold(0.5), topK(3), roundProbabilities(2)];
  type Task = { name: string; reps: number; run: (i: number) => unknown };
  const tasks: Task[] = [
    { name: INFERENCE, reps: 20, run: (i) => models.single.predict(x(i), 1) },
    rule('filterOutputSync with no rules (the runner alone)', []),
    rule('validateProbabilities({ numClasses: 10 })', [validateProbabilities({ numClasses: 10 })]),
    rule('confidenceThreshold(0.5)', [confidenceThreshold(0.5)]),
    rule('topK(3)', [topK(3)]),
    rule('roundProbabilities(2)', [roundProbabilities(2)]),
    rule('labelOnly()', [labelOnly()]),
    rule('reverseSigmoid({ beta: 1, gamma: 0.1 })', [reverseSigmoid()]),
    rule('noise({ scale: 0.1 }) (CSPRNG)', [noise({ scale: 0.1 })]),
    rule('fromLogits() (softmax)', [fromLogits()], true),
    rule('validate + confidenceThreshold + topK(3) + round(2)', chain),
    rule(
      'fromLogits + validate + confidenceThreshold + reverseSigmoid + round(3)',
      [
        fromLogits(),
        validateProbabilities({ numClasses: 10 }),
        confidenceThreshold(0.5),
        reverseSigmoid(),
        roundProbabilities(3),
      ],
      true,
    ),
  ];
  const perRound: Map<string, number[]> = await cpuRounds(tasks, { rounds: options.rounds, floorMicros: 0.01 });
  const inference = perRound.get(INFERENCE) as number[];
  const out: OverheadRow[] = tasks.map((t) => {
    const xs = perRound.get(t.name) as number[];
    return {
      task: t.name,
      nanoseconds: median(xs) * 1000,
      ratioToInference: median(xs.map((v, i) => v / (inference[i] as number))),
    };
  });
  return out;
}
