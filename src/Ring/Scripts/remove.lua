-- Removes ids from a schedule in O(1) each. The ring entry stays until a claim meets it and
-- drops it; the ghost count tells the claim that the entry is stale.
-- KEYS: members, ghosts, owners, attempts, parked, refreshed, retry, priority
-- ARGV: id...
-- Returns the number of ids that were enrolled.
local members, ghosts, owners, attempts = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local parked, refreshed, retry, priority = KEYS[5], KEYS[6], KEYS[7], KEYS[8]

local removed = 0
for i = 1, #ARGV do
  local id = ARGV[i]
  if redis.call('SREM', members, id) == 1 then
    removed = removed + 1
    redis.call('HINCRBY', ghosts, id, 1)
    redis.call('HDEL', owners, id)
    redis.call('HDEL', attempts, id)
    redis.call('HDEL', parked, id)
    redis.call('HDEL', refreshed, id)
    redis.call('ZREM', retry, id)
    redis.call('ZREM', priority, id)
  end
end
return removed
