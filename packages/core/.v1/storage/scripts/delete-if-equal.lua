-- Cluster: compare-and-delete of a value the race guard rejected. Only our own payload is removed, so a
-- newer value that another writer stored meanwhile survives.
-- KEYS: hash
-- ARGV: field, payload
-- Returns 1 when the field was removed.
if redis.call('TYPE', KEYS[1]).ok == 'hash' and redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  return redis.call('HDEL', KEYS[1], ARGV[1])
end
return 0
