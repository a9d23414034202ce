-- Shared helpers, prepended to every script of the ring engine.
-- Lua's unpack has a stack limit of a few thousand values, so bulk commands go in slices.
local SLICE = 1000

local function bulk(command, key, values)
  for first = 1, #values, SLICE do
    local last = math.min(first + SLICE - 1, #values)
    redis.call(command, key, unpack(values, first, last))
  end
end

local function bulk_pairs(command, key, values)
  for first = 1, #values, SLICE * 2 do
    local last = math.min(first + SLICE * 2 - 1, #values)
    redis.call(command, key, unpack(values, first, last))
  end
end
