/**
 * The rate-limit Lua script: the memory store's three algorithms (see `@modelsec/endpoint`
 * `ratelimit/algorithms.ts`) on Redis data types, all-or-nothing over every key of a request, with
 * the server's clock (`TIME`) so instances with skewed clocks agree.
 *
 * KEYS: one per check. ARGV: nonce, then 4 per check: algorithm (1 sliding log, 2 token bucket,
 * 3 budget), limit, window ms, cost. Reply: { allowedAll, then per check: allowed, remaining,
 * resetMs, retryAfterMs }.
 * - sliding log: a sorted set of admitted units scored by time (ms).
 * - token bucket: a hash { t = tokens, at = ms }.
 * - budget: a hash { s = period start ms, u = used }.
 */
import { defineLuaScript } from './script';

/** The script (exported for tests and for reuse by other stores). */
export const RATE_LIMIT_SCRIPT = /* @__PURE__ */ defineLuaScript(
  'modelsec-rate-limit-v1',
  `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local nonce = ARGV[1]
local n = #KEYS
local kind, limit, window, cost, st = {}, {}, {}, {}, {}
local all = true

for i = 1, n do
  local b = 1 + (i - 1) * 4
  kind[i] = tonumber(ARGV[b + 1]); limit[i] = tonumber(ARGV[b + 2]); window[i] = tonumber(ARGV[b + 3]); cost[i] = tonumber(ARGV[b + 4])
  local key = KEYS[i]
  local s = {}
  if kind[i] == 1 then
    redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window[i])
    s.count = redis.call('ZCARD', key)
    s.ok = s.count + cost[i] <= limit[i]
  elseif kind[i] == 2 then
    local h = redis.call('HMGET', key, 't', 'at')
    local tokens, at = tonumber(h[1]), tonumber(h[2])
    if tokens == nil or at == nil then tokens = limit[i]; at = now end
    local rate = limit[i] / window[i]
    tokens = math.min(limit[i], tokens + math.max(0, now - at) * rate)
    s.tokens = tokens; s.rate = rate
    s.ok = tokens >= cost[i]
  else
    local h = redis.call('HMGET', key, 's', 'u')
    local start, used = tonumber(h[1]), tonumber(h[2])
    if start == nil or used == nil or now >= start + window[i] then start = now; used = 0 end
    s.start = start; s.used = used
    s.ok = used + cost[i] <= limit[i]
  end
  st[i] = s
  if not s.ok then all = false end
end

local reply = { all and 1 or 0 }
for i = 1, n do
  local key, s, c, L, W = KEYS[i], st[i], cost[i], limit[i], window[i]
  local spend = all and s.ok
  local remaining, reset, retry = 0, 0, 0
  if kind[i] == 1 then
    remaining = L - s.count - (spend and c or 0)
    if spend then
      reset = W
    elseif s.count > 0 then
      local last = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
      reset = tonumber(last[2]) + W - now
    end
    if not s.ok then
      if c > L then retry = W else
        local idx = s.count + c - L - 1
        local r = redis.call('ZRANGE', key, idx, idx, 'WITHSCORES')
        retry = math.max(1, tonumber(r[2]) + W - now)
      end
    end
    if spend then
      local args = {}
      for j = 1, c do args[#args + 1] = now; args[#args + 1] = nonce .. ':' .. i .. ':' .. j end
      redis.call('ZADD', key, unpack(args))
      redis.call('PEXPIRE', key, W)
    end
  elseif kind[i] == 2 then
    local left = spend and (s.tokens - c) or s.tokens
    remaining = math.floor(left)
    reset = math.ceil((L - left) / s.rate)
    if not s.ok then
      if c > L then retry = W else retry = math.max(1, math.ceil((c - s.tokens) / s.rate)) end
    end
    redis.call('HSET', key, 't', tostring(left), 'at', now)
    redis.call('PEXPIRE', key, math.max(1, reset))
  else
    local used = spend and (s.used + c) or s.used
    remaining = L - used
    reset = math.max(0, s.start + W - now)
    if not s.ok then retry = math.max(1, reset) end
    redis.call('HSET', key, 's', s.start, 'u', used)
    redis.call('PEXPIRE', key, math.max(1, reset))
  end
  reply[#reply + 1] = s.ok and 1 or 0
  reply[#reply + 1] = math.max(0, remaining)
  reply[#reply + 1] = math.max(0, reset)
  reply[#reply + 1] = retry
end
return reply
`,
);
