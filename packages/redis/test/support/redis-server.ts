/**
 * Start and stop real `redis-server` processes on free loopback ports for Node tests (used by the
 * vitest globalSetup and by tests that stop and restart their own server). Nothing is persisted:
 * no RDB snapshots, no AOF, a private working directory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Stop the server (SIGTERM, then SIGKILL). */
  stop(): Promise<void>;
  /** Start it again on the same port. */
  start(): Promise<void>;
  /** Stop it for good and remove its working directory. */
  dispose(): Promise<void>;
}

export const redisBinary = process.env.REDIS_SERVER ?? 'redis-server';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

export async function startRedisServer(port?: number): Promise<RedisServer> {
  const p = port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'modelsec-redis-'));
  let child: ChildProcess | undefined;
  const start = async () => {
    const args = [
      '--port',
      String(p),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--daemonize',
      'no',
      '--loglevel',
      'warning',
    ];
    const proc = spawn(redisBinary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    let failed: Error | undefined;
    proc.once('error', (e) => {
      failed = e;
    });
    for (let i = 0; i < 100; i++) {
      if (failed)
        throw new Error(`cannot start ${redisBinary}: ${failed.message} (run \`pnpm system\` to install redis-server)`);
      if (proc.exitCode !== null) throw new Error(`${redisBinary} exited with ${proc.exitCode}`);
      if (await ping(p)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${redisBinary} did not answer on port ${p}`);
  };
  const stop = async () => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
  await start();
  return {
    port: p,
    url: `redis://127.0.0.1:${p}`,
    stop,
    start,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
