/**
 * `modelsec digest <file>...`: content digests of files (or stdin), streamed in constant memory.
 */
import { bytesToHex, createHasher, HASH_ALGORITHMS, type HashAlgorithm } from '@modelsec/core';
import { defineCommand, UsageError } from '../command';
import { readChunks } from '../io';

export default defineCommand({
  name: 'digest',
  summary: 'print the digest of files (sha256, sha384, sha512, blake2b, blake3)',
  usage: '<file|->... [--algorithm sha256] [--json]',
  description: 'Streams each file (or standard input for "-") through the hash and prints "<algorithm>:<hex>  <file>".',
  options: {
    algorithm: { type: 'string', short: 'a', valueName: '<name>', description: `one of ${HASH_ALGORITHMS.join(', ')}` },
  },
  positionals: { min: 1 },
  async run(ctx) {
    const algorithm = (ctx.values.algorithm ?? 'sha256') as HashAlgorithm;
    if (!HASH_ALGORITHMS.includes(algorithm))
      throw new UsageError(`--algorithm must be one of ${HASH_ALGORITHMS.join(', ')}`);
    const results: { file: string; algorithm: HashAlgorithm; digest: string }[] = [];
    for (const file of ctx.positionals) {
      const hasher = createHasher(algorithm);
      for await (const chunk of readChunks(ctx, file)) hasher.update(chunk);
      results.push({ file, algorithm, digest: bytesToHex(hasher.digest()) });
    }
    ctx.print(
      results.map((r) => `${r.algorithm}:${r.digest}  ${r.file}`),
      results,
    );
    return 0;
  },
});
