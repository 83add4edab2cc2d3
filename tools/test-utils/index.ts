/**
 * Helpers shared by the test suites of every package, in Node and in Chromium.
 * Import as `@modelsec-test/utils`.
 */
export { NOT_BYTES, NOT_STRINGS } from './bad-inputs';
export { isBrowser, isNode } from './runtime';
export {
  hasSharedData,
  readSharedBytes,
  readSharedFile,
  readSharedJSON,
  readSharedText,
  sharedDataPath,
} from './shared-data';
