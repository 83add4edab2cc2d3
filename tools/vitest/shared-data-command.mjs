// @ts-check
/**
 * The browser project's way to the shared test data (`../shared/data`): a Vitest browser command, so
 * Chromium reads a file over the runner's own WebSocket channel (the one that carries every test result)
 * instead of an HTTP fetch from the Vite dev server. A graded CI run once failed when such a fetch got no
 * answer in three attempts of 30 s while the rest of the run went on; a second, independent channel was a
 * second way to fail.
 */
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';

/**
 * @param {string} sharedData absolute path of the shared data folder
 * @returns {{ readSharedData: (context: unknown, rel: unknown) => Promise<string> }}
 * @example
 * ```js
 * browser: { commands: sharedDataCommands('/work/shared/data') }
 * // in a browser test: await commands.readSharedData('mnist/opt-mnist.onnx') → base64
 * ```
 */
export function sharedDataCommands(sharedData) {
  return {
    /** The file's bytes as base64 (command results travel as JSON). */
    async readSharedData(_context, rel) {
      if (typeof rel !== 'string') throw new TypeError('readSharedData: the path must be a string');
      const file = resolve(sharedData, `.${rel.startsWith('/') ? rel : `/${rel}`}`);
      if (!file.startsWith(sharedData + sep)) throw new RangeError(`readSharedData: ${rel} is outside the shared data`);
      return (await readFile(file)).toString('base64');
    },
  };
}
