/**
 * Vite config of the browser example: relative asset paths (the build works from any folder), and
 * onnxruntime-web left out of dependency pre-bundling (it loads its WebAssembly from `public/ort/`).
 */
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 2048 },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
