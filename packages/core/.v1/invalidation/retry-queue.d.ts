/**
 * The queue of invalidations that could not be delivered, retried with exponential backoff.
 *
 * Why: a lost invalidation is stale data served until the TTL (possibly forever). When the storage is
 * unreachable, invalidations are kept in memory and retried (50 ms doubling to 5 s). While anything is
 * queued, the cached-call path bypasses the cache entirely (see `invalidations.ts`).
 *
 * Bounded memory: the queue holds at most `max` invalid keys. Past that it collapses into one
 * "invalidate everything under the prefix" item: coarse, but never stale and never unbounded.
 *
 * Items are only ever delivered through the storage layer they were built for: the queue belongs to one
 * instance's invalidation component, which belongs to one layer, whose storage and prefix never change.
 *
 * Limits: the queue lives in this process; a crash loses it (the TTL is then the only bound), and other
 * processes keep serving their cached reads until it is delivered.
 */
import type { Events, Logger } from '../events.js';
import type { Invalidation } from './delivery.js';
/** Undelivered invalidations of one storage layer. */
export declare class RetryQueue {
    #private;
    /** @param deliver sends one item; rejects when the storage is still unavailable. */
    constructor(deliver: (item: Invalidation) => Promise<unknown>, options: {
        max: number;
        logger: Logger;
        events: Events;
    });
    /** Number of queued invalidations. */
    get size(): number;
    /** Queues an item and schedules a retry; collapses the queue when it grows past the bound. */
    add(item: Invalidation): void;
    /** Tries to deliver everything queued now. @returns `true` when the queue is empty afterwards. */
    drain(): Promise<boolean>;
    /** Stops the retry timer (the queue is kept; `drain()` still works). */
    stop(): void;
}
//# sourceMappingURL=retry-queue.d.ts.map