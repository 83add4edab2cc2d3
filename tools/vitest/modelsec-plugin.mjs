// @ts-check
/**
 * Vite plugin for the test runs: resolves `@modelsec/<pkg>[/<entry>]` to the package sources (so tests
 * never need a build), and in the Node project applies the `*.node.ts` overrides exactly as the Node
 * build does (see tools/build/layout.mjs).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { repoRoot, resolveNodeOverride } from '../build/layout.mjs';

const PACKAGES = join(repoRoot, 'packages');

/**
 * @param {{ node: boolean, sharedData: string }} options
 * @returns {import('vite').Plugin}
 */
export function modelsecSources({ node, sharedData }) {
  return {
    name: 'modelsec-sources',
    enforce: 'pre',
    configureServer(server) {
      // Raw bytes of the shared test data for browser tests (Vite's static serving would add
      // `Content-Encoding: gzip` to .gz files and the browser would silently decompress them).
      server.middlewares.use('/__modelsec_shared/', (req, res) => {
        const rel = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
        const file = resolve(sharedData, `.${rel.startsWith('/') ? rel : `/${rel}`}`);
        if (!file.startsWith(sharedData + sep) || !existsSync(file)) {
          res.statusCode = 404;
          res.end();
          return;
        }
        res.setHeader('content-type', 'application/octet-stream');
        res.setHeader('cache-control', 'no-store');
        res.end(readFileSync(file));
      });
    },
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
