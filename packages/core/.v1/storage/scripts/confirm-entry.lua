-- Cluster: turns our pending marker into the value, only if the marker is still there. An invalidation
-- that ran between the guard check and now has removed it; then nothing is stored.
-- KEYS: hash
-- ARGV: field, pending marker, payload
-- Returns 1 when the value was stored.
if redis.call('TYPE', KEYS[1]).ok == 'hash' and redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
  return 1
end
return 0
