-- Cluster: one set membership with its TTL rules, on the set's own slot (set-lib.lua is prepended).
-- KEYS: set
-- ARGV: member, ttl ms or ''
add_to_set(KEYS[1], ARGV[1], ARGV[2])
return 1
