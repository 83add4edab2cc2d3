// @ts-check
/**
 * Vite plugin for the test runs: resolves `@modelsec/<pkg>[/<entry>]` to the package sources (so tests
 * never need a build), and in the Node project applies the `*.node.ts` overrides exactly as the Node
 * build does (see tools/build/layout.mjs).
 */
import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { repoRoot, resolveNodeOverride } from '../build/layout.mjs';

const PACKAGES = join(repoRoot, 'packages');

/**
 * @param {{ node: boolean }} options
 * @returns {import('vite').Plugin}
 */
export function modelsecSources({ node }) {
  return {
    name: 'modelsec-sources',
    enforce: 'pre',
    resolveId(source, importer) {
      const m = /^@modelsec\/([a-z0-9-]+)(?:\/([a-z0-9-]+))?$/.exec(source);
      if (m) {
        const dir = m[2] ? join(PACKAGES, m[1] ?? '', 'src', m[2]) : join(PACKAGES, m[1] ?? '', 'src');
        const nodeEntry = join(dir, 'index.node.ts');
        if (node && existsSync(nodeEntry)) return nodeEntry;
        const entry = join(dir, 'index.ts');
        return existsSync(entry) ? entry : undefined;
      }
      if (node && importer?.startsWith(PACKAGES + sep) && importer.includes(`${sep}src${sep}`)) {
        return resolveNodeOverride(source, dirname(importer));
      }
      return undefined;
    },
  };
}
