/**
 * A counter series: integer counters per bucket (a minute, an hour — the caller names buckets), each
 * bucket one HASH under cacheme's meta namespace (`P+"#cm:counters:"+name+":"+bucket`, see `key.ts`) with
 * a TTL, so old buckets disappear by themselves. `@cacheme/admin` keeps its hit/miss statistics in one:
 * every process adds its in-memory totals periodically, and every process reads the sums.
 *
 * Guarantees: an `add` is one atomic step per bucket (all increments and the TTL), so concurrent adds
 * from many processes never lose counts; buckets survive pattern invalidations (meta keys never match).
 *
 * Limits: a bucket's TTL is reset by every add (the last writer's TTL wins). On MemoryStorage the series
 * is per process.
 */
import { CachemeError, quote } from '../errors.js';
import { assertRecordName } from './record-name.js';
const BUCKET = /^[A-Za-z0-9._-]{1,64}$/;
/** Integer counters per bucket. Create with `cm.counters(name)`. */
export class Counters {
    /** The series' name. */
    name;
    #storage;
    #keys;
    /** @internal created by `Cacheme.counters` */
    constructor(storage, keys, name) {
        assertRecordName(name, 'counter series');
        this.name = name;
        this.#storage = storage;
        this.#keys = keys;
    }
    /**
     * Adds `increments` (field → integer) to bucket `bucket` and sets the bucket's TTL to `ttlMs`.
     * @throws CachemeError `E_INVALID_OPTION` for a bad bucket name, a non-integer increment or TTL; storage errors.
     */
    async add(bucket, increments, ttlMs) {
        await this.#storage.addCounters(this.#key(bucket), increments, ttlMs);
    }
    /**
     * The counters of each bucket, in order (`{}` for a bucket that has none or has expired).
     * @throws CachemeError `E_INVALID_OPTION` for a bad bucket name; storage errors.
     */
    async read(buckets) {
        return this.#storage.readCounters(buckets.map((bucket) => this.#key(bucket)));
    }
    #key(bucket) {
        const text = String(bucket);
        if (!BUCKET.test(text)) {
            throw new CachemeError('E_INVALID_OPTION', `bucket ${quote(bucket)} of counter series ${quote(this.name)} is not 1-64 letters, digits, '.', '_' or '-' → use e.g. the minute number.`);
        }
        return this.#keys.counters(this.name, text);
    }
}
//# sourceMappingURL=counters.js.map