/**
 * How each kind of invalidation reaches the storage layer: exact sets (invalid keys, tags), a whole model
 * (rows unknown) and a pattern. Stateless: the queue, the epoch and the barrier live in
 * `invalidations.ts`; this module only knows the order of storage operations that keeps the race guard
 * sound (log the guard names first, delete after).
 *
 * Limits: model and pattern invalidations SCAN the keyspace under the prefix (on Cluster every master),
 * which costs time proportional to the number of keys; they are meant for bulk writes and admin use.
 */
import type { Events, InvalidationCause } from '../events.js';
import type { KeySpace } from '../key.js';
import type { ResilientStorage } from '../resilience/resilient-storage.js';
import { type PatternOptions, type PatternRun } from './pattern-run.js';
/** One invalidation, as delivered now or later from the retry queue (always for this layer's prefix). */
export type Invalidation = {
    kind: 'sets';
    guards: string[];
    sets: string[];
    keys: readonly string[];
    cause: InvalidationCause;
} | {
    kind: 'model';
    model: string;
    cause: InvalidationCause;
} | {
    kind: 'everything';
};
/** What delivering an invalidation did. */
export interface Delivered {
    /** Entries (or, for a pattern, keys) removed. */
    readonly removed: number;
    /** The sequence its guards were logged under. */
    readonly seq: number | undefined;
}
/** Delivers invalidations to one storage layer (one prefix). */
export declare class Delivery {
    #private;
    constructor(storage: ResilientStorage, keys: KeySpace, events: Events);
    /**
     * Delivers one invalidation and emits `invalidate`. Rejects on storage trouble.
     * @returns entries removed, and the sequence its guards were logged under.
     */
    deliver(item: Invalidation): Promise<Delivered>;
    /**
     * Pattern invalidation (`pattern-run.ts`), with the sequence its global guard was logged under.
     * @throws CachemeError `E_INVALID_PATTERN`, and storage errors
     */
    pattern(pattern: string, options: PatternOptions): Promise<PatternRun>;
}
//# sourceMappingURL=delivery.d.ts.map