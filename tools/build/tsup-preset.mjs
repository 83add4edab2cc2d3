// @ts-check
/**
 * tsup options shared by every package: ESM + CJS + .d.ts/.d.cts for the universal build and,
 * when the package has `*.node.ts` overrides, a second ESM + CJS build for the `node` export condition.
 */
import { readLayout, resolveNodeOverride } from './layout.mjs';

/** @typedef {import('tsup').Options} Options */
/** @typedef {NonNullable<Options['esbuildPlugins']>[number]} Plugin */

/** @type {Plugin} */
const nodeOverrides = {
  name: 'modelsec-node-overrides',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const hit = resolveNodeOverride(args.path, args.resolveDir);
      return hit ? { path: hit } : undefined;
    });
  },
};

/** @type {Plugin} */
const noNodeImports = {
  name: 'modelsec-no-node-imports',
  setup(build) {
    build.onResolve({ filter: /^node:/ }, (args) => ({
      errors: [{ text: `universal code must not import "${args.path}" (from ${args.importer}); use a *.node.ts file` }],
    }));
  },
};

/** @param {string} pkgDir @returns {Options[]} */
export function modelsecConfig(pkgDir) {
  const layout = readLayout(pkgDir);
  /** @type {Options} */
  const common = {
    format: ['esm', 'cjs'],
    outDir: 'dist',
    clean: false,
    sourcemap: false,
    splitting: true,
    treeshake: true,
    shims: layout.nodeOnlyPackage,
    silent: true,
    target: 'es2022',
    outExtension: ({ format }) => ({ js: format === 'cjs' ? '.cjs' : '.js' }),
  };
  /** @type {Options[]} */
  const configs = [];
  const universal = Object.fromEntries(
    layout.entries.filter((e) => e.universal).map((e) => [e.outName, /** @type {string} */ (e.universal)]),
  );
  if (Object.keys(universal).length > 0) {
    configs.push({
      ...common,
      entry: universal,
      dts: true,
      platform: layout.nodeOnlyPackage ? 'node' : 'neutral',
      esbuildPlugins: layout.nodeOnlyPackage ? [] : [noNodeImports],
    });
  }
  if (!layout.nodeOnlyPackage && layout.hasNodeVariant) {
    configs.push({
      ...common,
      entry: Object.fromEntries(layout.entries.map((e) => [`${e.outName}.node`, e.node])),
      platform: 'node',
      target: 'node20',
      esbuildPlugins: [nodeOverrides],
    });
    const nodeOnly = Object.fromEntries(layout.entries.filter((e) => !e.universal).map((e) => [e.outName, e.node]));
    if (Object.keys(nodeOnly).length > 0) {
      // Node-only subpaths still need declaration files under their plain names.
      configs.push({ ...common, entry: nodeOnly, dts: { only: true }, platform: 'node' });
    }
  }
  return configs;
}
