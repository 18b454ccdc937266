-- Both: adds integers to fields of a counter hash and sets its TTL, atomically (meta records such as
-- the admin's hit/miss statistics).
-- KEYS: hash
-- ARGV: ttl ms, field1, increment1, field2, increment2, ...
for i = 2, #ARGV, 2 do
  redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1])
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
