-- Single Redis: pops up to `count` members of a set and removes the entries they name, in one atomic
-- step (member-lib.lua is prepended), so a huge set can be emptied without one long-running script.
-- KEYS: set
-- ARGV: count
-- Returns { entries removed, members remaining }, or { 0, 0, 1 } when the key holds another type (not
-- cacheme's: left alone, the caller reports it).
local kind = redis.call('TYPE', KEYS[1]).ok
if kind == 'none' then
  return { 0, 0 }
elseif kind ~= 'set' then
  return { 0, 0, 1 }
end
local removed = 0
for _, member in ipairs(redis.call('SPOP', KEYS[1], tonumber(ARGV[1]))) do
  local hash, field = split_member(member)
  if hash then
    -- pcall: a member naming a key of another type is not a cacheme entry; ignored, as in invalidate.lua.
    local n = redis.pcall('HDEL', hash, field)
    if type(n) == 'number' then
      removed = removed + n
    end
  end
end
return { removed, redis.call('SCARD', KEYS[1]) }
