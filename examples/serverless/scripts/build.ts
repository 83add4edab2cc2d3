/** `pnpm build`: write the edge bundle to `dist/worker.js` (build the @modelsec packages first). */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleWorker } from './bundle';

const dist = join(import.meta.dirname, '..', 'dist');
await mkdir(dist, { recursive: true });
const code = await bundleWorker();
await writeFile(join(dist, 'worker.js'), code);
console.log(`dist/worker.js: ${code.length} bytes`);
