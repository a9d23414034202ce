-- Puts enrolled ids on the priority lane, which claims drain before the ring. Parked ids are
-- left alone: they come back through a re-queue, which also clears their failure count.
-- KEYS: members, parked, priority
-- ARGV: now (ms), id...
-- Returns the number of ids put on the lane.
local members, parked, priority = KEYS[1], KEYS[2], KEYS[3]
local now = ARGV[1]

local queued = 0
for i = 2, #ARGV do
  local id = ARGV[i]
  if redis.call('SISMEMBER', members, id) == 1 and redis.call('HEXISTS', parked, id) == 0 then
    redis.call('ZADD', priority, 'NX', now, id)
    queued = queued + 1
  end
end
return queued
