import type { KeySpace } from '../key.js';
import type { ResilientStorage } from '../resilience/resilient-storage.js';
/** Integer counters per bucket. Create with `cm.counters(name)`. */
export declare class Counters {
    #private;
    /** The series' name. */
    readonly name: string;
    /** @internal created by `Cacheme.counters` */
    constructor(storage: ResilientStorage, keys: KeySpace, name: string);
    /**
     * Adds `increments` (field → integer) to bucket `bucket` and sets the bucket's TTL to `ttlMs`.
     * @throws CachemeError `E_INVALID_OPTION` for a bad bucket name, a non-integer increment or TTL; storage errors.
     */
    add(bucket: string | number, increments: Readonly<Record<string, number>>, ttlMs: number): Promise<void>;
    /**
     * The counters of each bucket, in order (`{}` for a bucket that has none or has expired).
     * @throws CachemeError `E_INVALID_OPTION` for a bad bucket name; storage errors.
     */
    read(buckets: readonly (string | number)[]): Promise<Record<string, number>[]>;
}
//# sourceMappingURL=counters.d.ts.map