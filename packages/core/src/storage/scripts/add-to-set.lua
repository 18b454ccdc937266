-- Cluster: one set membership with its TTL rules, on the set's own slot (set-lib.lua is prepended).
-- KEYS: set
-- ARGV: member, ttl ms or '', set TTL margin ms
add_to_set(KEYS[1], ARGV[1], ARGV[2], ARGV[3])
return 1
