-- Set membership with TTL rules, shared by write.lua (single Redis) and add-to-set.lua (Cluster).
--
-- add_to_set(set_key, member, ttl) adds `member` and keeps the set alive at least as long as its
-- longest-lived member: a new set gets `ttl`; an existing volatile set is only ever extended (GT; an
-- existing persistent set counts as infinite, so it stays persistent); without a TTL ('') the member
-- lives forever, so the set is made persistent.
local function add_to_set(set_key, member, ttl)
  local existed = redis.call('EXISTS', set_key) == 1
  redis.call('SADD', set_key, member)
  if ttl == '' then
    if existed then
      redis.call('PERSIST', set_key)
    end
  elseif existed then
    redis.call('PEXPIRE', set_key, ttl, 'GT')
  else
    redis.call('PEXPIRE', set_key, ttl)
  end
end
