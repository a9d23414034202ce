-- The least a ring claim can do in one Lua call: rotate n ids from the head to the tail and
-- return them. No membership, lease or retry bookkeeping; it is the floor the engine is held to.
-- KEYS: ring; ARGV: n
local popped = redis.call('LPOP', KEYS[1], tonumber(ARGV[1]))
if not popped then
  return {}
end

-- unpack is limited to a few thousand values, so long pushes go in slices.
for first = 1, #popped, 1000 do
  redis.call('RPUSH', KEYS[1], unpack(popped, first, math.min(first + 999, #popped)))
end
return popped
