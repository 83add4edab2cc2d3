/**
 * Dataset files for red-team runs (what `modelsec redteam --data <dir>` reads), parsed from bytes or
 * text so it works in browsers too: IDX (the MNIST format: an images file of uint8 or float32 plus a
 * labels file of uint8, optionally gzip-compressed), CSV (`label,v1,...,vn` per row, optional header),
 * and JSON (`{ "inputs": [[...], ...], "labels": [...] }`). Parsing is strict and bounded: malformed or
 * oversized input gives a ValidationError, never a crash or an unbounded allocation.
 */
import { abytes, aobject, astring, ValidationError } from '@modelsec/core';

/** A parsed dataset. */
export interface Dataset {
  /** Number of samples. */
  count: number;
  /** Shape of one sample as stored in the file (IDX: e.g. `[28, 28]`; CSV/JSON: `[n]`). */
  sampleShape: number[];
  /** `count × product(sampleShape)` values, divided by the scale. */
  inputs: Float32Array;
  /** One label per sample. */
  labels: Int32Array;
}

/** Options of the dataset parsers. */
export interface DatasetOptions {
  /** Divide every value by this (IDX uint8 default 255; CSV `auto`: 255 when any value exceeds 1, else 1; JSON 1). */
  scale?: number | 'auto';
  /** Keep only the first `limit` samples. */
  limit?: number;
}

/** Largest number of values a dataset may hold (2^28 floats = 1 GiB). */
export const MAX_DATASET_VALUES = 2 ** 28;

const bad = (message: string) => new ValidationError('malformed_file', message);

/**
 * Parse an IDX images file and an IDX labels file (already decompressed; see `gunzip`).
 *
 * @throws ValidationError `malformed_file` or `too_large`.
 * @example
 * ```ts
 * const mnist = parseIdxDataset(imagesBytes, labelsBytes, { limit: 100 }); // pixels / 255
 * ```
 */
export function parseIdxDataset(images: Uint8Array, labels: Uint8Array, options: DatasetOptions = {}): Dataset {
  abytes(images, 'images');
  abytes(labels, 'labels');
  aobject(options as unknown, 'options');
  const img = readIdxHeader(images, 'images');
  const lab = readIdxHeader(labels, 'labels');
  if (lab.type !== 0x08 || lab.dims.length !== 1) throw bad('IDX labels must be a 1-D uint8 file');
  const total = img.dims[0] as number;
  if (img.dims.length < 2 || total !== lab.dims[0]) throw bad('IDX images and labels disagree on the sample count');
  const sampleShape = img.dims.slice(1);
  const d = sampleShape.reduce((a, b) => a * b, 1);
  const count = limitCount(total, options.limit);
  checkSize(count, d);
  const width = img.type === 0x08 ? 1 : 4;
  if (images.length < img.offset + total * d * width || labels.length < lab.offset + total) {
    throw new ValidationError('truncated_input', 'IDX file is shorter than its header says');
  }
  const scale = resolveScale(options.scale, img.type === 0x08 ? 255 : 1);
  const inputs = new Float32Array(count * d);
  const view = new DataView(images.buffer, images.byteOffset, images.byteLength);
  for (let i = 0; i < count * d; i++) {
    const v = img.type === 0x08 ? (images[img.offset + i] as number) : view.getFloat32(img.offset + 4 * i, false);
    if (!Number.isFinite(v)) throw new ValidationError('non_finite', 'IDX images hold a non-finite value');
    inputs[i] = v / scale;
  }
  return { count, sampleShape, inputs, labels: Int32Array.from(labels.subarray(lab.offset, lab.offset + count)) };
}

/**
 * Parse a CSV dataset: one sample per row, the label first (an optional header row is skipped).
 *
 * @throws ValidationError `malformed_file`, `non_finite` or `too_large`.
 * @example
 * ```ts
 * const data = parseCsvDataset('label,p0,p1\n3,0,255\n', { scale: 'auto' });
 * ```
 */
export function parseCsvDataset(text: string, options: DatasetOptions = {}): Dataset {
  astring(text, 'text');
  aobject(options as unknown, 'options');
  if (text.length > MAX_DATASET_VALUES) throw new ValidationError('too_large', 'CSV dataset is too large');
  const rows = text.split(/\r?\n/);
  let start = 0;
  const first = (rows[0] ?? '').split(',')[0]?.trim() ?? '';
  if (first !== '' && !Number.isFinite(Number(first))) start = 1;
  const labels: number[] = [];
  const values: number[] = [];
  let width = -1;
  let max = 0;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  for (let r = start; r < rows.length && labels.length < limit; r++) {
    const line = (rows[r] as string).trim();
    if (line === '') continue;
    const cells = line.split(',');
    if (width < 0) width = cells.length;
    if (cells.length !== width || width < 2)
      throw bad(`CSV row ${r + 1} has ${cells.length} fields, expected ${width}`);
    const label = Number(cells[0]);
    if (!Number.isInteger(label) || label < 0) throw bad(`CSV row ${r + 1}: the label is not a class index`);
    labels.push(label);
    for (let c = 1; c < cells.length; c++) {
      const v = Number(cells[c]);
      if (!Number.isFinite(v) || (cells[c] as string).trim() === '') {
        throw new ValidationError('non_finite', `CSV row ${r + 1} has a value that is not a finite number`);
      }
      if (Math.abs(v) > max) max = Math.abs(v);
      values.push(v);
    }
  }
  if (labels.length === 0) throw new ValidationError('empty_input', 'CSV dataset has no rows');
  const scale =
    options.scale === undefined || options.scale === 'auto' ? (max > 1 ? 255 : 1) : resolveScale(options.scale, 1);
  return {
    count: labels.length,
    sampleShape: [width - 1],
    inputs: Float32Array.from(values, (v) => v / scale),
    labels: Int32Array.from(labels),
  };
}

/**
 * Parse a JSON dataset `{ "inputs": number[][] (or one flat number[]), "labels": number[] }`.
 *
 * @throws ValidationError `invalid_json`, `malformed_file` or `non_finite`.
 * @example
 * ```ts
 * parseJsonDataset('{"inputs":[[0,1],[1,0]],"labels":[1,0]}');
 * ```
 */
export function parseJsonDataset(text: string, options: DatasetOptions = {}): Dataset {
  astring(text, 'text');
  aobject(options as unknown, 'options');
  if (text.length > MAX_DATASET_VALUES) throw new ValidationError('too_large', 'JSON dataset is too large');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ValidationError('invalid_json', 'JSON dataset does not parse', { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null) throw bad('JSON dataset is not an object');
  const { inputs, labels } = parsed as { inputs?: unknown; labels?: unknown };
  if (!Array.isArray(inputs) || !Array.isArray(labels) || labels.length === 0) {
    throw bad('JSON dataset needs "inputs" and non-empty "labels" arrays');
  }
  const flat: unknown[] = Array.isArray(inputs[0]) ? (inputs as unknown[][]).flat() : inputs;
  const total = labels.length;
  if (flat.length % total !== 0 || (Array.isArray(inputs[0]) && inputs.length !== total)) {
    throw bad('JSON dataset: inputs do not divide evenly into one row per label');
  }
  const d = flat.length / total;
  const count = limitCount(total, options.limit);
  const scale = resolveScale(options.scale, 1);
  const out = new Float32Array(count * d);
  for (let i = 0; i < count * d; i++) {
    const v = flat[i];
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new ValidationError('non_finite', 'JSON dataset holds a non-number');
    out[i] = v / scale;
  }
  const lab = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const y = labels[i];
    if (typeof y !== 'number' || !Number.isInteger(y) || y < 0) throw bad('JSON dataset: a label is not a class index');
    lab[i] = y;
  }
  return { count, sampleShape: [d], inputs: out, labels: lab };
}

/**
 * Decompress gzip bytes (returned unchanged when they are not gzip), refusing to produce more than
 * `maxBytes` (default 1 GiB) so a compression bomb cannot exhaust memory. Uses `DecompressionStream`.
 *
 * @throws ValidationError `too_large` or `malformed_file`.
 * @example
 * ```ts
 * const images = await gunzip(await readFile('t10k-images-idx3-ubyte.gz'));
 * ```
 */
export async function gunzip(bytes: Uint8Array, maxBytes = 2 ** 30): Promise<Uint8Array> {
  abytes(bytes, 'bytes');
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxBytes) {
        await reader.cancel();
        throw new ValidationError('too_large', `gzip data expands beyond ${maxBytes} bytes`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (ValidationError.isInstance(error)) throw error;
    throw new ValidationError('malformed_file', 'gzip data is corrupt', { cause: error });
  }
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

function readIdxHeader(bytes: Uint8Array, label: string): { type: number; dims: number[]; offset: number } {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) throw bad(`IDX ${label}: bad magic number`);
  const type = bytes[2] as number;
  const nd = bytes[3] as number;
  if (type !== 0x08 && type !== 0x0d) throw bad(`IDX ${label}: only uint8 (0x08) and float32 (0x0d) are supported`);
  if (nd < 1 || nd > 8 || bytes.length < 4 + 4 * nd) throw bad(`IDX ${label}: bad dimension count`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  let product = 1;
  for (let i = 0; i < nd; i++) {
    const v = view.getUint32(4 + 4 * i, false);
    if (v === 0) throw bad(`IDX ${label}: a dimension is 0`);
    product *= v;
    if (product > MAX_DATASET_VALUES) throw new ValidationError('too_large', `IDX ${label} is too large`);
    dims.push(v);
  }
  return { type, dims, offset: 4 + 4 * nd };
}

function limitCount(total: number, limit: number | undefined): number {
  if (limit === undefined) return total;
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new ValidationError('out_of_range', '"limit" must be a positive integer');
  return Math.min(total, limit);
}

function checkSize(count: number, d: number): void {
  if (count * d > MAX_DATASET_VALUES) throw new ValidationError('too_large', 'dataset holds more than 2^28 values');
}

function resolveScale(scale: number | 'auto' | undefined, fallback: number): number {
  if (scale === undefined || scale === 'auto') return fallback;
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0) {
    throw new ValidationError('out_of_range', '"scale" must be a positive number');
  }
  return scale;
}
