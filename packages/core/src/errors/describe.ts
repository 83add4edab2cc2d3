/**
 * Describe a value for an error message by its type and size only, never by its content, so that
 * messages built from untrusted input or secrets cannot leak them.
 */

/**
 * A short, content-free description of a value: `string(length=12)`, `Uint8Array(length=5)`,
 * `number`, `array(length=3)`, `object`, `null`.
 *
 * @example
 * ```ts
 * describeValue('hunter2'); // 'string(length=7)'
 * ```
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  switch (typeof value) {
    case 'string':
      return `string(length=${value.length})`;
    case 'number':
      return Number.isNaN(value) ? 'NaN' : Number.isFinite(value) ? 'number' : 'non-finite number';
    case 'bigint':
    case 'boolean':
    case 'symbol':
    case 'function':
      return typeof value;
    default:
      break;
  }
  if (ArrayBuffer.isView(value)) {
    const name = Object.getPrototypeOf(value)?.constructor?.name ?? 'ArrayBufferView';
    const length = (value as unknown as { length?: number }).length ?? value.byteLength;
    return `${name}(length=${length})`;
  }
  if (value instanceof ArrayBuffer) return `ArrayBuffer(byteLength=${value.byteLength})`;
  if (Array.isArray(value)) return `array(length=${value.length})`;
  return 'object';
}
