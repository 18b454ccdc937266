-- Single Redis: a miss's whole write in one atomic step (guard-lib.lua and set-lib.lua are prepended).
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
return 1
