-- Cluster: removes fields of one hash, ignoring a key of another type (a set member that does not name
-- a cacheme entry must not make the whole invalidation fail).
-- KEYS: hash
-- ARGV: fields...
-- Returns the number of fields removed.
if redis.call('TYPE', KEYS[1]).ok ~= 'hash' then
  return 0
end
return redis.call('HDEL', KEYS[1], unpack(ARGV))
