/**
 * Models for the trigger-set and API experiments, all built with @modelsec/redteam (surrogate MLPs and
 * its extraction attack), never with code of this package: an owner model trained with a trigger set,
 * an independent model trained on other digits, and a surrogate extracted from an API.
 */
import type { Classifier } from '@modelsec/core';
import { createSurrogate, extractModel, type Surrogate, trainSurrogate } from '@modelsec/redteam';
import { loadMnist } from '@modelsec-test/utils';
import type { TriggerSet } from '../../src/index';

export interface Budget {
  hidden: number[];
  epochs: number;
  queries: number;
}

/** An MLP trained on `count` MNIST digits from `offset` (true labels), plus `triggers` repeated `repeat` times. */
export async function trainModel(
  budget: Budget,
  seed: number,
  offset: number,
  triggers?: TriggerSet,
  repeat = 5,
): Promise<Surrogate> {
  const data = await loadMnist({ limit: budget.queries, offset });
  const extra = triggers ? triggers.size * repeat : 0;
  const inputs = new Float32Array((data.count + extra) * 784);
  const labels = new Int32Array(data.count + extra);
  inputs.set(data.images);
  labels.set(data.labels);
  for (let r = 0; r < (triggers ? repeat : 0); r++) {
    inputs.set((triggers as TriggerSet).inputs, (data.count + r * (triggers as TriggerSet).size) * 784);
    labels.set((triggers as TriggerSet).labels, data.count + r * (triggers as TriggerSet).size);
  }
  const model = createSurrogate({ sampleShape: [1, 28, 28], numClasses: 10, hidden: budget.hidden, seed });
  await trainSurrogate(model, { inputs, labels }, { epochs: budget.epochs, seed });
  return model;
}

/** Extract a surrogate from `victim` with natural MNIST queries (digits 0 … queries − 1), soft labels. */
export async function extract(victim: Classifier, budget: Budget, seed: number, offset = 0) {
  const pool = await loadMnist({ limit: budget.queries, offset });
  const evaluation = await loadMnist({ limit: 300, offset: 9700 });
  return extractModel(victim, {
    strategy: 'natural',
    pool: pool.images,
    checkpoints: [budget.queries],
    hidden: budget.hidden,
    labels: 'soft',
    train: { epochs: budget.epochs },
    evaluation: { inputs: evaluation.images, labels: evaluation.labels },
    seed,
  });
}
