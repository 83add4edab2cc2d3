declare module 'virtual:modelsec-shared-data' {
  /** Absolute path of the shared test data folder (resolved by tools/vitest/modelsec-plugin.mjs). */
  const path: string;
  export default path;
}
