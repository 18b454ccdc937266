/**
 * {@link RedisStorage} on Redis Cluster. Keys of different slots cannot share a script, a pipeline or a
 * MULTI, so every composite operation is split into per-slot steps, and the *order* of those steps is what
 * keeps the race guard sound (see the protocol in `storage.ts`):
 *
 * - **write**: a *pending marker* and the memberships first (each on its own slot, in parallel), *then*
 *   the guard check on the `{meta}` slot, *then* the marker is replaced by the value with a
 *   compare-and-set (`confirm-entry.lua`). Reads treat a marker as a miss (`pending-marker.ts`), so a
 *   value is never readable before its check passed — not even for an instant. If the check finds a newer
 *   invalidation, the marker is removed with a compare-and-delete, so a value someone else wrote meanwhile
 *   survives. Checking *before* writing would leave a window: an invalidation logged between check and
 *   write could run its deletion before our write lands, and our stale value would stay.
 * - **invalidate**: the log entry first (and awaited), *then* the deletions. Any write whose check ran
 *   before our log entry had already added its membership, so the deletion below finds and removes it
 *   (marker or value); any write whose check runs after it sees the entry and removes itself. Last, once
 *   everything is deleted, the notice for in-process tiers (`PUBLISH`).
 *
 * Costs (latency, in sequential round trips): a hit is one HGET (plus a GET of the sequence on another
 * node, in parallel, when core needs a fresh snapshot: still ≈ 1); a miss
 * write is three (marker + memberships, check, confirm), so a whole miss is ≈ 4 with its read; an
 * invalidation is four (log, pop sets, delete fields, publish the notice).
 *
 * Known limits:
 * - A rejected write leaves its set memberships behind (removing them could strip the membership of a
 *   concurrent, accepted write of the same entry): a later invalidation through such a set removes a
 *   value it did not need to — over-invalidation, never a stale value.
 * - If a step fails halfway (a node is unreachable), the cleanup is best effort: a written value whose
 *   memberships or check failed is deleted again, and popped set members are put back before the error
 *   is rethrown, so that a retried invalidation still finds them. If the cleanup fails too, the entry can
 *   survive until its TTL.
 * - `liveMembers` does not prune on Cluster: the set and its hashes live on different slots, so "observed
 *   dead, then removed" cannot be atomic, and a concurrent write of the same key could lose its membership
 *   (its entry could then never be found through the set). Dead members are only filtered out of the
 *   answer; the set is bounded by its TTL and by invalidation, which deletes it.
 */
import type { Cluster, Redis } from 'ioredis';
import type { RedisScripts } from './lua-script.js';
import { type RedisOps } from './redis-shared.js';
import { type EntryRef, type InvalidateRequest, type InvalidateResult, type InvalidationNotice, type MetaKeys, type ReadOptions, type ReadResult, type ScanOptions, type WriteRequest } from './storage.js';
/** Cluster implementation of the storage operations. */
export declare class RedisClusterOps implements RedisOps {
    #private;
    constructor(client: Cluster, scripts: RedisScripts, logMaxEntries: number);
    /**
     * HGET, plus GET seq in parallel when asked for (different slots: latency ≈ one round trip). A pending
     * marker is a write whose race-guard check has not passed yet: a miss.
     */
    read(entry: EntryRef, meta: MetaKeys, options?: ReadOptions): Promise<ReadResult>;
    /** Write per slot, then check the guard, then compare-and-delete if stale (see module doc). */
    write(request: WriteRequest): Promise<boolean>;
    /** Log (awaited), then pop every set atomically, then delete the fields grouped by hash. */
    invalidate(request: InvalidateRequest): Promise<InvalidateResult>;
    /** SMEMBERS, existence per hash in parallel, SREM the dead (then re-check them, see module doc). */
    liveMembers(set: string): Promise<string[]>;
    /**
     * PUBLISH (regular pub/sub, which Cluster forwards to every node, so a subscriber on any node receives
     * it; see `redis-notices.ts` for why not sharded pub/sub).
     */
    publish(meta: MetaKeys, notice: InvalidationNotice): Promise<void>;
    /** Every master (the client's current view of the Cluster). */
    servers(): Promise<Redis[]>;
    /** SCAN on every master in turn. */
    scan(options: ScanOptions): AsyncGenerator<string[]>;
    /**
     * UNLINK per key, in parallel (ioredis routes each to its slot). Grouping by slot would need
     * `cluster-key-slot`, which is ioredis' dependency but not ours.
     */
    deleteKeys(keys: readonly string[]): Promise<number>;
    /** The log part of an invalidation, alone (one script on the {meta} keys). */
    logGuards(guards: readonly string[], meta: MetaKeys): Promise<number>;
}
//# sourceMappingURL=redis-cluster-ops.d.ts.map