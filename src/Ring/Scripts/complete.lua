-- Completes a batch: acknowledges its ids, except the failed ones, which are retried after a
-- backoff or parked after maxAttempts failures in a row. Costs O(batch); nothing is scanned.
-- Ids re-leased to another batch since (the lease ran out) are left to that batch.
-- KEYS: owners, leases, attempts, retry, parked, meta, workers
-- ARGV: batchId, batchKey, now (ms), maxAttempts, backoffBaseMs, backoffMaxMs, worker ('' for none),
--       (failedId, error, permanent 1/0)...
-- Returns: { processed, retrying, parked, stale (1 when the batch was no longer leased) }
local owners, leases, attempts, retry, parked = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local meta, workers = KEYS[6], KEYS[7]
local batch, batchKey = ARGV[1], ARGV[2]
local now = tonumber(ARGV[3])
local maxAttempts = tonumber(ARGV[4])
local backoffBase = tonumber(ARGV[5])
local backoffMax = tonumber(ARGV[6])
local worker = ARGV[7]

local raw = redis.call('GET', batchKey)
if not raw then
  return { 0, 0, 0, 1 }
end

local failures = {}
local permanent = {}
for i = 8, #ARGV, 3 do
  failures[ARGV[i]] = ARGV[i + 1]
  permanent[ARGV[i]] = ARGV[i + 2] == '1'
end

-- Owners are read with one HMGET per slice and acknowledged ids deleted with one HDEL per
-- slice, rather than three calls per id. An id listed twice counts once, as it did when the
-- first occurrence's HDEL hid it from the second.
local ids, seen = {}, {}
for id in string.gmatch(raw, '%S+') do
  if not seen[id] then
    seen[id] = true
    ids[#ids + 1] = id
  end
end
local owner = #ids > 0 and bulk_read('HMGET', owners, ids, #ids) or {}
local hadAttempts = redis.call('HLEN', attempts) > 0

local processed, retrying, parkedNow = 0, 0, 0
local done = {}
for i = 1, #ids do
  local id = ids[i]
  if owner[i] == batch then
    local err = failures[id]
    if not err then
      done[#done + 1] = id
      processed = processed + 1
    else
      local n = redis.call('HINCRBY', attempts, id, 1)
      -- A permanent failure (the record cannot exist) is parked at once: retrying only wastes the upstream.
      if n >= maxAttempts or permanent[id] then
        redis.call('HDEL', owners, id)
        redis.call('HDEL', attempts, id)
        redis.call('HSET', parked, id, err)
        parkedNow = parkedNow + 1
      else
        -- Whole milliseconds: Garnet's Lua passes only strings and integers to commands.
        local delay = math.floor(math.min(backoffMax, backoffBase * 2 ^ (n - 1)))
        -- 'r' marks an id waiting out its backoff: still in flight, so the ring skips it.
        redis.call('HSET', owners, id, 'r')
        redis.call('ZADD', retry, now + delay, id)
        retrying = retrying + 1
      end
    end
  end
end
bulk('HDEL', owners, done)
-- Only ids that failed before have a count; when none had, there is nothing to clear.
if hadAttempts then
  bulk('HDEL', attempts, done)
end

redis.call('DEL', batchKey)
redis.call('ZREM', leases, batch)
redis.call('HINCRBY', meta, 'processed', processed)
redis.call('HINCRBY', meta, 'failed', retrying + parkedNow)
redis.call('HINCRBY', meta, 'parkedtotal', parkedNow)
if worker ~= '' and processed > 0 then
  redis.call('HINCRBY', workers, worker, processed)
end
return { processed, retrying, parkedNow, 0 }
