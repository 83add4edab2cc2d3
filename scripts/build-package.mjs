// Build the package in the current directory with the shared tsup preset (see tools/build/).
import { rmSync } from 'node:fs';
import { build } from 'tsup';
import { modelsecConfig } from '../tools/build/tsup-preset.mjs';

const dir = process.cwd();
rmSync(`${dir}/dist`, { recursive: true, force: true });
for (const options of modelsecConfig(dir)) await build(options);
