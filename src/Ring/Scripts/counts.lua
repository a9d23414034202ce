-- Reads the counts for status in one atomic step; every read is O(1) but the live-lease count, O(log n).
-- KEYS: ring, members, owners, retry, parked, priority, leases, meta
-- ARGV: now (ms)
-- Returns: { enrolled, ringLength, inFlight, retrying, parked, priority, leasedBatches, meta... }
-- leasedBatches counts live leases only: an expired one holds no worker (its worker stops at the deadline), and
-- counting it would keep a coordinator from the claim that hands its ids out again.
local ring, members, owners, retry = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local parked, priority, leases, meta = KEYS[5], KEYS[6], KEYS[7], KEYS[8]

local out = {
  redis.call('SCARD', members),
  redis.call('LLEN', ring),
  redis.call('HLEN', owners),
  redis.call('ZCARD', retry),
  redis.call('HLEN', parked),
  redis.call('ZCARD', priority),
  redis.call('ZCOUNT', leases, '(' .. ARGV[1], '+inf'),
}
local fields = redis.call('HGETALL', meta)
for i = 1, #fields do
  out[#out + 1] = fields[i]
end
return out
