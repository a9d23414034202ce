-- Enrols ids: adds each to the membership set and, when it is new, at the head of the ring.
-- KEYS: ring, members, ghosts, meta
-- ARGV: marker, id...
-- Returns the number of ids that were not enrolled before.
local ring, members, ghosts, meta = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local marker = ARGV[1]

-- The first enrolment creates the cycle state and the ring's single cycle marker.
if redis.call('HSETNX', meta, 'cycle', 1) == 1 then
  redis.call('HSET', meta, 'claimed', 0)
  redis.call('RPUSH', ring, marker)
end

local fresh = {}
local added = 0
local hasGhosts = redis.call('HLEN', ghosts) > 0
for i = 2, #ARGV do
  local id = ARGV[i]
  if redis.call('SADD', members, id) == 1 then
    added = added + 1
    -- A removed id leaves its entry in the ring until a claim meets it; reuse that entry
    -- rather than pushing a second one, so the ring still holds the id exactly once.
    local ghost = hasGhosts and redis.call('HGET', ghosts, id)
    if ghost then
      if tonumber(ghost) <= 1 then
        redis.call('HDEL', ghosts, id)
      else
        redis.call('HINCRBY', ghosts, id, -1)
      end
    else
      fresh[#fresh + 1] = id
    end
  end
end

bulk('LPUSH', ring, fresh)
return added
