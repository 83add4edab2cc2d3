/** The classifier contract and its adapters. */
export {
  type BudgetedClassifier,
  classifierFromFunction,
  classifierFromOnnx,
  type FunctionClassifierOptions,
  type OnnxClassifierOptions,
  withQueryBudget,
} from './adapters';
export { argmax, softmax } from './math';
export type { Classifier, OrtSessionLike, OrtTensorConstructor, ScoreKind } from './types';
