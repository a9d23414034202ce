-- Marks the current cycle as forced: it runs as fast as the limits allow rather than paced over the period.
-- KEYS: meta
-- Returns the number of the forced cycle.
local meta = KEYS[1]

local cycle = redis.call('HGET', meta, 'cycle') or '1'
redis.call('HSET', meta, 'forced', cycle)
return tonumber(cycle)
