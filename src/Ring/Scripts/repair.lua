-- Repairs a ring tampered with by hand, in one atomic O(ring) step: keeps the first entry of every
-- enrolled id and as many stale entries of removed ids as claims still expect, drops foreign entries,
-- extra duplicates and extra markers, pushes missing ids at the head and a missing marker at the tail.
-- KEYS: ring, members, ghosts
-- ARGV: marker
-- Returns: { missing restored, foreign removed, duplicates removed, markers added, markers removed }
local ring, members, ghosts = KEYS[1], KEYS[2], KEYS[3]
local marker = ARGV[1]

local stale = {}
local ghostFields = redis.call('HGETALL', ghosts)
for i = 1, #ghostFields, 2 do
  stale[ghostFields[i]] = tonumber(ghostFields[i + 1])
end

local entries = redis.call('LRANGE', ring, 0, -1)
local memberList = redis.call('SMEMBERS', members)
local enrolled = {}
for i = 1, #memberList do
  enrolled[memberList[i]] = true
end

local kept, seen = {}, {}
local foreign, duplicates, markersRemoved = 0, 0, 0
local markers = 0
for i = 1, #entries do
  local entry = entries[i]
  if entry == marker then
    markers = markers + 1
    if markers == 1 then
      kept[#kept + 1] = entry
    else
      markersRemoved = markersRemoved + 1
    end
  elseif enrolled[entry] then
    if seen[entry] then
      duplicates = duplicates + 1
    else
      seen[entry] = true
      kept[#kept + 1] = entry
    end
  elseif (stale[entry] or 0) > 0 then
    stale[entry] = stale[entry] - 1
    kept[#kept + 1] = entry
  else
    foreign = foreign + 1
  end
end

local missing = {}
for i = 1, #memberList do
  if not seen[memberList[i]] then
    missing[#missing + 1] = memberList[i]
  end
end

-- Order is kept, so the cycle in progress goes on where it was; only a changed ring is rewritten.
if foreign + duplicates + markersRemoved > 0 then
  redis.call('DEL', ring)
  bulk('RPUSH', ring, kept)
end

bulk('LPUSH', ring, missing)

local markersAdded = 0
if markers == 0 and (#memberList > 0 or #kept > 0) then
  redis.call('RPUSH', ring, marker)
  markersAdded = 1
end

return { #missing, foreign, duplicates, markersAdded, markersRemoved }
