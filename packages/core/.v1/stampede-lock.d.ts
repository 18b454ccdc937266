import type { Events } from './events.js';
import type { LockOptions } from './options.js';
import type { ResilientStorage } from './resilience/resilient-storage.js';
import type { EntryRef } from './storage/storage.js';
/** What a miss should do next. */
export type LockOutcome = {
    readonly kind: 'owner';
    readonly token: string;
    readonly seq: number;
} | {
    readonly kind: 'value';
    readonly payload: string;
} | {
    readonly kind: 'gave-up';
    readonly seq: number;
};
/** The lock protocol over one storage layer. */
export declare class StampedeLock {
    #private;
    constructor(storage: ResilientStorage, events: Events);
    /** Takes the lock for `entry`, or waits for whoever holds it. Storage errors reject (the caller fails open). */
    lockOrWait(entry: EntryRef, lockKey: string, options: LockOptions, seq: number): Promise<LockOutcome>;
    /** Releases the lock if still ours; errors are reported, never thrown (the TTL frees it anyway). */
    release(lockKey: string, token: string): Promise<void>;
}
//# sourceMappingURL=stampede-lock.d.ts.map