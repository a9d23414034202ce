-- Takes parked ids out of the parked set, clears their failure count and puts them on the
-- priority lane. With no ids given it re-queues every parked id.
-- KEYS: parked, attempts, priority
-- ARGV: now (ms), id...
-- Returns the number of ids re-queued.
local parked, attempts, priority = KEYS[1], KEYS[2], KEYS[3]
local now = ARGV[1]

local ids = {}
if #ARGV == 1 then
  ids = redis.call('HKEYS', parked)
else
  for i = 2, #ARGV do
    ids[#ids + 1] = ARGV[i]
  end
end

local requeued = 0
for _, id in ipairs(ids) do
  if redis.call('HDEL', parked, id) == 1 then
    redis.call('HDEL', attempts, id)
    redis.call('ZADD', priority, 'NX', now, id)
    requeued = requeued + 1
  end
end
return requeued
