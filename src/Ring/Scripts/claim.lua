-- Claims up to maxIds ids and leases them in batches, all in one atomic step. Sources in order:
-- batches whose lease ran out, failed ids whose backoff is over, the priority lane, the ring.
-- The ring part pops ids from the head and pushes them back at the tail, so the ring always
-- holds every id; it stops when it meets the cycle marker, which ends the cycle.
-- KEYS: ring, members, ghosts, owners, leases, retry, priority, refreshed, parked, meta
-- ARGV: now (ms), maxIds, batchSize, leaseMs, batchKeyPrefix, marker, scanLimit, includeRing (1/0)
-- Returns: { cycleEnded (0/1), cycle, reLeasedIds, batchCount,
--            then per batch: batchId, deadline, idCount, id... }
local ring, members, ghosts, owners = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local leases, retry, priority, refreshed = KEYS[5], KEYS[6], KEYS[7], KEYS[8]
local parked, meta = KEYS[9], KEYS[10]
local now = tonumber(ARGV[1])
local maxIds = tonumber(ARGV[2])
local batchSize = tonumber(ARGV[3])
local leaseMs = tonumber(ARGV[4])
local batchPrefix = ARGV[5]
local marker = ARGV[6]
local scanLimit = tonumber(ARGV[7])
local includeRing = ARGV[8] == '1'

local cycle = tonumber(redis.call('HGET', meta, 'cycle') or '1')
if redis.call('HGET', meta, 'paused') == '1' then
  return { 0, cycle, 0, 0 }
end

local out = { 0, cycle, 0, 0 }
-- Lengths are counted as tables grow: #t is a search, not a field, in Lua 5.1.
local outCount = 4
local got = 0
local deadline = now + leaseMs

local HASH_TABLE_HINT = string.rep('-', 1024)

local function lease(ids)
  local n = #ids
  local batch = tostring(redis.call('HINCRBY', meta, 'batchseq', 1))
  redis.call('SET', batchPrefix .. batch, table.concat(ids, ' '))
  redis.call('ZADD', leases, deadline, batch)
  local owned = {}
  for i = 1, n do
    owned[2 * i - 1] = ids[i]
    owned[2 * i] = batch
  end
  -- Redis keeps a hash of up to hash-max-listpack-entries fields (128 to 512) as a listpack,
  -- where every HSET, HMGET and HDEL of a field is a linear search; owners would live there
  -- whenever few batches are out. A value longer than hash-max-listpack-value turns it into a
  -- hash table at once, and Redis never turns it back; the placeholder field (a space, which
  -- no id holds) is gone before the script ends.
  redis.call('HSET', owners, ' ', HASH_TABLE_HINT)
  bulk_pairs('HSET', owners, owned)
  redis.call('HDEL', owners, ' ')

  out[4] = out[4] + 1
  out[outCount + 1] = batch
  out[outCount + 2] = deadline
  out[outCount + 3] = n
  outCount = outCount + 3
  for i = 1, n do
    out[outCount + i] = ids[i]
  end
  outCount = outCount + n
  got = got + n
end

-- 1. Batches whose holder did not acknowledge in time go out again, each as a fresh batch,
-- keeping only the ids that still belong to them (a removed id is dropped here).
local expired = redis.call('ZRANGEBYSCORE', leases, '-inf', now, 'LIMIT', 0, 100)
for _, old in ipairs(expired) do
  if got >= maxIds then
    break
  end
  local key = batchPrefix .. old
  local raw = redis.call('GET', key)
  redis.call('DEL', key)
  redis.call('ZREM', leases, old)
  local ids = {}
  if raw then
    for id in string.gmatch(raw, '%S+') do
      if redis.call('HGET', owners, id) == old then
        ids[#ids + 1] = id
      end
    end
  end
  if #ids > 0 then
    lease(ids)
    out[3] = out[3] + #ids
  end
end

local pending = {}

-- 2. Failed ids whose backoff has passed.
if got < maxIds then
  local due = redis.call('ZRANGEBYSCORE', retry, '-inf', now, 'LIMIT', 0, maxIds - got)
  for _, id in ipairs(due) do
    redis.call('ZREM', retry, id)
    if redis.call('HGET', owners, id) == 'r' then
      pending[#pending + 1] = id
    end
  end
end

-- 3. The priority lane (refresh now). An id refreshed here is marked with the cycle, so the
-- ring skips it when it reaches it later in the same cycle.
if got + #pending < maxIds then
  local wanted = maxIds - got - #pending
  local lane = redis.call('ZRANGE', priority, 0, wanted - 1)
  for _, id in ipairs(lane) do
    redis.call('ZREM', priority, id)
    if redis.call('SISMEMBER', members, id) == 1 and redis.call('HEXISTS', owners, id) == 0 then
      pending[#pending + 1] = id
      redis.call('HSET', refreshed, id, cycle)
    end
  end
end

-- 4. The ring itself, unless the caller is between cycles and wants only the work above.
-- What the loop needs to know of each popped id is read with one command per slice
-- (SMISMEMBER, HMGET) rather than one per id: a redis.call costs far more than the lookup it
-- makes. A hash that is empty is not read at all: ghosts, parked and refreshed usually are,
-- and owners is whenever no batch is out. A bulk read is only a filter for the two hashes this
-- loop writes (ghosts, refreshed): an id it flags is read again on its own, so a duplicate
-- ring entry sees what the first one left.
local fromRing = 0
local scanned = 0
local ended = not includeRing
if includeRing and got + #pending < maxIds then
  redis.call('HSETNX', meta, 'started', now)
end
local hasOwners = redis.call('HLEN', owners) > 0
local hasGhosts = redis.call('HLEN', ghosts) > 0
local hasParked = redis.call('HLEN', parked) > 0
local hasRefreshed = redis.call('HLEN', refreshed) > 0
local cycleText = tostring(cycle)
while not ended and got + #pending < maxIds and scanned < scanLimit do
  local want = math.min(maxIds - got - #pending, scanLimit - scanned)
  local popped = redis.call('LPOP', ring, want)
  if not popped then
    break
  end
  -- Garnet answers LPOP with a count of 1 with a bare string rather than a list of one.
  if type(popped) ~= 'table' then
    popped = { popped }
  end

  local count = #popped
  for i = 1, #popped do
    if popped[i] == marker then
      ended = true
      count = i - 1
      -- What was popped past the marker belongs to the next cycle: return it to the head.
      local rest = {}
      for j = #popped, i + 1, -1 do
        rest[#rest + 1] = popped[j]
      end
      bulk('LPUSH', ring, rest)
      break
    end
  end
  scanned = scanned + count + (ended and 1 or 0)

  local back, kept = {}, 0
  if count > 0 then
    local member = bulk_read('SMISMEMBER', members, popped, count)
    local owner = hasOwners and bulk_read('HMGET', owners, popped, count)
    local ghost = hasGhosts and bulk_read('HMGET', ghosts, popped, count)
    local park = hasParked and bulk_read('HMGET', parked, popped, count)
    local mark = hasRefreshed and bulk_read('HMGET', refreshed, popped, count)

    local queued = #pending
    for i = 1, count do
      local id = popped[i]
      local dropped = false
      if ghost and ghost[i] then
        local left = redis.call('HGET', ghosts, id)
        if left then
          -- The stale entry of a removed id: dropping it is the lazy half of removal.
          dropped = true
          if tonumber(left) <= 1 then
            redis.call('HDEL', ghosts, id)
          else
            redis.call('HINCRBY', ghosts, id, -1)
          end
        end
      end

      if dropped then
        -- Nothing more to do: the entry leaves the ring.
      elseif member[i] == 0 then
        -- An element nobody enrolled (written by hand): it is not an id of this schedule.
        redis.call('HINCRBY', meta, 'foreigndropped', 1)
      else
        kept = kept + 1
        back[kept] = id
        if not (owner and owner[i]) and not (park and park[i]) then
          local refreshedIn = false
          if mark and mark[i] then
            refreshedIn = redis.call('HGET', refreshed, id)
            if refreshedIn then
              redis.call('HDEL', refreshed, id)
            end
          end
          if refreshedIn ~= cycleText then
            queued = queued + 1
            pending[queued] = id
            fromRing = fromRing + 1
          end
        end
      end
    end
  end
  if ended then
    back[kept + 1] = marker
  end
  bulk('RPUSH', ring, back)
end

-- 5. Lease what was gathered, in batches of batchSize.
-- Usually all of it fits in one batch, which needs no copy.
if #pending <= batchSize then
  if #pending > 0 then
    lease(pending)
  end
else
  for first = 1, #pending, batchSize do
    local ids, n = {}, 0
    for i = first, math.min(first + batchSize - 1, #pending) do
      n = n + 1
      ids[n] = pending[i]
    end
    lease(ids)
  end
end

redis.call('HINCRBY', meta, 'claimed', fromRing)
if ended and includeRing then
  cycle = cycle + 1
  local started = redis.call('HGET', meta, 'started') or now
  redis.call('HSET', meta, 'cycle', cycle, 'claimed', 0, 'ended', now, 'laststarted', started)
  redis.call('HDEL', meta, 'started')
  out[1] = 1
  out[2] = cycle
end
return out
