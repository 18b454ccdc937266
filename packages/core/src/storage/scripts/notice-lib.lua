-- Invalidation notices, shared by invalidate.lua (log-lib.lua, which defines fmt, comes first). The
-- format is src/storage/notice-format.ts's: '1|<seq>|<r>|<JSON array of full keys>' or '1|<seq>|<r>|*',
-- <r> '1' when the sequence was restarted by this invalidation, else empty.
--
-- publish_notice(channel, seq, restarted, keys, too_many) publishes one notice on `channel`, after the removal it
-- describes (the caller runs it last). Nothing is built or sent when nobody subscribes: notices exist for
-- processes with an in-process tier, and a deployment without one pays one PUBSUB NUMSUB per script.
local function publish_notice(channel, seq, restarted, keys, too_many)
  if channel == '' or redis.call('PUBSUB', 'NUMSUB', channel)[2] == 0 then
    return
  end
  local body = '*'
  if not too_many then
    -- cjson encodes an empty table as an object.
    body = (#keys == 0) and '[]' or cjson.encode(keys)
  end
  local seq_text = (seq > 0) and fmt(seq) or ''
  redis.call('PUBLISH', channel, '1|' .. seq_text .. '|' .. (restarted and '1' or '') .. '|' .. body)
end
