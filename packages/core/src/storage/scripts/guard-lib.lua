-- Race-guard check, shared by write.lua (single Redis: checked before writing, atomically) and
-- check-guards.lua (Cluster: checked after the per-slot writes). Concatenated in front of those scripts.
--
-- is_stale(log_key, floor_key, snapshot, guards) is true when a value computed after the sequence
-- snapshot `snapshot` may be stale:
--   * the meta state looks lost (FLUSH, eviction, a manual DEL): after the first invalidation the floor
--     and the log always exist together, so a partial state, or a non-zero snapshot with no state at
--     all, means invalidations may have been forgotten and freshness cannot be proven;
--   * the snapshot is below the floor (its log entries may have been trimmed away);
--   * one of `guards` was logged with a sequence above the snapshot. Core always includes the global
--     guard '*' in `guards` (guard-names.ts): the storage only knows the names it is given.
--
-- meta_corrupt(log_key, floor_key) is true when the log is not a ZSET or the floor not a number (a
-- foreign write at cacheme's reserved names). Callers check it first and return a distinct reply, so
-- that core reports it (E_STORAGE_DATA) and the storage repairs it, instead of every write being
-- rejected as stale without a word.
local function meta_corrupt(log_key, floor_key)
  local log_type = redis.call('TYPE', log_key).ok
  if log_type ~= 'none' and log_type ~= 'zset' then
    return true
  end
  local floor = redis.pcall('GET', floor_key)
  return type(floor) == 'table' or (floor and not tonumber(floor)) or false
end

local function is_stale(log_key, floor_key, snapshot, guards)
  local floor = redis.call('GET', floor_key)
  local has_log = redis.call('EXISTS', log_key) == 1
  if not floor then
    return snapshot > 0 or has_log
  end
  if not has_log or snapshot < tonumber(floor) then
    return true
  end
  -- ZMSCORE in chunks: unpack() of a huge table would overflow the Lua C stack.
  for first = 1, #guards, 500 do
    local last = math.min(first + 499, #guards)
    local scores = redis.call('ZMSCORE', log_key, unpack(guards, first, last))
    for i = 1, #scores do
      if scores[i] and tonumber(scores[i]) > snapshot then
        return true
      end
    end
  end
  return false
end
