/**
 * The Lua scripts of `RedisEventBus`: each step that touches several keys runs atomically.
 * `P` (the key prefix) is always the first ARGV where a script builds keys of other runs.
 */

/** KEYS: run, lease, thread's runs, running set. ARGV: runId, threadId, owner, recovery, has recovery, leaseMs. */
export const START = `
redis.call('HSET', KEYS[1], 'thread', ARGV[2], 'owner', ARGV[3], 'recovery', ARGV[4], 'has_recovery', ARGV[5], 'state', 'running')
redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[6])
local t = redis.call('TIME')
redis.call('ZADD', KEYS[3], tonumber(t[1]) * 1000000 + tonumber(t[2]), ARGV[1])
redis.call('SADD', KEYS[4], ARGV[1])
return 1`;

/** KEYS: log. ARGV: first, then the events. Entry ids are 0-(seq+1), so an id says which event it is. */
export const APPEND = `
local first = tonumber(ARGV[1])
for i = 2, #ARGV do
  redis.call('XADD', KEYS[1], '0-' .. (first + i - 1), 'e', ARGV[i])
end
return #ARGV - 1`;

/** KEYS: run, lease, thread's runs, running set, log. ARGV: runId, end, keepMs. The end marker follows the last event. */
export const FINISH = `
if redis.call('HGET', KEYS[1], 'state') ~= 'running' then return 0 end
redis.call('HSET', KEYS[1], 'state', ARGV[2])
redis.call('DEL', KEYS[2])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('SREM', KEYS[4], ARGV[1])
redis.call('XADD', KEYS[5], '*', 'end', ARGV[2])
redis.call('PEXPIRE', KEYS[5], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;

/** KEYS: leases. ARGV: leaseMs. */
export const RENEW = `
for i = 1, #KEYS do redis.call('PEXPIRE', KEYS[i], ARGV[1]) end
return #KEYS`;

/** KEYS: the thread's runs. ARGV: P, stops channel. */
export const REQUEST_STOP = `
local n = 0
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local owner = redis.call('HGET', ARGV[1] .. 'run:' .. id, 'owner')
  if owner then
    redis.call('PUBLISH', ARGV[2], owner .. ' ' .. id)
    n = n + 1
  end
end
return n`;

/** KEYS: running set. ARGV: P, new owner, leaseMs. A run whose lease key expired is taken by whoever sets it first. */
export const REAP = `
local taken = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if redis.call('SET', ARGV[1] .. 'lease:' .. id, ARGV[2], 'NX', 'PX', ARGV[3]) then
    redis.call('HSET', ARGV[1] .. 'run:' .. id, 'owner', ARGV[2])
    table.insert(taken, id)
  end
end
return taken`;
