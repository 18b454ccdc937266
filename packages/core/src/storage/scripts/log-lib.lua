-- Invalidation log, shared by invalidate.lua (single Redis) and log-guards.lua (logGuards everywhere,
-- and the first step of an invalidation on Cluster). Concatenated in front of those scripts.
--
-- Numbers are formatted with '%.0f' before they are sent back to Redis: sequences are microsecond
-- timestamps (about 1.7e15), which Lua's default number-to-string conversion would print as 1.7e+15.
local function fmt(n)
  return string.format('%.0f', n)
end

-- drop_foreign(key, kind, numeric) deletes a meta key that holds data of the wrong kind (another type,
-- or a string that is not a number): these are cacheme's reserved names under the prefix, so a foreign
-- value there is repaired like a lost one. Returns true when it deleted.
local function drop_foreign(key, kind, numeric)
  local found = redis.call('TYPE', key).ok
  if found == 'none' or (found == kind and not (numeric and not tonumber(redis.call('GET', key)))) then
    return false
  end
  redis.call('DEL', key)
  return true
end

-- log_guards(seq_key, log_key, floor_key, max_entries, guards) logs every guard name under one new
-- sequence number, trims the log to `max_entries` names (lowest sequences first) and raises the floor
-- to the highest sequence trimmed. Returns the new sequence (0 when `guards` is empty) and whether the
-- sequence was restarted first (notices carry it: a receiver cannot account for the numbers skipped).
local function log_guards(seq_key, log_key, floor_key, max_entries, guards)
  if #guards == 0 then
    return 0, false
  end
  local restarted = false
  -- A wrong-typed meta key would make INCR/ZADD fail on every invalidation forever: repair it first.
  local foreign = drop_foreign(seq_key, 'string', true)
  foreign = drop_foreign(floor_key, 'string', true) or foreign
  foreign = drop_foreign(log_key, 'zset', false) or foreign
  if foreign or redis.call('EXISTS', seq_key, log_key, floor_key) < 3 then
    restarted = true
    -- First invalidation under this prefix, or meta keys were lost (FLUSH, eviction). Restart the
    -- sequence at the server clock in microseconds, never below anything that survived (sequence,
    -- floor, newest log entry), and put the floor there too: every snapshot taken before is then at or
    -- below the floor and older than every name logged from now on, so a lost log can never make an old
    -- snapshot look fresh. (The clock only matters when everything was lost; a sequence outrunning it
    -- would need a million invalidations per second, sustained, or a clock stepping backwards.)
    local now = redis.call('TIME')
    local base = tonumber(now[1]) * 1000000 + tonumber(now[2])
    local newest = redis.call('ZRANGE', log_key, -1, -1, 'WITHSCORES')
    local survivors = {
      tonumber(redis.call('GET', seq_key) or '0') or 0,
      tonumber(redis.call('GET', floor_key) or '0') or 0,
      tonumber(newest[2] or '0') or 0,
    }
    for i = 1, #survivors do
      if survivors[i] > base then
        base = survivors[i]
      end
    end
    redis.call('SET', seq_key, fmt(base))
    redis.call('SET', floor_key, fmt(base))
  end
  local seq = redis.call('INCR', seq_key)
  for first = 1, #guards, 500 do
    local args = {}
    for i = first, math.min(first + 499, #guards) do
      args[#args + 1] = fmt(seq)
      args[#args + 1] = guards[i]
    end
    redis.call('ZADD', log_key, unpack(args))
  end
  local excess = redis.call('ZCARD', log_key) - max_entries
  if excess > 0 then
    local last = redis.call('ZRANGE', log_key, excess - 1, excess - 1, 'WITHSCORES')
    local highest = tonumber(last[2])
    redis.call('ZREMRANGEBYRANK', log_key, 0, excess - 1)
    if highest > (tonumber(redis.call('GET', floor_key) or '0') or 0) then
      redis.call('SET', floor_key, fmt(highest))
    end
  end
  return seq, restarted
end
