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

-- Runs a read command that takes many fields (HMGET, SMISMEMBER) over values[1..count] in
-- slices, and returns the replies as one list in the same order.
local function bulk_read(command, key, values, count)
  local replies, n = {}, 0
  for first = 1, count, SLICE do
    local part = redis.call(command, key, unpack(values, first, math.min(first + SLICE - 1, count)))
    -- As with LPOP, a reply of one may come back bare rather than as a list of one.
    if type(part) ~= 'table' then
      part = { part }
    end
    -- The usual case, one slice, needs no copy.
    if count <= SLICE then
      return part
    end
    for i = 1, #part do
      replies[n + i] = part[i]
    end
    n = n + #part
  end
  return replies
end
