-- Both: prepends one item to a bounded list (meta records such as the admin's history).
-- KEYS: list
-- ARGV: item, max length
redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
return 1
