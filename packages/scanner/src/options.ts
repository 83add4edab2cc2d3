/**
 * Options and limits of {@link scanModel}, with defaults that fit real checkpoints while bounding
 * time and memory on hostile files (zip bombs, huge headers, deep nesting).
 */
import { aboolean, ainteger, aobject, ModelSecTypeError } from '@modelsec/core';
import { DEFAULT_PICKLE_LIMITS, type PickleLimits } from './pickle/limits';

/** Every limit of a scan. */
export interface ScanLimits extends PickleLimits {
  /** Archive entries read per archive. */
  maxEntries: number;
  /** Largest ZIP central directory, in bytes. */
  maxCentralDirectory: number;
  /** Most bytes inflated from one compressed member. */
  maxEntryInflated: number;
  /** Most bytes inflated over the whole scan (all archives, nested ones included). */
  maxTotalInflated: number;
  /** Archive nesting depth (a zip in a zip is depth 2). */
  maxNesting: number;
  /** Largest safetensors JSON header (the format's own limit is 100,000,000). */
  maxSafetensorsHeader: number;
  /** Most GGUF metadata entries. */
  maxGgufKeys: number;
  /** Most GGUF tensors. */
  maxGgufTensors: number;
  /** Largest GGUF string. */
  maxGgufString: number;
  /** Largest ONNX file walked (protobuf is read in memory; the format itself stops at 2 GiB). */
  maxOnnxBytes: number;
  /** Largest JSON config (Keras `config.json`, HDF5 `model_config`). */
  maxJsonBytes: number;
  /** Bytes of an HDF5 file searched for the Keras model config. */
  maxHdf5Scan: number;
  /** Files scanned from a directory. */
  maxFiles: number;
  /** Findings kept per file. */
  maxFindings: number;
}

/** Default {@link ScanLimits}. */
export const DEFAULT_LIMITS: Readonly<ScanLimits> = Object.freeze({
  ...DEFAULT_PICKLE_LIMITS,
  maxEntries: 100_000,
  maxCentralDirectory: 1 << 26,
  maxEntryInflated: 1 << 28,
  maxTotalInflated: 1 << 30,
  maxNesting: 4,
  maxSafetensorsHeader: 100_000_000,
  maxGgufKeys: 1 << 16,
  maxGgufTensors: 1 << 20,
  maxGgufString: 1 << 24,
  maxOnnxBytes: 2 ** 31,
  maxJsonBytes: 1 << 26,
  maxHdf5Scan: 1 << 28,
  maxFiles: 100_000,
  maxFindings: 1000,
});

/** Options of {@link scanModel}. */
export interface ScanOptions {
  /** Promote suspicious globals and findings to dangerous, and unscannable content too (default false). */
  strict?: boolean;
  /** File name for bytes or a Blob without one (used as an extension hint and in the report). */
  name?: string;
  /** Override some limits. */
  limits?: Partial<ScanLimits>;
  /** Abort a long scan. */
  signal?: AbortSignal;
}

/** Options after validation. */
export interface ResolvedOptions {
  strict: boolean;
  name: string | undefined;
  limits: Readonly<ScanLimits>;
  signal: AbortSignal | undefined;
}

/**
 * Validate and complete scan options.
 *
 * @throws ModelSecTypeError / ModelSecRangeError for bad options.
 * @example
 * ```ts
 * resolveOptions({ strict: true }).limits.maxNesting; // 4
 * ```
 */
export function resolveOptions(options: ScanOptions | undefined): ResolvedOptions {
  if (options === undefined)
    return { strict: false, name: undefined, limits: { ...DEFAULT_LIMITS }, signal: undefined };
  aobject(options, 'options');
  if (options.strict !== undefined) aboolean(options.strict, 'options.strict');
  if (options.name !== undefined && typeof options.name !== 'string') {
    throw new ModelSecTypeError('"options.name" expected string');
  }
  let limits: ScanLimits = DEFAULT_LIMITS;
  if (options.limits !== undefined) {
    limits = { ...DEFAULT_LIMITS };
    aobject(options.limits, 'options.limits');
    for (const [k, v] of Object.entries(options.limits)) {
      if (!(k in DEFAULT_LIMITS)) throw new ModelSecTypeError(`"options.limits" has an unknown key`);
      ainteger(v, `options.limits.${k}`, { min: 1 });
      (limits as unknown as Record<string, number>)[k] = v;
    }
  }
  return {
    strict: options.strict ?? false,
    name: options.name,
    limits,
    signal: options.signal as AbortSignal | undefined,
  };
}
