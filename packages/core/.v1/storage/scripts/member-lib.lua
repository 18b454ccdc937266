-- Parsing set members back into entries, shared by invalidate.lua and live-members.lua.
--
-- split_member(member) returns hash, field for a well-formed full entry key, or nil. The prefix is not
-- known here, and need not be: a prefix cannot contain '>' and a user key contains at most one, so the
-- first '>' of a full key separates hash and field, and a key without '>' lives in field 'base'. This
-- mirrors member-key.ts, which the Cluster and memory code paths use.
local function split_member(member)
  if member == '' then
    return nil
  end
  local gt = string.find(member, '>', 1, true)
  if not gt then
    return member, 'base'
  end
  if gt == 1 or gt == #member or string.find(member, '>', gt + 1, true) then
    return nil
  end
  return string.sub(member, 1, gt - 1), string.sub(member, gt + 1)
end
