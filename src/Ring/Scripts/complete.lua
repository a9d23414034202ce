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
-- slice, rather than three calls per id. Lengths are counted as tables grow: #t is a search, not
-- a field, in Lua 5.1. The batch is the ids joined by single spaces, and no id holds whitespace,
-- so a plain set splits it as %S+ would, only faster.
local ids, count = {}, 0
for id in string.gmatch(raw, '[^ ]+') do
  count = count + 1
  ids[count] = id
end
local owner = count > 0 and bulk_read('HMGET', owners, ids, count) or {}
local hadAttempts = redis.call('HLEN', attempts) > 0

local processed, retrying, parkedNow = 0, 0, 0
-- An id listed twice counts once, as it did when the first occurrence's HDEL hid it from the
-- second. A set of every id would cost an eighth of the script; instead the HDEL of the
-- acknowledged ids counts them, since it removes a field only once, and only failures need a set.
local done, doneCount, failedSeen = {}, 0, {}
for i = 1, count do
  local id = ids[i]
  if owner[i] == batch then
    local err = failures[id]
    if not err then
      doneCount = doneCount + 1
      done[doneCount] = id
    elseif not failedSeen[id] then
      failedSeen[id] = true
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
for first = 1, doneCount, SLICE do
  local last = math.min(first + SLICE - 1, doneCount)
  processed = processed + redis.call('HDEL', owners, unpack(done, first, last))
end
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
