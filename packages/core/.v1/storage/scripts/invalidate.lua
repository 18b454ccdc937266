-- Single Redis: a whole invalidation in one atomic step (log-lib.lua and member-lib.lua are prepended).
-- KEYS: seq, log, floor, sets...
-- ARGV: max log entries, guards...
-- Returns the number of hash fields removed.
--
-- The hashes named by set members are not declared in KEYS: they are only known after SMEMBERS. That is
-- fine on a single Redis and is exactly why Cluster uses a different, multi-step path.
local guards = {}
for i = 2, #ARGV do
  guards[#guards + 1] = ARGV[i]
end
log_guards(KEYS[1], KEYS[2], KEYS[3], tonumber(ARGV[1]), guards)
local removed = 0
for i = 4, #KEYS do
  local members = redis.call('SMEMBERS', KEYS[i])
  for _, member in ipairs(members) do
    local hash, field = split_member(member)
    if hash then
      -- pcall: a member naming a key of another type (not a cacheme entry) is ignored, not an error
      -- that would abort the invalidation halfway.
      local n = redis.pcall('HDEL', hash, field)
      if type(n) == 'number' then
        removed = removed + n
      end
    end
  end
  redis.call('DEL', KEYS[i])
end
return removed
