/**
 * Least-recently-used order of MemoryStorage's values. A Map keeps insertion order, so touching an entry
 * is delete + set and the oldest entry is the first one iterated: O(1) per touch, no timers.
 *
 * It may also hold entries that are already gone (expired): they are dropped when eviction reaches them,
 * and only make it start a little earlier — never later, so live values never exceed the bound.
 */
import type { EntryRef } from './storage.js';
export declare class LruIndex {
    #private;
    readonly max: number;
    constructor(max: number);
    /** Marks an entry as most recently used. */
    touch(entry: EntryRef): void;
    /** Forgets an entry (it was removed). */
    forget(fullKey: string): void;
    /** Removes and yields the oldest entries while more than `max` are tracked. */
    overflow(): Generator<EntryRef>;
}
//# sourceMappingURL=lru-index.d.ts.map