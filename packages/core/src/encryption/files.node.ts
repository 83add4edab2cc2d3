/**
 * File helpers for Node.js: encrypt, decrypt and re-wrap container files in constant memory, with
 * read-ahead and write-behind so disk I/O (libuv threads) overlaps the cipher (main thread). Output
 * goes to a temporary file (mode 0600) next to the destination and is renamed into place only after
 * the last chunk authenticated; on any failure the temporary file is removed.
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { HASH_ALGORITHMS, type HashAlgorithm } from '../digest/algorithms';
import { createHasher } from '../digest/digest';
import { aoneOf, astring } from '../errors/asserts';
import { ValidationError } from '../errors/model-sec-error';
import { chunkAuthFailure } from './cipher-shared';
import { checkEncryptOptions, type EncryptOptions, openHeader, plaintextCheck, sealHeader } from './container';
import { MAX_CHUNKS, parseHeader, TAG_LENGTH } from './format';
import { type RewrapOptions, rewrapHeader } from './rotate';
import { checkDecryptOptions, containerInfo, type DecryptOptions } from './stream';

/** Options of `encryptFile`. */
export interface EncryptFileOptions extends EncryptOptions {
  /** Hash the plaintext first and record `digest` in the header (default `sha256`; `false` skips the extra pass). */
  digest?: HashAlgorithm | false;
  /** fsync the output before renaming it into place (default false). */
  fsync?: boolean;
}

/** Options of `decryptFile`. */
export interface DecryptFileOptions extends DecryptOptions {
  /** fsync the output before renaming it into place (default false). */
  fsync?: boolean;
}

/** What a file operation did. */
export interface FileResult {
  /** Bytes read. */
  bytesIn: number;
  /** Bytes written. */
  bytesOut: number;
}

const BLOCK = 4 * 2 ** 20;

/**
 * Encrypt a file into a container file. Writes a temporary file next to `output` and renames it into
 * place when done; on failure nothing is left at `output`.
 *
 * @example
 * ```ts
 * await encryptFile('model.onnx', 'model.onnx.enc', { keyProvider });
 * ```
 */
export async function encryptFile(input: string, output: string, options: EncryptFileOptions): Promise<FileResult> {
  astring(input, 'input');
  astring(output, 'output');
  checkEncryptOptions(options);
  const digestAlg = options.digest ?? 'sha256';
  if (digestAlg !== false) aoneOf(digestAlg, 'options.digest', HASH_ALGORITHMS);
  const src = await open(input, 'r');
  try {
    const size = (await src.stat()).size;
    const metadata: Record<string, string> = { ...options.metadata, size: String(size) };
    if (digestAlg !== false) metadata.digest = `${digestAlg}:${await hashFile(src, size, digestAlg)}`;
    const { header, chunkSize, cipher } = await sealHeader({ ...options, metadata });
    try {
      return await atomicWrite(output, options.fsync, async (out) => {
        const chunks = Math.max(1, Math.ceil(size / chunkSize));
        const block = Math.max(chunkSize, Math.floor(BLOCK / chunkSize) * chunkSize);
        let written = header.length;
        let write: Promise<unknown> = out.write(header);
        let index = 0;
        for await (const data of readBlocks(src, 0, size, block)) {
          // Blocks hold whole chunks; only the final block may end in a short (or, for an empty file, empty) chunk.
          const parts: Uint8Array[] = [];
          const count = Math.max(1, Math.ceil(data.length / chunkSize));
          for (let k = 0; k < count; k++) {
            const plain = data.subarray(k * chunkSize, Math.min((k + 1) * chunkSize, data.length));
            parts.push(...(await cipher.seal(index, index === chunks - 1, plain)));
            index++;
          }
          await write;
          write = out.writev(parts);
          for (const p of parts) written += p.length;
        }
        await write;
        if (index !== chunks) throw changed();
        return { bytesIn: size, bytesOut: written };
      });
    } finally {
      cipher.dispose();
    }
  } finally {
    await src.close();
  }
}

/**
 * Decrypt a container file. The output appears (by rename) only after the last chunk authenticated;
 * on any failure nothing is left at `output`.
 *
 * @example
 * ```ts
 * await decryptFile('model.onnx.enc', 'model.onnx', { keyProvider });
 * ```
 */
export async function decryptFile(input: string, output: string, options: DecryptFileOptions): Promise<FileResult> {
  astring(input, 'input');
  astring(output, 'output');
  checkDecryptOptions(options);
  const src = await open(input, 'r');
  try {
    const size = (await src.stat()).size;
    let pos = 0;
    const header = await parseHeader(async (n) => {
      const b = await readAt(src, pos, n);
      pos += b.length;
      return b;
    });
    const cipher = await openHeader(header, options.keyProvider);
    try {
      await options.onHeader?.(containerInfo(header));
      const check = plaintextCheck(header.metadata, options.verifyDigest ?? true);
      const record = header.chunkSize + TAG_LENGTH;
      const rest = size - header.length;
      const records = Math.max(1, Math.ceil(rest / record));
      if (records > MAX_CHUNKS) throw chunkAuthFailure(MAX_CHUNKS);
      const block = Math.max(record, Math.floor(BLOCK / record) * record);
      return await atomicWrite(output, options.fsync, async (out) => {
        let index = 0;
        let written = 0;
        let write: Promise<unknown> = Promise.resolve();
        for await (const data of readBlocks(src, header.length, rest, block)) {
          const parts: Uint8Array[] = [];
          for (let off = 0; off < data.length; off += record) {
            const sealed = data.subarray(off, Math.min(off + record, data.length));
            const last = index === records - 1;
            if (sealed.length < TAG_LENGTH) throw chunkAuthFailure(index);
            const plain = await cipher.open(index, last, sealed);
            check.update(plain);
            if (last) check.finish();
            parts.push(plain);
            written += plain.length;
            index++;
          }
          await write;
          write = out.writev(parts);
        }
        await write;
        if (index !== records) throw chunkAuthFailure(index);
        return { bytesIn: size, bytesOut: written };
      });
    } finally {
      cipher.dispose();
    }
  } finally {
    await src.close();
  }
}

/**
 * Re-wrap a container file's data key for another key without re-encrypting it. `output` may be
 * `input` (the new file replaces it atomically).
 *
 * @example
 * ```ts
 * await rewrapFile('model.enc', 'model.enc', { from: oldProvider, to: newProvider });
 * ```
 */
export async function rewrapFile(input: string, output: string, options: RewrapOptions): Promise<FileResult> {
  astring(input, 'input');
  astring(output, 'output');
  const src = await open(input, 'r');
  try {
    const size = (await src.stat()).size;
    let pos = 0;
    const header = await parseHeader(async (n) => {
      const b = await readAt(src, pos, n);
      pos += b.length;
      return b;
    });
    const next = await rewrapHeader(header, options);
    return await atomicWrite(output, false, async (out) => {
      const write = out.write(next);
      let written = next.length;
      await write;
      for await (const data of readBlocks(src, header.length, size - header.length, BLOCK)) {
        await out.write(data); // awaited: the read-ahead reuses this buffer next
        written += data.length;
      }
      return { bytesIn: size, bytesOut: written };
    });
  } finally {
    await src.close();
  }
}

/** Yield `length` bytes from `start` in blocks, reading the next block while the caller works on this one. */
async function* readBlocks(fh: FileHandle, start: number, length: number, block: number): AsyncGenerator<Uint8Array> {
  const buffers = [Buffer.allocUnsafe(Math.min(block, length)), Buffer.allocUnsafe(Math.min(block, length))];
  let pos = 0;
  const readInto = async (i: number, at: number): Promise<Uint8Array> => {
    const want = Math.min(block, length - at);
    const buf = buffers[i] as Buffer;
    let got = 0;
    while (got < want) {
      const { bytesRead } = await fh.read(buf, got, want - got, start + at + got);
      if (bytesRead === 0) throw changed();
      got += bytesRead;
    }
    return buf.subarray(0, want);
  };
  if (length === 0) {
    yield new Uint8Array(0);
    return;
  }
  let turn = 0;
  let pending = readInto(turn, 0);
  while (pos < length) {
    const data = await pending;
    pos += data.length;
    turn ^= 1;
    if (pos < length) pending = readInto(turn, pos);
    yield data;
  }
  const extra = await fh.read(Buffer.alloc(1), 0, 1, start + length);
  if (extra.bytesRead !== 0) throw changed();
}

async function hashFile(fh: FileHandle, size: number, algorithm: HashAlgorithm): Promise<string> {
  const hasher = createHasher(algorithm);
  for await (const data of readBlocks(fh, 0, size, BLOCK)) hasher.update(data);
  return Buffer.from(hasher.digest()).toString('hex');
}

async function readAt(fh: FileHandle, position: number, n: number): Promise<Uint8Array> {
  const buf = Buffer.alloc(n);
  let got = 0;
  while (got < n) {
    const { bytesRead } = await fh.read(buf, got, n - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buf.subarray(0, got);
}

async function atomicWrite<T>(
  output: string,
  fsync: boolean | undefined,
  fill: (out: FileHandle) => Promise<T>,
): Promise<T> {
  const tmp = join(dirname(output), `.${basename(output)}.${nodeRandomBytes(6).toString('hex')}.tmp`);
  const out = await open(tmp, 'wx', 0o600);
  let ok = false;
  try {
    const result = await fill(out);
    if (fsync) await out.sync();
    await out.close();
    await rename(tmp, output);
    ok = true;
    return result;
  } finally {
    if (!ok) {
      await out.close().catch(() => undefined);
      await unlink(tmp).catch(() => undefined);
    }
  }
}

function changed(): ValidationError {
  return new ValidationError('truncated_input', 'the input file changed size while it was being read');
}
