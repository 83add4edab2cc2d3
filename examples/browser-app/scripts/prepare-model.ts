/**
 * Prepare what the page downloads (Node, run before `vite build` / `vite dev`): the Node example's
 * release step signs the external MNIST model with a key generated now, encrypts it and fits the input
 * guards; this script copies the public parts into `public/release/`, adds a TAMPERED variant (one
 * weight changed, re-encrypted with the same key: it decrypts fine but its signature fails), a few
 * sample digits, and the onnxruntime-web WebAssembly files. Everything is generated: `public/release/`
 * and `public/ort/` are git-ignored, and nothing here is a real secret.
 *
 * DEMO SIMPLIFICATION: the model key travels to the page in `release/config.json`. A real app gets it
 * from a key service after authenticating the user (or uses a passphrase / WebAuthn-derived key).
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bytesToHex } from '@modelsec/core';
import { decryptBytes, encryptBytes, rawKeyProvider } from '@modelsec/core/encryption';
import { loadMnistDigits, pickDigits } from '@modelsec-examples/node-service/data';
import { prepareRelease } from '@modelsec-examples/node-service/release';

/** The example's folder. */
export const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Write the page's assets into `<public>/release` and `<public>/ort`. */
export async function prepareAssets(publicDir = join(APP_DIR, 'public')): Promise<{ sampleLabels: number[] }> {
  const work = await mkdtemp(join(tmpdir(), 'modelsec-browser-release-'));
  try {
    await prepareRelease({ out: work, fitCount: 800, calibrationCount: 400 });
    const out = join(publicDir, 'release');
    await mkdir(out, { recursive: true });
    const kek = new Uint8Array(await readFile(join(work, 'secrets', 'model.kek')));
    const encrypted = new Uint8Array(await readFile(join(work, 'model', 'opt-mnist.onnx.enc')));
    await writeFile(join(out, 'opt-mnist.onnx.enc'), encrypted);
    await copyFile(join(work, 'model', 'opt-mnist.onnx.sig'), join(out, 'opt-mnist.onnx.sig'));
    await copyFile(join(work, 'keys', 'release-signing.pub.pem'), join(out, 'release-signing.pub.pem'));
    await copyFile(join(work, 'guards.json'), join(out, 'guards.json'));
    // The tampered copy: decrypts with the same key, but one weight byte differs from the signed model.
    const plain = await decryptBytes(encrypted, { keyProvider: rawKeyProvider(kek.slice()) });
    plain[plain.length - 200] = (plain[plain.length - 200] as number) ^ 0x40;
    await writeFile(
      join(out, 'tampered.onnx.enc'),
      await encryptBytes(plain, { keyProvider: rawKeyProvider(kek.slice()) }),
    );
    // Sample digits (odd MNIST test indices: never used to fit the guards).
    const digits = pickDigits(await loadMnistDigits(), { offset: 4001, count: 6, stride: 2 });
    const samples = Array.from({ length: digits.count }, (_, i) => ({
      label: digits.labels[i],
      pixels: Array.from(digits.images.subarray(i * 784, (i + 1) * 784), (v) => Math.round(v * 255)),
    }));
    await writeFile(join(out, 'samples.json'), JSON.stringify(samples));
    await writeFile(
      join(out, 'config.json'),
      JSON.stringify({ kek: bytesToHex(kek), models: { clean: 'opt-mnist.onnx.enc', tampered: 'tampered.onnx.enc' } }),
    );
    // onnxruntime-web's WebAssembly runtime, served next to the page.
    const ortDist = dirname(createRequire(join(APP_DIR, 'package.json')).resolve('onnxruntime-web'));
    await mkdir(join(publicDir, 'ort'), { recursive: true });
    for (const f of ['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm'])
      await copyFile(join(ortDist, f), join(publicDir, 'ort', f));
    return { sampleLabels: samples.map((s) => s.label as number) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { sampleLabels } = await prepareAssets();
  console.log(`public/release written (samples: ${sampleLabels.join(', ')})`);
}
