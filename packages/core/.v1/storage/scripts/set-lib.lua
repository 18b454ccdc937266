-- Set membership with TTL rules, shared by write.lua (single Redis) and add-to-set.lua (Cluster).
--
-- add_to_set(set_key, member, ttl) adds `member` and keeps the set alive at least as long as its
-- longest-lived member: a new set gets `ttl`; an existing volatile set is only ever extended (GT; an
-- existing persistent set counts as infinite, so it stays persistent); without a TTL ('') the member
-- lives forever, so the set is made persistent.
--
-- Sets get SET_TTL_MARGIN_MS more than their member (SET_TTL_MARGIN_MS in storage.ts, MemoryStorage
-- alike): the hash's PEXPIRE runs a moment later (another command, or another node on Cluster), and a set
-- must never expire before the value it protects, not even by a rounding millisecond.
local SET_TTL_MARGIN_MS = 1000
local function add_to_set(set_key, member, ttl)
  local existed = redis.call('EXISTS', set_key) == 1
  redis.call('SADD', set_key, member)
  if ttl == '' then
    if existed then
      redis.call('PERSIST', set_key)
    end
    return
  end
  local set_ttl = tonumber(ttl) + SET_TTL_MARGIN_MS
  if existed then
    redis.call('PEXPIRE', set_key, set_ttl, 'GT')
  else
    redis.call('PEXPIRE', set_key, set_ttl)
  end
end
