-- Both: one HSCAN step over a hash, returning field names and payload lengths but not the payloads
-- (HSCAN NOVALUES needs Redis 7.4; this keeps the values on the server on 7.0).
-- KEYS: hash
-- ARGV: cursor, count, pending-marker prefix (fields holding one are skipped: they are not values yet)
-- Returns { next cursor, field1, bytes1, field2, bytes2, ... }; { '0' } for a key of another type.
if redis.call('TYPE', KEYS[1]).ok ~= 'hash' then
  return { '0' }
end
local reply = redis.call('HSCAN', KEYS[1], ARGV[1], 'COUNT', tonumber(ARGV[2]))
local out = { reply[1] }
local pairs_ = reply[2]
local marker = ARGV[3]
for i = 1, #pairs_, 2 do
  local value = pairs_[i + 1]
  if string.sub(value, 1, #marker) ~= marker then
    out[#out + 1] = pairs_[i]
    out[#out + 1] = #value
  end
end
return out
