/**
 * @modelsec/scanner: find code execution and malformed structure in model files (pickle, PyTorch,
 * NumPy, joblib, safetensors, ONNX, GGUF, Keras) without executing or deserializing anything.
 *
 * @packageDocumentation
 */

export { extensionOf, type Sniffed, sniff } from './detect';
export { escapesFolder, STANDARD_ONNX_DOMAINS } from './formats/onnx';
export { SAFETENSORS_DTYPE_BITS } from './formats/safetensors';
export { type TemplateFinding, templateFindings } from './formats/template-injection';
export { DEFAULT_LIMITS, type ResolvedOptions, resolveOptions, type ScanLimits, type ScanOptions } from './options';
export { classifyGlobal, type GlobalClass } from './pickle/classify';
export { GLOBAL_RULES, type GlobalRule } from './pickle/globals-data';
export { ARG, type ArgKind, HIGHEST_PROTOCOL, OPCODES, type OpcodeInfo, opcodeName } from './pickle/opcodes';
export { type ScanInput, scanByteSource, scanModel, summarize } from './scan';
export { blobSource, bytesSource, type ScanSource, subSource } from './source';
export type {
  FileReport,
  FindingLevel,
  PickleGlobal,
  SafetyLevel,
  ScanFinding,
  ScanFormat,
  ScanReport,
  ScanVerdict,
} from './types';
