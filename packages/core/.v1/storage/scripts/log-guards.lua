-- Logs guard names without deleting anything (log-lib.lua is prepended). All keys share the {meta}
-- hash tag, so this is one atomic script on Cluster too.
-- KEYS: seq, log, floor
-- ARGV: max log entries, guards...
-- Returns the new sequence (0 when no guards were given).
local guards = {}
for i = 2, #ARGV do
  guards[#guards + 1] = ARGV[i]
end
return log_guards(KEYS[1], KEYS[2], KEYS[3], tonumber(ARGV[1]), guards)
