-- Cluster: stores one value on its hash's slot.
-- KEYS: hash
-- ARGV: field, payload, ttl ms or ''
-- LT: the hash TTL only ever shrinks (a hash without TTL counts as infinite, so a new hash gets it).
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if ARGV[3] ~= '' then
  redis.call('PEXPIRE', KEYS[1], ARGV[3], 'LT')
end
return 1
