/**
 * The invalidation component of an instance: it owns all invalidation state, so that the cached-call
 * path only has to read it ({@link InvalidationState}):
 *
 * - the **retry queue** of invalidations that could not be delivered (`retry-queue.ts`), and therefore
 *   the **pending count**: while it is above 0 the cache path bypasses the cache entirely, so this process
 *   never serves a value that a pending invalidation would have removed;
 * - the **local epoch**, bumped synchronously when an invalidation starts: a cached call never joins an
 *   in-flight computation of an older epoch, which may have read the rows from before the change;
 * - the **background-delivery barrier**: deliveries an adapter did not wait for (`delivery:
 *   'background'`); every cached read of the instance waits for the ones in flight first
 *   (read-your-writes inside the process).
 *
 * Every method that invalidates never rejects on storage trouble: the invalidation is queued instead.
 * Only explicit admin calls (`pattern`) throw, and malformed input throws before anything happens.
 */
import type { Events, InvalidationCause, Logger } from '../events.js';
import type { KeySpace } from '../key.js';
import type { ResilientStorage } from '../resilience/resilient-storage.js';
import type { SequenceTracker } from '../sequence-tracker.js';
import type { PatternOptions, PatternResult } from './pattern-run.js';
/** What the cached-call path reads from the invalidation component (and nothing else). */
export interface InvalidationState {
    /** Local invalidation epoch: bumped when an invalidation of this instance starts. */
    readonly epoch: number;
    /** Undelivered invalidations; while > 0 the cache must be bypassed. */
    readonly pending: number;
    /** Settles when the background deliveries started so far are done; `undefined` when there are none. */
    barrier(): Promise<void> | undefined;
}
/**
 * Told about this process's own invalidations (the in-process tier, `l1/l1.ts`, implements it): it must
 * not serve what they removed, and cannot know what that was until their notice arrives.
 */
export interface LocalInvalidations {
    /** An invalidation was delivered, with the sequence it logged. Called before the caller is resolved. */
    delivered(seq: number | undefined): void;
    /** An invalidation could not be delivered and was queued. */
    failed(): void;
}
/** Options of {@link Invalidations}. */
export interface InvalidationOptions {
    /** `false`: every invalidation is a no-op (the instance is disabled). */
    readonly enabled: boolean;
    /** Bound of the retry queue, in invalid keys. */
    readonly maxPending: number;
    /** Told when the retry queue collapses. */
    readonly logger: Logger;
    /** Learns the sequence every delivered invalidation logged (the race guard's remembered snapshot). */
    readonly sequence: SequenceTracker;
    /** The in-process tier, when configured. */
    readonly local: LocalInvalidations | undefined;
}
/** Invalidation by key, tag, model and pattern, with all the state that goes with it. */
export declare class Invalidations implements InvalidationState {
    #private;
    constructor(storage: ResilientStorage, keys: KeySpace, events: Events, options: InvalidationOptions);
    get epoch(): number;
    get pending(): number;
    barrier(): Promise<void> | undefined;
    /**
     * Tracks a delivery nobody awaits (`delivery: 'background'`): cached reads wait for it until it
     * settles. Never rejects; a failure is reported.
     */
    track(delivery: Promise<void>): void;
    /** Removes every entry registered under each (already validated) invalid key. @returns entries removed. */
    keys(keys: readonly string[], cause: InvalidationCause): Promise<number>;
    /** Removes every entry of a tag (its index set is an ordinary set of full keys). */
    tag(tag: string): Promise<number>;
    /** Removes every entry registered under an invalid key of `model` (`<model>:*`) or under `<model>`. */
    model(model: string, cause: InvalidationCause): Promise<number>;
    /**
     * Deletes keys matching a glob under the prefix (see `Delivery.pattern`). Storage errors are thrown,
     * not queued: this is an explicit admin operation.
     */
    pattern(pattern: string, options: PatternOptions): Promise<PatternResult>;
    /** Tries to deliver the queue now. @returns `true` when nothing is pending any more. */
    drain(): Promise<boolean>;
    /** Stops the retry timer (the queue is kept). */
    stop(): void;
}
//# sourceMappingURL=invalidations.d.ts.map