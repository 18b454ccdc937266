-- Both: type, TTL and size of one key, in one step (introspection; never on the cache path).
-- KEYS: key
-- Returns { type, pttl, size }: pttl as PTTL answers (-1 persistent, -2 missing); size is the number of
-- fields / members / items, or the byte length of a string, 0 for anything else.
local t = redis.call('TYPE', KEYS[1]).ok
local size = 0
if t == 'hash' then
  size = redis.call('HLEN', KEYS[1])
elseif t == 'set' then
  size = redis.call('SCARD', KEYS[1])
elseif t == 'zset' then
  size = redis.call('ZCARD', KEYS[1])
elseif t == 'list' then
  size = redis.call('LLEN', KEYS[1])
elseif t == 'string' then
  size = redis.call('STRLEN', KEYS[1])
end
return { t, redis.call('PTTL', KEYS[1]), size }
