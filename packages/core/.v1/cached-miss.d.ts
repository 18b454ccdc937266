/**
 * The miss of a cached call: the optional cross-process lock (`stampede-lock.ts`), the computation, and
 * the guarded write of its value (`value-writer.ts`). `cached-call.ts` decides that a call misses and
 * deduplicates concurrent misses in the process; this module runs one.
 *
 * The race-guard snapshot comes from the caller: a sequence observed before the computation starts
 * (see `sequence-tracker.ts`). Without one (the read failed) the value is computed and returned but not
 * written. A write the guard rejects marks the remembered sequence stale, so the next read refreshes it.
 */
import { type HookParts } from './call-hooks.js';
import type { InvalidationState } from './invalidation/invalidations.js';
import type { L1 } from './l1/l1.js';
import type { CachedDefinition, MutableContainer } from './options.js';
import type { SequenceTracker } from './sequence-tracker.js';
import type { EntryRef } from './storage/storage.js';
import { type ValueParts, type ValueWriter } from './value-writer.js';
/** What a miss works with. */
export interface MissParts extends ValueParts, HookParts {
    readonly invalidations: InvalidationState;
    /** The remembered invalidation sequence (race-guard snapshots). */
    readonly sequence: SequenceTracker;
    /** The in-process tier, when configured. */
    readonly l1: L1 | undefined;
}
type Fn = (this: unknown, ...args: readonly unknown[]) => unknown;
/** Where a computed value may also be kept in process: the tier, and the mark taken before the read. */
export interface Fill {
    readonly l1: L1;
    readonly mark: number;
    readonly sentAt: number;
}
/** Runs misses for one instance. */
export declare class CachedMiss {
    #private;
    constructor(parts: MissParts, writer: ValueWriter);
    /** A miss: optional cross-process lock, compute, guarded write. */
    compute(definition: CachedDefinition, entry: EntryRef, key: string, c: MutableContainer, fn: Fn, seq: number | undefined, fill: Fill | undefined): Promise<unknown>;
}
export {};
//# sourceMappingURL=cached-miss.d.ts.map