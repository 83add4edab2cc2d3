/**
 * Helpers shared by the test suites (and benchmarks) of every package, in Node and in Chromium.
 * Import as `@modelsec-test/utils`.
 */
export { NOT_BYTES, NOT_STRINGS } from './bad-inputs';
export { loadMnist, loadMnistModelBytes, MNIST_MODEL, type MnistSet } from './mnist';
export { createSession, ort } from './ort';
export { settleWithin } from './retry';
export { isBrowser, isNode } from './runtime';
export {
  hasSharedData,
  readSharedBytes,
  readSharedFile,
  readSharedJSON,
  readSharedText,
  sharedDataDir,
} from './shared-data';
