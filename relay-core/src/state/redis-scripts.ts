// Each check that must be atomic across relays is one Lua script: one round trip, and no other
// relay's command runs between its read and its write. Numbers travel as strings, since Redis
// turns a Lua number it returns into an integer.

/**
 * KEYS: per-minute window, day spend, month spend. ARGV: limit, window ms left.
 * Returns [allowed (1/0), day spend or '', month spend or ''].
 */
const admitRate = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
local allowed = 0
if count < tonumber(ARGV[1]) then
  redis.call('INCR', KEYS[1])
  if count == 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
  allowed = 1
end
return {allowed, redis.call('GET', KEYS[2]) or '', redis.call('GET', KEYS[3]) or ''}
`;

/**
 * KEYS: day spend, month spend, the client's holds (request id -> "estimate|deadline").
 * ARGV: now, request id, estimate, day budget or '', month budget or '', day and month baselines
 * (what this relay knows was spent: a counter Redis lost, or one below what a relay's history
 * holds, is raised to it), day and month TTLs, how long a hold may last.
 * Returns [day spend, month spend, held, refused period (0, 1, 2)].
 */
const reserveSpend = `
local now = tonumber(ARGV[1])
local estimate = tonumber(ARGV[3])
local held = 0
local entries = redis.call('HGETALL', KEYS[3])
for i = 1, #entries, 2 do
  local cost, deadline = string.match(entries[i + 1], '^([^|]*)|(.*)$')
  if tonumber(deadline) <= now then
    redis.call('HDEL', KEYS[3], entries[i])
  else
    held = held + tonumber(cost)
  end
end
local spent = {}
for i = 1, 2 do
  local value = tonumber(redis.call('GET', KEYS[i]) or '-1')
  if value < tonumber(ARGV[5 + i]) then
    value = tonumber(ARGV[5 + i])
    redis.call('SET', KEYS[i], ARGV[5 + i], 'PX', ARGV[7 + i])
  end
  spent[i] = value
end
local refused = 0
for i = 1, 2 do
  local budget = tonumber(ARGV[3 + i])
  if refused == 0 and budget and (spent[i] >= budget or (estimate > 0 and spent[i] + held + estimate > budget)) then
    refused = i
  end
end
if refused == 0 and estimate > 0 then
  redis.call('HSET', KEYS[3], ARGV[2], ARGV[3] .. '|' .. tostring(now + tonumber(ARGV[10])))
  redis.call('PEXPIRE', KEYS[3], ARGV[10])
end
return {tostring(spent[1]), tostring(spent[2]), tostring(held), tostring(refused)}
`;

/**
 * KEYS: day spend, month spend (the same key on the first of a month), holds.
 * ARGV: request id, cost, day and month baselines, day and month TTLs.
 */
const settleSpend = `
redis.call('HDEL', KEYS[3], ARGV[1])
if tonumber(ARGV[2]) > 0 then
  for i = 1, 2 do
    if i == 1 or KEYS[2] ~= KEYS[1] then
      if redis.call('EXISTS', KEYS[i]) == 0 then
        redis.call('SET', KEYS[i], ARGV[2 + i], 'PX', ARGV[4 + i])
      end
      redis.call('INCRBYFLOAT', KEYS[i], ARGV[2])
    end
  end
end
return 1
`;

/** KEYS: the answer, the hit order. ARGV: now, the answer's member name. A hit moves it last in line for eviction. */
const getAnswer = `
local value = redis.call('GET', KEYS[1])
if value then redis.call('ZADD', KEYS[2], 'XX', ARGV[1], ARGV[2]) end
return value
`;

/**
 * KEYS: the answer, the hit order, sizes per member, total bytes. ARGV: member, JSON, size,
 * TTL ms, max bytes, now, the answers' key prefix. Past max bytes, the least recently hit are
 * evicted down to nine tenths, so a full cache does not evict on every write.
 */
const putAnswer = `
local size = tonumber(ARGV[3])
local old = tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0')
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[4])
redis.call('ZADD', KEYS[2], ARGV[6], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], size)
local bytes = redis.call('INCRBY', KEYS[4], size - old)
local target = tonumber(ARGV[5]) * 0.9
if bytes > tonumber(ARGV[5]) then
  while bytes > target do
    local victims = redis.call('ZRANGE', KEYS[2], 0, 63)
    if #victims == 0 then break end
    for _, victim in ipairs(victims) do
      if bytes <= target then break end
      local victimSize = tonumber(redis.call('HGET', KEYS[3], victim) or '0')
      redis.call('DEL', ARGV[7] .. victim)
      redis.call('ZREM', KEYS[2], victim)
      redis.call('HDEL', KEYS[3], victim)
      bytes = redis.call('DECRBY', KEYS[4], victimSize)
    end
  end
end
return bytes
`;

/** The scripts by name, with how many of their arguments are keys (ioredis `defineCommand`). */
export const redisScripts = {
  admitRate: { numberOfKeys: 3, lua: admitRate },
  reserveSpend: { numberOfKeys: 3, lua: reserveSpend },
  settleSpend: { numberOfKeys: 3, lua: settleSpend },
  getAnswer: { numberOfKeys: 2, lua: getAnswer },
  putAnswer: { numberOfKeys: 4, lua: putAnswer },
};

/** The name of a script in `redisScripts`. */
export type RedisScriptName = keyof typeof redisScripts;
