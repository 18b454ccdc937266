-- Single Redis: a miss's whole write in one atomic step (guard-lib.lua, set-lib.lua and member-lib.lua
-- are prepended), ending with a bounded prune of the sets it wrote to.
-- KEYS: log, floor, hash, sets...
-- ARGV: snapshot, field, payload, ttl ms or '', member (the entry's full key), set TTL margin ms,
--       guards...
-- Returns 1 when written, 0 when the race guard rejected the value (then nothing is written at all), 2
-- when the meta keys hold data of the wrong kind (nothing written; the storage repairs and reports).
local guards = {}
for i = 7, #ARGV do
  guards[#guards + 1] = ARGV[i]
end
if meta_corrupt(KEYS[1], KEYS[2]) then
  return 2
end
if is_stale(KEYS[1], KEYS[2], tonumber(ARGV[1]), guards) then
  return 0
end
-- Memberships before the value: if a set turns out to be of the wrong type, the script aborts before
-- a value exists that no invalidation could find.
for i = 4, #KEYS do
  add_to_set(KEYS[i], ARGV[5], ARGV[4], ARGV[6])
end
redis.call('HSET', KEYS[3], ARGV[2], ARGV[3])
if ARGV[4] ~= '' then
  -- LT: the hash TTL only ever shrinks, so writing one field never extends a sibling field's life.
  -- A hash without TTL counts as infinite, so a new hash gets the TTL.
  redis.call('PEXPIRE', KEYS[3], ARGV[4], 'LT')
end
-- Bounded pruning: shared sets (an 'All' invalid key, a tag) would otherwise keep one member per write
-- ever made, and forever once one member has no timeout. Each write checks PRUNE_SAMPLE random members
-- of every set it joined and removes those whose entry is gone (expired, invalidated through another
-- set). In steady state each write adds one member and removes about PRUNE_SAMPLE × (dead share), so
-- the dead share levels off near 1 / PRUNE_SAMPLE: with 2, a set stays within about twice its live
-- members (MemoryStorage's bound too). 2 is the least that converges; each sample costs one HEXISTS.
-- Atomic with the write (one script), so a membership is never pruned before its value exists. Hashes
-- are not declared in KEYS: single Redis only (Cluster sets expire with their longest-lived member).
local PRUNE_SAMPLE = 2
for i = 4, #KEYS do
  for _, member in ipairs(redis.call('SRANDMEMBER', KEYS[i], PRUNE_SAMPLE)) do
    local hash, field = split_member(member)
    if not hash or redis.pcall('HEXISTS', hash, field) ~= 1 then
      redis.call('SREM', KEYS[i], member)
    end
  end
end
return 1
