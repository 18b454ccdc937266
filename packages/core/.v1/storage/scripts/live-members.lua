-- Single Redis: members of a set whose entry still exists; dead members are removed (member-lib.lua is
-- prepended). Atomic, so a concurrent write can never lose its membership to this pruning.
-- KEYS: set
-- Returns the live members.
local live, dead = {}, {}
for _, member in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local hash, field = split_member(member)
  local exists = 0
  if hash then
    exists = redis.pcall('HEXISTS', hash, field)
  end
  if exists == 1 then
    live[#live + 1] = member
  else
    dead[#dead + 1] = member
  end
end
for first = 1, #dead, 500 do
  redis.call('SREM', KEYS[1], unpack(dead, first, math.min(first + 499, #dead)))
end
return live
