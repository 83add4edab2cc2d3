/** ioredis connections for tests, closed after each file. */
import { IOREDIS_OPTIONS, type RedisClientLike, toRedisClient } from '@modelsec/redis';
import { Redis } from 'ioredis';
import { inject } from 'vitest';

const open: Redis[] = [];

export function redisUrl(): string {
  const url = inject('redisUrl');
  if (!url) throw new Error(`no redis-server for the tests: ${inject('redisError') || 'globalSetup did not run'}`);
  return url;
}

export function connect(
  url = redisUrl(),
  extra: Record<string, unknown> = {},
): { redis: Redis; client: RedisClientLike } {
  const redis = new Redis(url, { ...IOREDIS_OPTIONS, lazyConnect: false, ...extra });
  redis.on('error', () => {}); // connection errors are observed through the store
  open.push(redis);
  return { redis, client: toRedisClient(redis) };
}

/** Connect and wait until the connection is ready (the recommended options fail fast before that). */
export async function connectReady(url = redisUrl()): Promise<{ redis: Redis; client: RedisClientLike }> {
  const c = connect(url);
  await ready(c.redis);
  return c;
}

export async function ready(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    redis.once('ready', () => resolve());
    redis.once('end', () => reject(new Error('connection ended')));
  });
}

export async function closeAll(): Promise<void> {
  await Promise.all(open.splice(0).map((r) => r.quit().catch(() => r.disconnect())));
}

/** A unique key prefix per test, so tests sharing the server never see each other's keys. */
export function uniquePrefix(): string {
  return `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}:`;
}
