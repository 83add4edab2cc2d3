/**
 * `redisAuditSink()`: the audit log in a Redis stream. Appends (one entry or a batch) are a Lua
 * compare-and-append on a head key (`<stream>:head` = `seq:hash`), so writers on many instances
 * extend one chain without forks; `XADD` ids give a server-side order and time. The stream is never trimmed here (trimming is
 * deleting: archive old entries, then verify the rest from an anchor with `start`). Failures are
 * always `AccessError('store_unavailable')`: an audit append cannot "fail open" (the endpoint's
 * `auditFailMode` decides whether the request is still answered).
 */
import { astring, ConfigError } from '@modelsec/core';
import type { AppendResult, AuditEntry, AuditHead, AuditSink } from '@modelsec/endpoint';
import type { RedisClientLike } from './client';
import { executorFor, type RedisExecutor } from './executor';
import { defineLuaScript } from './script';

/** Options of `redisAuditSink`. */
export interface RedisAuditSinkOptions {
  /** The connection (`toRedisClient(ioredis)`), or an executor (its fail mode is ignored: closed). */
  client: RedisClientLike | RedisExecutor;
  /** Stream key, e.g. `audit:mnist-api`. */
  stream: string;
  /** Command deadline in ms (default 1000). */
  timeoutMs?: number;
  /** Entries per `XRANGE` page when reading (default 500). */
  pageSize?: number;
}

const APPEND = /* @__PURE__ */ defineLuaScript(
  'modelsec-audit-append-v2',
  `
local current = redis.call('GET', KEYS[2]) or ''
if current ~= ARGV[1] then return { 0, current } end
for i = 3, #ARGV do redis.call('XADD', KEYS[1], '*', 'e', ARGV[i]) end
redis.call('SET', KEYS[2], ARGV[2])
return { 1, '' }
`,
);

const encodeHead = (h: AuditHead | undefined) => (h === undefined ? '' : `${h.seq}:${h.hash}`);
const decodeHead = (s: unknown): AuditHead | undefined => {
  const text = typeof s === 'string' ? s : s === null || s === undefined ? '' : String(s);
  const i = text.indexOf(':');
  if (i <= 0) return undefined;
  return { seq: Number(text.slice(0, i)), hash: text.slice(i + 1) };
};

/**
 * Create a Redis stream audit sink.
 *
 * @example
 * ```ts
 * const log = createAuditLog({ sink: redisAuditSink({ client, stream: 'audit:mnist-api' }), signer });
 * ```
 */
export function redisAuditSink(options: RedisAuditSinkOptions): AuditSink {
  astring(options?.stream, 'options.stream');
  const executor = executorFor(options.client, { name: 'redis-audit', timeoutMs: options.timeoutMs ?? 1000 });
  if (executor.failMode !== 'closed') throw new ConfigError('invalid_config', 'an audit sink cannot fail open');
  const closed = (work: () => Promise<unknown>) => work();
  const headKey = `${options.stream}:head`;
  const appendEntries = async (
    entries: readonly AuditEntry[],
    expected: AuditHead | undefined,
  ): Promise<AppendResult> => {
    const last = entries.at(-1);
    if (!last) return { ok: true };
    const next = encodeHead({ seq: last.seq, hash: last.hash });
    const reply = (await closed(() =>
      executor.run(
        APPEND,
        [options.stream, headKey],
        [encodeHead(expected), next, ...entries.map((e) => JSON.stringify(e))],
      ),
    )) as unknown[];
    return Number(reply[0]) === 1 ? { ok: true } : { ok: false, head: decodeHead(reply[1]) };
  };
  const pageSize = options.pageSize ?? 500;

  return {
    name: 'redis-stream',
    async head() {
      return decodeHead(await closed(() => executor.command('GET', headKey)));
    },
    append(entry: AuditEntry, expected: AuditHead | undefined): Promise<AppendResult> {
      return appendEntries([entry], expected);
    },
    appendMany(entries: readonly AuditEntry[], expected: AuditHead | undefined): Promise<AppendResult> {
      return appendEntries(entries, expected);
    },
    async *entries() {
      let start = '-';
      for (;;) {
        const page = (await closed(() =>
          executor.command('XRANGE', options.stream, start, '+', 'COUNT', pageSize),
        )) as [string, string[]][];
        for (const [, fields] of page) {
          const i = fields.indexOf('e');
          if (i >= 0) yield parse(String(fields[i + 1]));
        }
        if (page.length < pageSize) return;
        start = `(${(page[page.length - 1] as [string, string[]])[0]}`;
      }
    },
  };
}

function parse(text: string): AuditEntry {
  try {
    return JSON.parse(text) as AuditEntry;
  } catch {
    return { malformed: true } as unknown as AuditEntry; // reported as malformed by verifyAuditLog
  }
}
