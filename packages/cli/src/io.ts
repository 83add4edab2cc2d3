/**
 * File input helpers for commands: read a path or `-` (stdin) as bytes or as a stream with progress.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CommandContext } from './command';

/**
 * Stream a file (or stdin for `-`) in chunks, ticking a progress bar by bytes.
 *
 * @example
 * ```ts
 * for await (const chunk of readChunks(ctx, 'model.onnx')) hasher.update(chunk);
 * ```
 */
export async function* readChunks(ctx: CommandContext, path: string): AsyncGenerator<Uint8Array> {
  if (path === '-') {
    yield await ctx.io.readStdin();
    return;
  }
  const file = resolve(ctx.io.cwd, path);
  const { size } = await stat(file);
  const progress = ctx.progress(path, size);
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
      progress.tick((chunk as Uint8Array).length);
      yield chunk as Uint8Array;
    }
  } finally {
    progress.done();
  }
}

/**
 * Read a whole file (or stdin for `-`) as bytes.
 *
 * @example
 * ```ts
 * const text = new TextDecoder().decode(await readInput(ctx, '-'));
 * ```
 */
export async function readInput(ctx: CommandContext, path: string): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of readChunks(ctx, path)) parts.push(chunk);
  return new Uint8Array(Buffer.concat(parts));
}
