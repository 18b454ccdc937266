/**
 * The optional in-process tier (`createCacheme({ l1: { max, ttl } })`): an LRU of payloads in front of
 * the storage for hot keys, kept coherent across processes by the storage's invalidation notices.
 *
 * Guarantees:
 * - **Coherence**: an invalidation in any process publishes, after its removal, the keys it removed;
 *   every process drops them from its tier when the notice arrives. The staleness this adds is the
 *   notice's delay (pub/sub; sub-millisecond on loopback, see benchmarks/RESULTS.md): another process
 *   may serve the old value from its tier until the notice reaches it.
 * - **Race guard**: a value is kept only if no notice received since its read (or write) was sent touched
 *   its key (`notice-log.ts`), so a fill that raced an invalidation never keeps the old value.
 * - **Never trusted blind**: until the subscription is confirmed (and `maxLagMs` after that, so that
 *   invalidations in flight meanwhile deliver their notices first), after it is lost, when notices lag
 *   (the sequence the storage reports is not covered by received notices within `maxLagMs`, checked every
 *   `maxLagMs / 4`), when the sequence goes backwards, or when the sequence cannot be read, the tier is
 *   emptied and bypassed (reads go to the storage), then resubscribed; it is used again once the new
 *   subscription is confirmed. So a value is never served from the tier more than about
 *   `1.25 × maxLagMs` (plus a round trip) after an invalidation that completed, whatever pub/sub does.
 * - **Read-your-writes**: after this process's own invalidation resolves, the tier is bypassed until every
 *   notice up to its sequence has arrived (or `maxLagMs` passed, which drops the tier).
 * - A value is never kept longer than the storage keeps it (its TTL is read along) nor than `ttl`.
 *
 * Opt-in because it trades that cross-process staleness window for hits without a round trip.
 * Limits: per process and per instance; a hit decodes the payload (fresh copy per call); undelivered
 * (queued) invalidations empty the tier and bypass it while queued.
 */
import type { Events } from '../events.js';
import type { LocalInvalidations } from '../invalidation/invalidations.js';
import type { ResilientStorage } from '../resilience/resilient-storage.js';
/** The `l1` option of `createCacheme`. */
export interface L1Options {
    /** Most entries kept (least recently used evicted first). */
    readonly max: number;
    /** Seconds an entry is kept at most (fractions allowed); also never longer than its storage TTL. */
    readonly ttl: number;
    /**
     * Milliseconds notices may lag before the tier is dropped and bypassed (default 100): the bound on how
     * long another process's completed invalidation can go unseen when pub/sub misbehaves.
     */
    readonly maxLagMs?: number;
}
/** `cm.l1`: the tier's state, for health checks and dashboards. */
export interface L1Status {
    /** `connecting` (not subscribed yet), `ready` (serving), `dropped` (bypassed until resubscribed). */
    readonly state: 'connecting' | 'ready' | 'dropped';
    /** Entries held. */
    readonly entries: number;
}
/** The tier of one instance. */
export declare class L1 implements LocalInvalidations {
    #private;
    constructor(storage: ResilientStorage, events: Events, options: Required<L1Options>);
    get status(): L1Status;
    /** Subscribes (once; later calls do nothing). Called on the instance's first cached call or `ready()`. */
    start(): void;
    /** The payload cached in process for `key`, when the tier may serve now. */
    get(key: string): string | undefined;
    /** Forgets one entry (its payload did not decode). */
    forget(key: string): void;
    /** The mark to take before sending a read (or a miss's read) whose payload may be kept. */
    mark(): number;
    /**
     * Keeps a payload read from (or written to) the storage by a request sent at `sentAt` with `mark`, for
     * `ttlMs` at most (`-1`: no storage TTL), unless a notice since `mark` touched the key.
     */
    fill(key: string, payload: string, ttlMs: number, sentAt: number, mark: number): void;
    /**
     * This process's invalidation was delivered: bypass the tier until every notice up to its sequence
     * arrived — not just its own. On Cluster notices are published after the deletions, by whichever
     * process invalidated, so an earlier invalidation's notice can arrive later; that one may be the notice
     * that lists a key this invalidation found already removed.
     */
    delivered(seq: number | undefined): void;
    /** An invalidation could not be delivered (it is queued): its entries may be anywhere in the tier. */
    failed(): void;
    close(): Promise<void>;
}
//# sourceMappingURL=l1.d.ts.map