-- Both: one cached value's length, its hash's TTL and the first bytes of its payload (introspection).
-- KEYS: hash
-- ARGV: field, peek bytes (0: no payload)
-- Returns { exists (0/1), bytes, pttl, payload prefix or '' }. A key of another type has no entries.
if redis.call('TYPE', KEYS[1]).ok ~= 'hash' or redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then
  return { 0, 0, -2, '' }
end
local peek = tonumber(ARGV[2])
local head = ''
if peek > 0 then
  -- string.sub copies at most `peek` bytes: a huge payload is never sent back whole.
  head = string.sub(redis.call('HGET', KEYS[1], ARGV[1]), 1, peek)
end
return { 1, redis.call('HSTRLEN', KEYS[1], ARGV[1]), redis.call('PTTL', KEYS[1]), head }
