/** Which runtime a test runs in. */

/** True in Node.js. */
export const isNode: boolean =
  typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string' &&
  typeof (globalThis as { window?: unknown }).window === 'undefined';

/** True in a browser (Chromium under vitest browser mode). */
export const isBrowser: boolean = typeof (globalThis as { window?: unknown }).window !== 'undefined';
