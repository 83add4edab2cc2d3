// One measured hashing run in its own process, so its peak RSS is its own: `node child.mjs <mode> <dir>`.
// Prints one JSON line: { seconds, maxRssMiB, rootDigest }. Imports the BUILT @modelsec/core (Node build).
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const coreDir = dirname(createRequire(import.meta.url).resolve('@modelsec/core/package.json'));
const { directorySource, hashModel } = await import(pathToFileURL(join(coreDir, 'dist/signing/index.node.js')).href);

const [mode, dir] = process.argv.slice(2);
const cores = availableParallelism();
const MODES = {
  'sha256-files-1thread': { hashType: 'sha256', threads: 1 },
  'sha256-files-parallel': { hashType: 'sha256', threads: cores },
  'sha256-shards-1thread': { hashType: 'sha256', method: 'shards', threads: 1 },
  'sha256-shards-parallel': { hashType: 'sha256', method: 'shards', threads: cores },
  'sha256-shards64m-parallel': { hashType: 'sha256', method: 'shards', shardSize: 64 * 2 ** 20, threads: cores },
  'blake2b-files-parallel': { hashType: 'blake2b', threads: cores },
  'blake3-files': { hashType: 'blake3' },
};
const options = MODES[mode];
if (!options) throw new Error(`unknown mode ${mode}`);
const t0 = performance.now();
const manifest = await hashModel(directorySource(dir), options);
const seconds = (performance.now() - t0) / 1000;
console.log(
  JSON.stringify({ seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024, rootDigest: manifest.rootDigest }),
);
