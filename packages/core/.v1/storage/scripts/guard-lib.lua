-- Race-guard check, shared by write.lua (single Redis: checked before writing, atomically) and
-- check-guards.lua (Cluster: checked after the per-slot writes). Concatenated in front of those scripts.
--
-- is_stale(log_key, floor_key, snapshot, guards) is true when a value computed after the sequence
-- snapshot `snapshot` may be stale:
--   * the meta state looks lost (FLUSH, eviction, a manual DEL): after the first invalidation the floor
--     and the log always exist together, so a partial state, or a non-zero snapshot with no state at
--     all, means invalidations may have been forgotten and freshness cannot be proven;
--   * the snapshot is below the floor (its log entries may have been trimmed away);
--   * the global guard '*' or one of `guards` was logged with a sequence above the snapshot.
local function is_stale(log_key, floor_key, snapshot, guards)
  local floor = redis.call('GET', floor_key)
  local has_log = redis.call('EXISTS', log_key) == 1
  if not floor then
    return snapshot > 0 or has_log
  end
  if not has_log or snapshot < tonumber(floor) then
    return true
  end
  local names = { '*' }
  for i = 1, #guards do
    names[#names + 1] = guards[i]
  end
  -- ZMSCORE in chunks: unpack() of a huge table would overflow the Lua C stack.
  for first = 1, #names, 500 do
    local last = math.min(first + 499, #names)
    local scores = redis.call('ZMSCORE', log_key, unpack(names, first, last))
    for i = 1, #scores do
      if scores[i] and tonumber(scores[i]) > snapshot then
        return true
      end
    end
  end
  return false
end
