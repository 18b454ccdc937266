/**
 * Invalidation: by invalid key, by tag, by model (rows unknown) and by pattern — plus the queue that
 * keeps invalidations which could not be delivered.
 *
 * Why a queue: a lost invalidation is stale data served until the TTL (possibly forever). When the storage
 * is unreachable, invalidations are kept in memory and retried with exponential backoff. While anything
 * is pending, the cached-call path bypasses the cache entirely (no reads, no writes), so this process
 * never serves a value that a pending invalidation would have removed.
 *
 * Bounded memory: the queue holds at most `maxPending` invalid keys. Past that, it collapses into one
 * "invalidate everything under the prefix" item: coarse, but never stale and never unbounded.
 *
 * Limits: the queue lives in this process. Other processes keep serving their cached reads from Redis
 * until the queue is delivered, and a crash loses it (the TTL is then the only bound); run with a
 * `timeout` on values where that matters.
 */
import type { Engine } from '../engine.js';
import type { InvalidationCause } from '../events.js';
/** Result of a pattern invalidation. */
export interface PatternResult {
    /** Keys under the prefix that matched (cacheme's own meta keys never match). */
    matched: number;
    /** Keys deleted (0 on a dry run). Invalidation sets that matched are invalidated, not just dropped. */
    deleted: number;
    /** Up to 100 of the matched keys, for a preview. */
    sample: string[];
}
export declare class Invalidator {
    #private;
    constructor(engine: Engine);
    /** Number of undelivered invalidations. While > 0 the cache is bypassed. */
    get pending(): number;
    /** Invalidates invalid keys: removes every entry registered under each. Never rejects on storage trouble. */
    keys(keys: readonly string[], cause: InvalidationCause): Promise<number>;
    /** Invalidates a tag's entries (its index set is an ordinary set of full keys). */
    tag(tag: string, setKey: string): Promise<number>;
    /** Invalidates every invalid key of `model` (`<model>:*`) and the model-level key `<model>`. */
    model(model: string, cause: InvalidationCause): Promise<number>;
    /**
     * SCAN + delete of keys matching `pattern` under the prefix. Explicit admin operation: storage errors
     * are thrown, not queued.
     */
    pattern(pattern: string, dryRun: boolean): Promise<PatternResult>;
    /** Tries to deliver everything queued now. Resolves when the queue is empty or a delivery failed. */
    drain(): Promise<boolean>;
    /** Stops the retry timer (the queue is kept). */
    stop(): void;
}
//# sourceMappingURL=invalidator.d.ts.map