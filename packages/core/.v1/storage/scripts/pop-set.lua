-- Cluster: reads and deletes a set in one atomic step. A membership added after SMEMBERS must not be
-- deleted unseen by a separate DEL: its entry could then never be invalidated through this set.
-- KEYS: set
-- Returns the members.
local members = redis.call('SMEMBERS', KEYS[1])
redis.call('DEL', KEYS[1])
return members
