-- Both: release a stampede lock only if we still own it (the token matches), so a holder whose lock
-- expired can never release the lock of the next holder.
-- KEYS: lock
-- ARGV: token
-- Returns 1 when released.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
