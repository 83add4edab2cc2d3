/**
 * Dataset normalization for `detectDrift`: accepts column-major (`{ age: [...], city: [...] }`) or
 * row-major (`[{ age: 31, city: 'Oslo' }, ...]`) tables of untrusted values, drops missing values
 * (null, undefined, NaN, empty strings) per column as evidently drops NaN, and infers a column type:
 * numerical when every present value is a finite number, categorical otherwise.
 */
import { describeValue, ModelSecTypeError, ValidationError } from '@modelsec/core';
import { isSampleLike, MAX_SAMPLE_SIZE } from '../stats/sample';

/** A cell value: numbers, strings and booleans; null/undefined/NaN/'' count as missing. */
export type CellValue = number | string | boolean | null | undefined;

/** A table: columns by name, or an array of row objects. */
export type Dataset = Readonly<Record<string, ArrayLike<CellValue>>> | ArrayLike<Readonly<Record<string, CellValue>>>;

/** The type of a column. */
export type ColumnType = 'numerical' | 'categorical';

/** A column with missing values removed. */
export interface CleanColumn {
  /** Present values. */
  values: (number | string | boolean)[];
  /** Number of missing cells. */
  missing: number;
  /** True when every present value is a finite number. */
  allNumbers: boolean;
}

/** Most columns a dataset may have. */
export const MAX_COLUMNS = 10_000;
/** Longest string cell accepted (longer cells are rejected, not truncated). */
export const MAX_CELL_LENGTH = 10_000;

/** Column names of a dataset (first row's keys for row-major data). */
export function columnNames(data: Dataset, label: string): string[] {
  if (isSampleLike(data)) {
    if (data.length === 0) throw new ValidationError('empty_input', `"${label}" has no rows`);
    const first = data[0];
    if (typeof first !== 'object' || first === null)
      throw new ValidationError('invalid_shape', `"${label}" rows must be objects`);
    return Object.keys(first);
  }
  if (typeof data !== 'object' || data === null)
    throw new ModelSecTypeError(`"${label}" expected a table, got ${describeValue(data)}`);
  return Object.keys(data);
}

/** Extract one column, dropping missing values and checking every cell. */
export function cleanColumn(data: Dataset, name: string, label: string): CleanColumn {
  if (typeof data !== 'object' || data === null)
    throw new ModelSecTypeError(`"${label}" expected a table, got ${describeValue(data)}`);
  let length: number;
  let get: (i: number) => unknown;
  if (isSampleLike(data)) {
    length = data.length;
    get = (i) => {
      const row = data[i];
      if (typeof row !== 'object' || row === null)
        throw new ValidationError('invalid_shape', `"${label}" row ${i} is not an object`);
      return Object.hasOwn(row, name) ? (row as Record<string, unknown>)[name] : undefined;
    };
  } else {
    const col = Object.hasOwn(data, name) ? (data as Record<string, unknown>)[name] : undefined;
    if (col === undefined)
      throw new ValidationError('invalid_shape', `"${label}" has no column #${columnIndex(data, name)}`);
    if (!isSampleLike(col))
      throw new ValidationError(
        'invalid_shape',
        `"${label}" column values must be an array, got ${describeValue(col)}`,
      );
    length = col.length;
    get = (i) => col[i];
  }
  if (length > MAX_SAMPLE_SIZE)
    throw new ValidationError('too_large', `"${label}" has more than ${MAX_SAMPLE_SIZE} rows`);
  const values: (number | string | boolean)[] = [];
  let missing = 0;
  let allNumbers = true;
  for (let i = 0; i < length; i++) {
    const v = get(i);
    if (v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v))) {
      missing++;
      continue;
    }
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new ValidationError('non_finite', `"${label}" has an infinite value in row ${i}`);
    } else if (typeof v === 'string') {
      if (v.length > MAX_CELL_LENGTH)
        throw new ValidationError('too_large', `"${label}" row ${i} has a cell longer than ${MAX_CELL_LENGTH}`);
      allNumbers = false;
    } else if (typeof v === 'boolean') {
      allNumbers = false;
    } else {
      throw new ValidationError('invalid_value', `"${label}" row ${i} has a ${describeValue(v)} cell`);
    }
    values.push(v);
  }
  return { values, missing, allNumbers };
}

function columnIndex(data: object, name: string): number {
  return Object.keys(data).indexOf(name);
}
