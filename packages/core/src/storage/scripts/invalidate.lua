-- Single Redis: a whole invalidation in one atomic step (log-lib.lua, member-lib.lua and notice-lib.lua
-- are prepended), ending with the notice of what it removed (after the removal, in the same step).
-- KEYS: seq, log, floor, sets...
-- ARGV: max log entries, notice channel, max notice keys, guards...
-- Returns { hash fields removed, the sequence logged (0 without guards), names of sets... that held
-- another type (skipped, not deleted: core reports them) }.
--
-- The hashes named by set members are not declared in KEYS: they are only known after SMEMBERS. That is
-- fine on a single Redis and is exactly why Cluster uses a different, multi-step path.
local guards = {}
for i = 4, #ARGV do
  guards[#guards + 1] = ARGV[i]
end
local seq, restarted = log_guards(KEYS[1], KEYS[2], KEYS[3], tonumber(ARGV[1]), guards)
local removed = 0
local max_keys = tonumber(ARGV[3])
local keys, too_many = {}, false
local reply = { 0, 0 }
for i = 4, #KEYS do
  local kind = redis.call('TYPE', KEYS[i]).ok
  -- A set name holding another type (a foreign write) is skipped, never an error: an error would abort
  -- the invalidation halfway and make it fail on every retry. No entry can be registered in it (SADD
  -- fails on it too), so nothing is left stale by skipping it.
  local members = {}
  if kind == 'set' then
    members = redis.call('SMEMBERS', KEYS[i])
  elseif kind ~= 'none' then
    reply[#reply + 1] = KEYS[i]
  end
  for _, member in ipairs(members) do
    local hash, field = split_member(member)
    if hash then
      if #keys < max_keys then
        keys[#keys + 1] = member
      else
        too_many = true
      end
      -- pcall: a member naming a key of another type (not a cacheme entry) is ignored, not an error
      -- that would abort the invalidation halfway.
      local n = redis.pcall('HDEL', hash, field)
      if type(n) == 'number' then
        removed = removed + n
      end
    end
  end
  if kind == 'set' then
    redis.call('DEL', KEYS[i])
  end
end
publish_notice(ARGV[2], seq, restarted, keys, too_many)
reply[1], reply[2] = removed, seq
return reply
