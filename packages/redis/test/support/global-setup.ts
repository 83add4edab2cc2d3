/**
 * vitest globalSetup (node project): one real `redis-server` on a free loopback port for the whole
 * run, exposed to tests as `inject('redisUrl')`. When the binary is missing the URL is empty and the
 * Redis tests fail with a clear message (they never skip silently); other packages are unaffected.
 */
import type { TestProject } from 'vitest/node';
import { type RedisServer, startRedisServer } from './redis-server';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
    redisError: string;
  }
}

let server: RedisServer | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  try {
    server = await startRedisServer();
    project.provide('redisUrl', server.url);
    project.provide('redisError', '');
  } catch (error) {
    project.provide('redisUrl', '');
    project.provide('redisError', (error as Error).message);
  }
  return async () => {
    await server?.dispose();
  };
}
