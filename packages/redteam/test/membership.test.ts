import { withQueryBudget } from '@modelsec/core';
import {
  atThreshold,
  bestThreshold,
  createSurrogate,
  membershipInference,
  mlpShadowTrainer,
  rocAuc,
  trainSurrogate,
} from '@modelsec/redteam';
import { describe, expect, test } from 'vitest';
import { mnistData } from './helpers';

describe('membership metrics', () => {
  test('AUC and thresholds on hand-computed cases', () => {
    expect(rocAuc([0.9, 0.8], [0.1, 0.8])).toBe(0.875);
    expect(rocAuc([1, 2, 3], [1, 2, 3])).toBe(0.5);
    expect(rocAuc([0, 0], [1, 1])).toBe(0);
    expect(bestThreshold([0.9, 0.8], [0.1, 0.2])).toEqual({ threshold: 0.8, tpr: 1, fpr: 0, advantage: 1 });
    expect(atThreshold([0.9, 0.8], [0.1, 0.85], 0.85)).toEqual({ threshold: 0.85, tpr: 0.5, fpr: 0.5, advantage: 0 });
    expect(Number.isNaN(rocAuc([], [1]))).toBe(true);
  });
});

describe('membershipInference on an MLP trained on MNIST test digits', () => {
  test('an overfit target leaks membership; shadow calibration gives a positive advantage', async () => {
    // The target is trained here on 150 "member" digits; 150 other digits are non-members. (opt-mnist's own
    // training set is not available, so its membership cannot be tested.)
    const members = await mnistData(150, 0);
    const nonMembers = await mnistData(150, 150);
    const shadowData = await mnistData(300, 300);
    const target = createSurrogate({ sampleShape: [1, 28, 28], numClasses: 10, hidden: [32], seed: 11 });
    await trainSurrogate(target, members, { epochs: 25, seed: 11 });
    const victim = withQueryBudget(target, { budget: 300 });
    const result = await membershipInference(victim, {
      members,
      nonMembers,
      shadow: {
        data: shadowData,
        train: mlpShadowTrainer({ sampleShape: [1, 28, 28], numClasses: 10, hidden: [32], train: { epochs: 25 } }),
      },
      seed: 1,
    });
    expect(result.queries).toBe(victim.queries);
    expect(result.targetAccuracy.members).toBeGreaterThan(result.targetAccuracy.nonMembers);
    const loss = result.signals.find((s) => s.signal === 'loss');
    expect(loss?.auc).toBeGreaterThan(0.6);
    expect(loss?.advantage).toBeGreaterThan(0.1);
    expect(loss?.oracleAdvantage).toBeGreaterThanOrEqual(loss?.advantage as number);
    expect(result.shadowModels).toBe(1);
  });
});
