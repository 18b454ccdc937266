/**
 * MemoryStorage's race-guard log: `guard-lib.lua` and `log-lib.lua` of RedisStorage in TypeScript, on
 * the same meta keys (sequence STRING, log ZSET, floor STRING) of the in-memory keyspace, so that both
 * storages agree decision for decision (test/storage/differential.test.ts runs them side by side).
 */
import type { MemoryKeyspace } from './memory-keyspace.js';
import type { MetaKeys } from './storage.js';
/** The guard log over one keyspace (every prefix's meta keys live in it). */
export declare class MemoryGuardLog {
    #private;
    constructor(space: MemoryKeyspace, logMaxEntries: number);
    /** The guard check of `guard-lib.lua`, verbatim in meaning: may a value with this snapshot be stale? */
    isStale(meta: MetaKeys, snapshot: number, guards: readonly string[]): boolean;
    /**
     * `log-lib.lua` in TypeScript: new sequence, log the names, trim, raise the floor.
     * @returns the sequence (0 without guards), and whether it was restarted first.
     */
    log(guards: readonly string[], meta: MetaKeys): {
        seq: number;
        restarted: boolean;
    };
}
//# sourceMappingURL=memory-guard-log.d.ts.map