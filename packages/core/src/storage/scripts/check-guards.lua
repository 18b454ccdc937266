-- Cluster: the race-guard check, run on the {meta} slot after the value and memberships were written
-- (guard-lib.lua is prepended).
-- KEYS: log, floor
-- ARGV: snapshot, guards...
-- Returns 1 when the value may be stale, 0 when it is fresh, 2 when the meta keys hold data of the wrong
-- kind (then the value counts as stale, and the storage repairs and reports).
local guards = {}
for i = 2, #ARGV do
  guards[#guards + 1] = ARGV[i]
end
if meta_corrupt(KEYS[1], KEYS[2]) then
  return 2
end
if is_stale(KEYS[1], KEYS[2], tonumber(ARGV[1]), guards) then
  return 1
end
return 0
