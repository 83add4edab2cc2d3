/**
 * A ready-made `ShadowTrainer`: trains this package's softmax-regression/MLP surrogate on the shadow
 * data, so membership inference needs no framework. Use the same architecture and training recipe as
 * the target when known (shadow models imitate the target's training).
 */
import { aobject } from '@modelsec/core';
import { createSurrogate } from '../surrogate/mlp';
import { type TrainOptions, trainSurrogate } from '../surrogate/train';
import type { ShadowTrainer } from './attack';

/** Options of `mlpShadowTrainer`. */
export interface MlpShadowOptions {
  /** Sample shape of the target. */
  sampleShape: readonly number[];
  /** Number of classes. */
  numClasses: number;
  /** Hidden layer widths (default `[128]`). */
  hidden?: readonly number[];
  /** Training options (default 30 epochs, batch 32, Adam 0.003). */
  train?: TrainOptions;
}

/**
 * A shadow trainer built on `createSurrogate` + `trainSurrogate`.
 *
 * @example
 * ```ts
 * const train = mlpShadowTrainer({ sampleShape: [1, 28, 28], numClasses: 10, hidden: [128], train: { epochs: 40 } });
 * const result = await membershipInference(target, { members, nonMembers, shadow: { data, train, models: 2 } });
 * ```
 */
export function mlpShadowTrainer(options: MlpShadowOptions): ShadowTrainer {
  aobject(options as unknown, 'options');
  createSurrogate({ ...options, hidden: options.hidden ?? [128] }); // validates the options now
  return async (data, seed) => {
    const model = createSurrogate({
      sampleShape: options.sampleShape,
      numClasses: options.numClasses,
      hidden: options.hidden ?? [128],
      seed,
    });
    await trainSurrogate(model, { inputs: data.inputs, labels: data.labels }, { epochs: 30, seed, ...options.train });
    return model;
  };
}
