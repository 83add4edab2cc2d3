/**
 * bench/crypto: model encryption throughput, side by side with the per-core limit in the same run.
 *
 * - Limit: `openssl speed -evp aes-256-gcm -bytes 16384` (one core, in memory, no I/O).
 * - Node: `encryptFile` / `decryptFile` of a 1 GiB file, file to file (AES-256-GCM, default 1 MiB
 *   chunks, worker threads by default), without and with the header's sha256 plaintext digest; the same
 *   on the calling thread only (`threads: 0`) and with 64 KiB chunks (the earlier default); plus a plain
 *   read+write copy of the same file (the I/O floor) and XChaCha20-Poly1305 (@noble/ciphers).
 * - Chromium: `encryptModel` / `decryptModel` streams in headless Chromium (WebCrypto AES-GCM),
 *   driven through playwright, on an in-memory stream of MODELSEC_BENCH_CHROMIUM_MIB (default 256) MiB.
 *
 * Usage: pnpm --filter @modelsec/core build && node --import tsx bench/crypto/run.ts
 * Env: MODELSEC_BENCH_MIB (file size, default 1024), MODELSEC_BENCH_DIR (default the OS temp dir).
 */
import { execFileSync } from 'node:child_process';
import { createCipheriv, createSecretKey, randomBytes, randomFillSync } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright';
import { markdownTable, sig, updateReadme, writeResults } from '../lib/report.mjs';

// The BUILT package (tsx would map `@modelsec/core/*` to the sources through the root tsconfig paths).
const coreDir = dirname(createRequire(import.meta.url).resolve('@modelsec/core/package.json'));
const distEntry = (variant: string) => join(coreDir, 'dist', 'encryption', `index.${variant}`);
type Encryption = typeof import('../../packages/core/src/encryption/files.node');
const { CHUNK_LOG2, cipherBackend, decryptFile, encryptFile, rawKeyProvider } = (await import(
  pathToFileURL(distEntry('node.js')).href
)) as Encryption & typeof import('../../packages/core/src/encryption/index');

const MIB = 2 ** 20;
const sizeMiB = Number(process.env.MODELSEC_BENCH_MIB ?? 1024);
const chromiumMiB = Number(process.env.MODELSEC_BENCH_CHROMIUM_MIB ?? 256);
const dir = join(process.env.MODELSEC_BENCH_DIR ?? tmpdir(), `modelsec-bench-crypto-${process.pid}`);
const keyProvider = rawKeyProvider(new Uint8Array(32).fill(7));

function makeFile(path: string, mib: number): void {
  const fd = openSync(path, 'w');
  const block = Buffer.allocUnsafe(4 * MIB);
  for (let i = 0; i < mib / 4; i++) writeSync(fd, randomFillSync(block));
  closeSync(fd);
}

/** `openssl speed` MB/s. By default openssl divides by its CPU user time; `elapsed` divides by wall time. */
function opensslSpeed(env: Record<string, string> = {}, elapsed = false): number {
  const args = ['speed', ...(elapsed ? ['-elapsed'] : []), '-evp', 'aes-256-gcm', '-bytes', '16384', '-seconds', '3'];
  const out = execFileSync('openssl', args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, ...env },
  });
  const line = out.split('\n').find((l) => /^AES-256-GCM\s/i.test(l.trim()));
  const k = Number(line?.trim().split(/\s+/).at(-1)?.replace(/k$/, ''));
  if (!Number.isFinite(k)) throw new Error(`cannot parse openssl speed output:\n${out}`);
  return (k * 1000) / 1e6; // "1000s of bytes per second" → MB/s
}

/** node:crypto AES-256-GCM on 64 KiB buffers in memory: the ceiling of this Node binary's OpenSSL. */
function nodeCryptoSpeed(mib: number): Speed {
  const key = createSecretKey(randomBytes(32));
  const data = randomBytes(mib * MIB);
  const cpu = process.cpuUsage();
  const t = performance.now();
  for (let off = 0; off < data.length; off += 65536) {
    const c = createCipheriv('aes-256-gcm', key, randomBytes(12));
    c.update(data.subarray(off, off + 65536));
    c.final();
  }
  const used = process.cpuUsage(cpu);
  return speed(mib * MIB, (performance.now() - t) / 1000, (used.user + used.system) / 1e6);
}

async function copyFile(from: string, to: string): Promise<void> {
  const src = await open(from, 'r');
  const dst = await open(to, 'w');
  const buf = [Buffer.allocUnsafe(4 * MIB), Buffer.allocUnsafe(4 * MIB)];
  let pos = 0;
  let turn = 0;
  for (;;) {
    const { bytesRead } = await src.read(buf[turn] as Buffer, 0, 4 * MIB, pos);
    if (bytesRead === 0) break;
    await dst.write((buf[turn] as Buffer).subarray(0, bytesRead));
    pos += bytesRead;
    turn ^= 1;
  }
  await src.close();
  await dst.close();
}

/** Throughput by wall-clock time and by this process's CPU time (user + system, all threads). */
interface Speed {
  wall: number;
  cpu: number;
}

function speed(bytes: number, wallSeconds: number, cpuSeconds: number): Speed {
  return { wall: bytes / 1e6 / wallSeconds, cpu: bytes / 1e6 / cpuSeconds };
}

/**
 * Best of `runs` (less noise from the shared machine), on each measure separately. Before each run,
 * outside the timing, the previous `output` is deleted and dirty pages are flushed (`sync`): otherwise a
 * run also pays the kernel for freeing the last run's gigabyte of page cache and for writing back the
 * dirty pages earlier runs left, which moved the same encryptFile run between 219 and 980 MB/s wall.
 */
async function best(runs: number, bytes: number, fn: () => Promise<unknown>, output?: string): Promise<Speed> {
  let out: Speed = { wall: 0, cpu: 0 };
  for (let i = 0; i < runs; i++) {
    if (output !== undefined) rmSync(output, { force: true });
    execFileSync('sync');
    const cpu = process.cpuUsage();
    const t = performance.now();
    await fn();
    const used = process.cpuUsage(cpu);
    const s = speed(bytes, (performance.now() - t) / 1000, (used.user + used.system) / 1e6);
    out = { wall: Math.max(out.wall, s.wall), cpu: Math.max(out.cpu, s.cpu) };
  }
  return out;
}

async function chromiumFigures(mib: number): Promise<{ encrypt: number; decrypt: number; version: string }> {
  const bundle = await build({
    entryPoints: [distEntry('js')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
  });
  const code = bundle.outputFiles[0]?.text ?? '';
  const server = createServer((req, res) => {
    if (req.url === '/enc.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(code);
    } else {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>bench</title>');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage();
    // tsx compiles this file with keepNames: the serialized page function calls esbuild's __name helper.
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.goto(url);
    const result = await page.evaluate(async (mib) => {
      const m = await import('/enc.js' as string);
      const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
      const keyProvider = m.cryptoKeyProvider(key);
      const block = new Uint8Array(1 << 20);
      crypto.getRandomValues(block.subarray(0, 65536));
      function* source() {
        for (let i = 0; i < mib; i++) yield block;
      }
      // Encrypt: stream through, keep the container pieces for the decryption run.
      const pieces: Uint8Array[] = [];
      let t = performance.now();
      const enc = m.encryptModel(source(), { keyProvider }).getReader();
      for (;;) {
        const { done, value } = await enc.read();
        if (done) break;
        pieces.push(value);
      }
      const encrypt = (performance.now() - t) / 1000;
      t = performance.now();
      let n = 0;
      const dec = m.decryptModel(pieces, { keyProvider }).getReader();
      for (;;) {
        const { done, value } = await dec.read();
        if (done) break;
        n += value.length;
      }
      const decrypt = (performance.now() - t) / 1000;
      if (n !== mib * (1 << 20)) throw new Error('round trip size mismatch');
      return { encrypt, decrypt };
    }, mib);
    return { ...result, version: browser.version() };
  } finally {
    await browser.close();
    server.close();
  }
}

async function main(): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const plain = join(dir, 'model.bin');
  const enc = join(dir, 'model.enc');
  const out = join(dir, 'model.out');
  const bytes = sizeMiB * MIB;
  console.log(`creating a ${sizeMiB} MiB file in ${dir}`);
  makeFile(plain, sizeMiB);
  try {
    const openssl = opensslSpeed();
    const opensslWall = opensslSpeed({}, true);
    console.log(`openssl speed aes-256-gcm 16 KiB: ${sig(openssl)} MB/s (CPU time), ${sig(opensslWall)} MB/s (wall)`);
    const nodeCrypto = [nodeCryptoSpeed(256), nodeCryptoSpeed(256)].reduce((a, b) => ({
      wall: Math.max(a.wall, b.wall),
      cpu: Math.max(a.cpu, b.cpu),
    }));
    const copy = await best(2, bytes, () => copyFile(plain, out), out);
    const encNoDigest = await best(2, bytes, () => encryptFile(plain, enc, { keyProvider, digest: false }), enc);
    const decNoDigest = await best(2, bytes, () => decryptFile(enc, out, { keyProvider }), out);
    const encDigest = await best(1, bytes, () => encryptFile(plain, enc, { keyProvider }), enc);
    const decDigest = await best(1, bytes, () => decryptFile(enc, out, { keyProvider }), out);
    const encOne = await best(1, bytes, () => encryptFile(plain, enc, { keyProvider, digest: false, threads: 0 }), enc);
    const decOne = await best(1, bytes, () => decryptFile(enc, out, { keyProvider, threads: 0 }), out);
    const encSmall = await best(
      1,
      bytes,
      () => encryptFile(plain, enc, { keyProvider, digest: false, chunkSize: 65536 }),
      enc,
    );
    const decSmall = await best(1, bytes, () => decryptFile(enc, out, { keyProvider }), out);
    if (statSync(out).size !== bytes) throw new Error('round trip size mismatch');
    const xBytes = Math.min(bytes, 256 * MIB);
    if (xBytes < bytes) makeFile(plain, xBytes / MIB);
    const encX = await best(
      1,
      xBytes,
      () => encryptFile(plain, enc, { keyProvider, digest: false, algorithm: 'xchacha20-poly1305' }),
      enc,
    );
    const decX = await best(1, xBytes, () => decryptFile(enc, out, { keyProvider }), out);
    const opensslAgain = opensslSpeed(); // the limit again after the runs
    const opensslWallAgain = opensslSpeed({}, true);
    const limit = Math.max(openssl, opensslAgain);
    const limitWall = Math.max(opensslWall, opensslWallAgain);
    console.log('Chromium...');
    const ch = await chromiumFigures(chromiumMiB);
    const chBytes = chromiumMiB * MIB;
    const xNote = xBytes < bytes ? ` (${xBytes / MIB} MiB file)` : '';
    const rows: { what: string; wall?: number; cpu?: number }[] = [
      {
        what: 'openssl speed -evp aes-256-gcm, 16 KiB, in memory (the limit; CPU time / -elapsed wall)',
        cpu: limit,
        wall: limitWall,
      },
      {
        what: `node:crypto createCipheriv AES-256-GCM, 64 KiB, in memory (Node ${process.version} ceiling)`,
        ...nodeCrypto,
      },
      { what: 'plain read+write copy of the file (I/O floor, no crypto)', ...copy },
      { what: 'encryptFile AES-256-GCM, no digest', ...encNoDigest },
      { what: 'decryptFile AES-256-GCM, no digest', ...decNoDigest },
      { what: 'encryptFile AES-256-GCM + sha256 digest pass (CLI default)', ...encDigest },
      { what: 'decryptFile AES-256-GCM + sha256 digest check (CLI default)', ...decDigest },
      { what: 'encryptFile AES-256-GCM, no digest, calling thread only (threads: 0)', ...encOne },
      { what: 'decryptFile AES-256-GCM, no digest, calling thread only (threads: 0)', ...decOne },
      { what: 'encryptFile AES-256-GCM, no digest, 64 KiB chunks (earlier default)', ...encSmall },
      { what: 'decryptFile AES-256-GCM, no digest, 64 KiB chunks (earlier default)', ...decSmall },
      { what: `encryptFile XChaCha20-Poly1305 (@noble/ciphers)${xNote}`, ...encX },
      { what: `decryptFile XChaCha20-Poly1305 (@noble/ciphers)${xNote}`, ...decX },
      {
        what: `Chromium ${ch.version} encryptModel stream (WebCrypto, ${chromiumMiB} MiB in memory)`,
        wall: chBytes / 1e6 / ch.encrypt,
      },
      {
        what: `Chromium ${ch.version} decryptModel stream (WebCrypto, ${chromiumMiB} MiB in memory)`,
        wall: chBytes / 1e6 / ch.decrypt,
      },
    ];
    const fmt = (x: number | undefined) => (x === undefined ? '' : sig(x));
    const table = rows.map((r) => ({
      ...r,
      cpuRatio: r.cpu === undefined ? undefined : r.cpu / limit,
      wallRatio: r.wall === undefined ? undefined : r.wall / limitWall,
    }));
    for (const r of table) {
      console.log(
        `${r.what.padEnd(96)} wall ${fmt(r.wall).padStart(6)}  cpu ${fmt(r.cpu).padStart(6)} MB/s  ×${fmt(r.cpuRatio)} ×${fmt(r.wallRatio)}`,
      );
    }
    writeResults('crypto', {
      command: 'node --import tsx bench/crypto/run.ts',
      results: {
        fileMiB: sizeMiB,
        chunkSize: 2 ** CHUNK_LOG2.default,
        threads: Math.min(availableParallelism(), 8),
        backend: cipherBackend,
        openssl: { cpu: [openssl, opensslAgain], wall: [opensslWall, opensslWallAgain] },
        rows: table,
      },
      notes: [
        'Node figures: 1 GiB file to file (page cache), best of 2 runs (1 for the digest, threads: 0, 64 KiB and XChaCha rows). Default rows use one worker thread per core (this machine: ' +
          `${availableParallelism()}), so their wall figure can exceed the one-core openssl figure; the cpu figure counts all threads.`,
        'cpu = bytes / CPU seconds of this process (user + system, all threads), compared with openssl speed, which also divides by CPU time; wall = bytes / elapsed seconds, compared with openssl speed -elapsed. On a loaded machine only the cpu ratios are meaningful.',
        'openssl speed measures one core in memory with no I/O; the file figures include reading and writing the file.',
        "Before each file run, outside the timing, the output of the previous run is deleted and dirty pages are flushed (sync), so no run pays for freeing or writing back an earlier run's gigabyte of page cache.",
      ],
    });
    updateReadme(
      'crypto',
      markdownTable(
        [
          'what (AES-256-GCM unless noted, 1 MiB chunks, worker threads)',
          'MB/s (CPU time)',
          '× openssl',
          'MB/s (wall)',
          '× openssl -elapsed',
        ],
        table.map((r) => [r.what, fmt(r.cpu), fmt(r.cpuRatio), fmt(r.wall), fmt(r.wallRatio)]),
      ),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
