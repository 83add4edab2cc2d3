/**
 * @modelsec/redis: Redis-backed state for modelsec, shared by every instance and serverless
 * invocation: the endpoint rate-limit store and audit stream sink, a JSON record store (the monitor's
 * PRADA extraction state), and the building blocks for more (a client interface any Redis library
 * fits, Lua scripts loaded and reloaded automatically, and a fail-closed / fail-open executor). The application owns the connection (ioredis recommended, with
 * `IOREDIS_OPTIONS`); this package has no Redis client dependency.
 *
 * @packageDocumentation
 */
export { type RedisAuditSinkOptions, redisAuditSink } from './audit-sink';
export { IOREDIS_OPTIONS, type RedisArg, type RedisClientLike, toRedisClient } from './client';
export { createRedisExecutor, type FailMode, type RedisExecutor, type RedisExecutorOptions } from './executor';
export { type RedisJsonStore, type RedisJsonStoreOptions, redisJsonStore } from './json-store';
export { redisKey } from './keys';
export { RATE_LIMIT_SCRIPT } from './rate-limit-script';
export { type RedisRateLimitStoreOptions, redisRateLimitStore } from './rate-limit-store';
export { defineLuaScript, evalScript, type LuaScript } from './script';
