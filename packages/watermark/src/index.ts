/**
 * @modelsec/watermark: embed and verify ownership watermarks in model weights (Uchida-style
 * projections, also directly in ONNX files), trigger sets (Adi-style), API outputs (DAWN-style) and
 * LLM text (KGW green lists). Every scheme is keyed: without the owner's secret key nobody can find,
 * forge or cheaply remove the mark, and every decision comes with a p-value against chance.
 *
 * @packageDocumentation
 */

export {
  type ApiVerifyOptions,
  type ApiWatermark,
  type ApiWatermarkDecision,
  type ApiWatermarkOptions,
  type ApiWatermarkRecord,
  createApiWatermark,
  verifyApiWatermark,
} from './api/api-watermark';
export { listInitializers, type OnnxInitializerInfo, readInitializer, replaceInitializer } from './onnx/initializers';
export type { AgreementOptions, AgreementResult, SuspectModel } from './shared/agreement';
export { MAX_MESSAGE_BYTES, packBits, unpackBits } from './shared/bits';
export { deriveKey, keyBytes, MAX_KEY_BYTES, MIN_KEY_BYTES, type WatermarkKey } from './shared/key';
export {
  createTextWatermark,
  type DetectOptions,
  MAX_TOKENS,
  MAX_VOCAB_SIZE,
  TEXT_SCHEMES,
  type TextDetection,
  type TextScheme,
  type TextWatermark,
  type TextWatermarkOptions,
  type WindowDetection,
  type WindowDetectOptions,
} from './text/text-watermark';
export { createTriggerSet, type TriggerSet, type TriggerSetOptions, verifyTriggerSet } from './trigger/trigger-set';
export {
  defaultWatermarkTensor,
  embedWeightWatermark,
  type OnnxTensorOption,
  type OnnxWeightEmbedResult,
  type OnnxWeightVerifyResult,
  verifyWeightWatermark,
} from './weights/embed';
export { addGaussianNoise, pruneByMagnitude, quantizeInt8 } from './weights/perturb';
export {
  MAX_TENSOR_ELEMENTS,
  type WeightEmbedOptions,
  type WeightEmbedReport,
  type WeightEmbedResult,
  type WeightKeyOptions,
  type WeightVerifyOptions,
  type WeightVerifyResult,
} from './weights/tensor';
