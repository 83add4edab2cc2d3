/**
 * `pnpm --filter @modelsec-examples/node-service run release [out-dir]`: run the release step into a folder
 * (default `.release/` in this example, or MODELSEC_SERVICE_DIR) and print what was released.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MissingDataError } from './data';
import { prepareRelease } from './release';

const out = resolve(
  process.argv[2] ?? process.env.MODELSEC_SERVICE_DIR ?? fileURLToPath(new URL('../.release', import.meta.url)),
);
try {
  const s = await prepareRelease({ out });
  console.log(`release written to ${out}`);
  console.log(`  model      ${s.model.file} ${s.model.bytes} bytes, ${s.model.sha256}`);
  console.log(`  signature  OMS root digest ${s.model.rootDigest}, key hint ${s.model.signerHint}`);
  console.log(`  encrypted  ${s.encrypted.file} (${s.encrypted.bytes} bytes, AES-256-GCM, key in secrets/model.kek)`);
  console.log(
    `  guards     robust z > ${s.guards.robustZThreshold.toFixed(3)}, squeeze > ${s.guards.squeezeThreshold.toFixed(3)} (FPR ${s.guards.fpr.anomaly} / ${s.guards.fpr.adversarial} on ${s.guards.calibratedOn} held-out digits each)`,
  );
  console.log(`  clients    ${s.clients.join(', ')} (keys in secrets/client-keys.json)`);
} catch (error) {
  if (error instanceof MissingDataError) {
    console.error(`release: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
