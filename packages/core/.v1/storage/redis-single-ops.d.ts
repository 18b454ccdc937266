/**
 * {@link RedisStorage} on a single Redis (or a Sentinel-managed primary): every composite operation is
 * one Lua script or one pipeline, so each costs exactly one round trip and is atomic.
 *
 * Known limits: the invalidate and live-members scripts touch hashes named by set members, which are
 * not declared in KEYS (they are only known inside the script). A single Redis allows that; it is why
 * Cluster has its own code path. A very large set makes those scripts block Redis for their duration.
 */
import type { Redis } from 'ioredis';
import type { RedisScripts } from './lua-script.js';
import { type RedisOps } from './redis-shared.js';
import { type EntryRef, type InvalidateRequest, type InvalidateResult, type MetaKeys, type ReadOptions, type ReadResult, type ScanOptions, type WriteRequest } from './storage.js';
/** Single-Redis implementation of the storage operations. */
export declare class RedisSingleOps implements RedisOps {
    #private;
    constructor(client: Redis, scripts: RedisScripts, logMaxEntries: number);
    /** The one server. */
    servers(): Promise<Redis[]>;
    /**
     * HGET, plus GET seq in the same round trip when asked for: both commands are written to the socket
     * in the same tick, before either reply arrives (cheaper than a Pipeline object). A hit that needs no
     * snapshot is one command (benchmarks/PROFILE.md: the second command cost ~8 µs of client CPU).
     */
    read(entry: EntryRef, meta: MetaKeys, options?: ReadOptions): Promise<ReadResult>;
    /**
     * One script: guard check first, then memberships and value. Atomic, so a rejected value is never
     * visible, not even briefly.
     */
    write(request: WriteRequest): Promise<boolean>;
    /** One script: log the guards, then remove the entries of every set, then the sets. */
    invalidate(request: InvalidateRequest): Promise<InvalidateResult>;
    /** One script: SMEMBERS, HEXISTS each, SREM the dead ones. */
    liveMembers(set: string): Promise<string[]>;
    /** SCAN MATCH COUNT until the cursor returns to 0, one batch per call. */
    scan(options: ScanOptions): AsyncIterable<string[]>;
    /** UNLINK (the memory is freed in the background), in bounded chunks. */
    deleteKeys(keys: readonly string[]): Promise<number>;
    /** The log part of an invalidation, alone (one script on the {meta} keys). */
    logGuards(guards: readonly string[], meta: MetaKeys): Promise<number>;
}
//# sourceMappingURL=redis-single-ops.d.ts.map