-- Cluster: which of the given fields of one hash exist (0/1 each; all 0 for a key of another type).
-- KEYS: hash
-- ARGV: fields...
local out = {}
local is_hash = redis.call('TYPE', KEYS[1]).ok == 'hash'
for i = 1, #ARGV do
  out[i] = is_hash and redis.call('HEXISTS', KEYS[1], ARGV[i]) or 0
end
return out
