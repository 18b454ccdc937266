-- Cluster: reads and deletes a set in one atomic step. A membership added after SMEMBERS must not be
-- deleted unseen by a separate DEL: its entry could then never be invalidated through this set.
-- KEYS: set
-- Returns the members; nil (false) when the key holds another type (a foreign write: skipped, not
-- deleted, reported by core — an error would make the invalidation fail on every retry).
local kind = redis.call('TYPE', KEYS[1]).ok
if kind ~= 'set' then
  return kind == 'none' and {} or false
end
local members = redis.call('SMEMBERS', KEYS[1])
redis.call('DEL', KEYS[1])
return members
