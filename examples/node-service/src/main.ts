/**
 * `pnpm --filter @modelsec-examples/node-service start`: serve the release in MODELSEC_SERVICE_DIR
 * (default `.release/`, made by `pnpm run release`) on PORT (default 8080; 0 picks a free port) on 127.0.0.1.
 * RATE_LIMIT_PER_MINUTE and QUERY_BUDGET_PER_DAY override the default limits. Prints one line with the
 * URL once the model passed its checks; exits 1 with the reason when it did not.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModelSecError } from '@modelsec/core';
import { startService } from './server';

const env = process.env;
const dir = resolve(env.MODELSEC_SERVICE_DIR ?? fileURLToPath(new URL('../.release', import.meta.url)));
const limits = {
  ...(env.RATE_LIMIT_PER_MINUTE ? { perMinute: Number(env.RATE_LIMIT_PER_MINUTE) } : {}),
  ...(env.QUERY_BUDGET_PER_DAY ? { perDay: Number(env.QUERY_BUDGET_PER_DAY) } : {}),
};
try {
  const running = await startService({ dir, port: Number(env.PORT ?? 8080), host: env.HOST ?? '127.0.0.1', limits });
  const e = running.service.describe().model;
  console.log(`model verified: ${e.sha256} signed by ${e.signer}, scan ${e.scan.verdict}`);
  console.log(`listening on ${running.url}`);
  const stop = () => running.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error) {
  if (ModelSecError.isInstance(error)) {
    console.error(`refused to start: ${error.name} ${error.code}: ${error.message}`);
    process.exit(1);
  }
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
    console.error(`refused to start: ${(error as Error).message} (run the release script first: pnpm run release)`);
    process.exit(1);
  }
  throw error;
}
