/**
 * The storage driver contract.
 *
 * A storage is deliberately thin: it knows the Redis data layout and how to execute the few composite
 * operations of the correctness protocol atomically (or in a documented safe order), and nothing else.
 * Timeouts and the circuit breaker live once above every driver, in core's storage layer
 * (`resilience/resilient-storage.ts`); retries of undelivered invalidations, logging and events above it.
 *
 * Every key a storage receives is a *full* key (the configured prefix is already applied) and has already
 * been validated by core. A storage never invents keys of its own except the meta keys it is handed in
 * {@link MetaKeys}.
 *
 * ## The race guard (why `read` returns a sequence and `write` takes `guards`)
 *
 * An invalidation first *logs* the names it concerns (`k:<invalid key>`, `m:<Model>`, `t:<tag>`, `*`)
 * under a fresh, monotonically increasing sequence number, and only then deletes the dependent entries.
 * A miss takes a snapshot of the sequence before it computes (a sequence observed in some earlier reply:
 * any value the server returned before the computation started is at most the current one), computes,
 * and then writes value + set memberships and checks the log: if any of its guard names was logged with a
 * sequence newer than its snapshot, its value may have been computed from rows that changed meanwhile,
 * so it must not stay in the cache. Because the log entry precedes the deletion, every interleaving ends
 * either with the write never landing (or being removed by its own writer) or with the invalidation's
 * deletion seeing the write's set membership and removing it. That argument needs no multi-key
 * atomicity, so it also holds on Redis Cluster.
 *
 * The log is trimmed to a bounded number of names; its `floor` is the highest sequence ever trimmed. A
 * snapshot older than the floor cannot be proven fresh and is treated as stale (the value is simply not
 * cached that time).
 */
/**
 * How much longer than its longest-lived member a set lives (ms). The value's TTL and the set's TTL are set
 * by different commands (on Cluster on different nodes); the margin guarantees that a set never expires
 * before the value it protects, not even by a rounding millisecond. The one definition: `RedisStorage`
 * passes it to its scripts (`set-lib.lua`), `MemoryStorage` uses it directly.
 */
export const SET_TTL_MARGIN_MS = 1000;
/**
 * Most entry keys one invalidation notice lists; an invalidation that touched more publishes a notice
 * that means "anything" (receivers drop their whole in-process tier). Bounds the message size that pub/sub
 * fans out to every subscriber (and, on Cluster, over the cluster bus). The one definition: RedisStorage
 * passes it to its scripts.
 */
export const NOTICE_MAX_KEYS = 1000;
//# sourceMappingURL=storage.js.map