/**
 * Key rotation without re-encryption: unwrap the container's data key with the old provider, check
 * the header MAC, wrap the same data key with the new provider, and write a new envelope and MAC.
 * The bound header (the chunks' associated data) and every chunk are copied unchanged, so rotating a
 * 10 GB model costs one key-service round trip and a file copy, not a decryption.
 */

import { bytesToHex } from '../bytes/encoding';
import { wipeBytes } from '../bytes/ops';
import { iterateBytes } from '../digest/digest';
import { aobject, isBytes } from '../errors/asserts';
import { checkProvider, finishHeader, unwrapDataKey } from './container';
import { type ContainerHeader, parseHeader } from './format';
import type { KeyProvider } from './provider';
import { ByteReader } from './reader';
import type { EncryptionSource } from './stream';

/** Options of `rewrapModel`, `rewrapHeader` and `rewrapFile`. */
export interface RewrapOptions {
  /** Provider that can unwrap the current data key. */
  from: KeyProvider;
  /** Provider that wraps the data key from now on. */
  to: KeyProvider;
}

/**
 * Re-wrap a container's data key for another key (rotation). The output is the same container with a
 * new key envelope and header MAC; chunks are passed through untouched (and not checked: they stay
 * bound to the same data key and bound header).
 *
 * @throws IntegrityError `key_mismatch` / `tampered` when `from` cannot open the header.
 * @example
 * ```ts
 * const rotated = rewrapModel(oldContainer.stream(), { from: oldProvider, to: newProvider });
 * ```
 */
export function rewrapModel(source: EncryptionSource, options: RewrapOptions): ReadableStream<Uint8Array> {
  checkRewrapOptions(options);
  const reader = new ByteReader(iterateBytes(isBytes(source) ? [source] : source));
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        const header = await parseHeader((n) => reader.read(n));
        controller.enqueue(await rewrapHeader(header, options));
        return;
      }
      const chunk = await reader.read(1 << 20);
      if (chunk.length > 0) controller.enqueue(chunk);
      else controller.close();
    },
    cancel: () => reader.cancel(),
  });
}

/**
 * The new header bytes for a parsed header (for file-level rotation).
 *
 * @example
 * ```ts
 * const next = await rewrapHeader(await parseHeader(read), { from, to });
 * ```
 */
export async function rewrapHeader(header: ContainerHeader, options: RewrapOptions): Promise<Uint8Array> {
  checkRewrapOptions(options);
  const dataKey = await unwrapDataKey(header, options.from);
  try {
    const context = { containerId: bytesToHex(header.noncePrefix), boundHeader: header.bound };
    const wrapped = await options.to.wrapKey(dataKey, context);
    return await finishHeader(header.bound, dataKey, header.noncePrefix, options.to, wrapped);
  } finally {
    wipeBytes(dataKey);
  }
}

function checkRewrapOptions(options: RewrapOptions): void {
  aobject(options, 'options');
  checkProvider(options.from, 'options.from');
  checkProvider(options.to, 'options.to');
}
