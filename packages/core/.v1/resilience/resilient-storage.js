/**
 * The storage layer: the one object through which core talks to a storage driver. Built once per
 * instance, bound to the instance's meta keys, it owns the fail-open policy so that nothing above it
 * handles timeouts, the breaker or meta keys:
 *
 * - **timeout**: every operation (each SCAN step included) fails with `E_STORAGE_TIMEOUT` after
 *   `operationTimeoutMs`; driver errors become `E_STORAGE_UNAVAILABLE` (see `deadlines.ts`: one timer
 *   for all operations in flight, not one per operation);
 * - **circuit breaker**: consecutive failures open it, then operations fail fast without touching the
 *   driver; after the cooldown exactly one probe goes through (see `circuit-breaker.ts`);
 * - **server check**: before its first operation the layer awaits the driver's `check()` (RedisStorage:
 *   Redis ≥ 7.0 on every master), once; later operations skip it, so the steady-state hit path pays
 *   nothing for it. An unsupported server is reported once (`error` event + logger, operation `check`),
 *   {@link ready} rejects with that `E_STORAGE_UNSUPPORTED` error, and the cache path (read, write,
 *   locks) is refused from then on — cached calls bypass the cache — while invalidations still go through
 *   (their scripts need nothing newer), so values cached before can still be removed.
 *
 * Why a layer and not a wrapper function: bentocache's shape — drivers stay thin (`CacheStorage`), all
 * policy lives once above them. The methods mirror the driver protocol minus `meta`, so a reader of
 * `storage.ts` knows what each does; the layer adds only the policy.
 *
 * The steady state (server checked, breaker closed) takes a short path: the driver's promise goes
 * straight to the deadline queue, with no async function, closure or timer of its own — it is the hit
 * path, and every microsecond there is a measurable share of a hit (benchmarks/PROFILE.md).
 *
 * Limits: the breaker and the check are per layer (per instance and process); a timed-out operation may
 * still complete on the server (see `deadlines.ts`).
 */
import { CachemeError } from '../errors.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { OperationDeadlines } from './deadlines.js';
const resolved = Promise.resolve();
/** The storage protocol for core, bound to one prefix's meta keys, with timeout, breaker and check. */
export class ResilientStorage {
    /** The driver's name (`redis`, `redis-cluster`, `memory`, ...). */
    name;
    #driver;
    #meta;
    #breaker;
    #deadlines;
    #events;
    #used = false;
    #checked = false;
    #checking;
    #unsupported;
    constructor(driver, meta, options, events) {
        this.name = driver.name;
        this.#driver = driver;
        this.#meta = meta;
        const breaker = new CircuitBreaker(options.breakerThreshold, options.breakerCooldownMs);
        this.#breaker = breaker;
        this.#deadlines = new OperationDeadlines(options.operationTimeoutMs, {
            success: (permit) => breaker.success(permit),
            // A server that answered "unsupported" is reachable: that is not a failure the breaker counts.
            failure: (permit, error) => {
                if (CachemeError.is(error, 'E_STORAGE_UNSUPPORTED'))
                    breaker.success(permit);
                else
                    breaker.failure(permit);
            },
        });
        this.#events = events;
    }
    /** True once any operation was attempted (the default instance is configurable until then). */
    get used() {
        return this.#used;
    }
    /** True when the cache path may use the storage now: breaker allows, server not known unsupported. */
    get usable() {
        return this.#unsupported === undefined && this.#breaker.allows;
    }
    /**
     * Resolves once the storage answered its check (at most one round trip, the first time). Rejects with
     * `E_STORAGE_UNSUPPORTED` for a server cacheme cannot use, or `E_STORAGE_UNAVAILABLE` /
     * `E_STORAGE_TIMEOUT` when it cannot be reached (then the next call checks again).
     */
    async ready() {
        await this.#run('check', () => resolved);
        if (this.#unsupported)
            throw this.#unsupported;
    }
    /** {@link CacheStorage.read}. */
    read(entry, options) {
        if (this.#steady()) {
            this.#used = true;
            let read;
            try {
                read = this.#driver.read(entry, this.#meta, options);
            }
            catch (error) {
                read = Promise.reject(error); // a driver that throws instead of rejecting
            }
            return this.#deadlines.track(read, 'read', 'call');
        }
        return this.#run('read', () => this.#driver.read(entry, this.#meta, options), true);
    }
    /** {@link CacheStorage.write}. */
    write(request) {
        return this.#run('write', () => this.#driver.write({ ...request, meta: this.#meta }), true);
    }
    /** {@link CacheStorage.invalidate}. */
    invalidate(request) {
        return this.#run('invalidate', () => this.#driver.invalidate({ ...request, meta: this.#meta }));
    }
    /** {@link CacheStorage.logGuards}. */
    logGuards(guards) {
        return this.#run('logGuards', () => this.#driver.logGuards(guards, this.#meta));
    }
    /** True when the driver has the notices capability ({@link CacheStorage.subscribe} and its two companions). */
    get notices() {
        const driver = this.#driver;
        return (typeof driver.subscribe === 'function' &&
            typeof driver.publish === 'function' &&
            typeof driver.readSequence === 'function');
    }
    /**
     * {@link CacheStorage.subscribe}. Not under the timeout or the breaker: the subscription reports its
     * own state to the listener. A driver that throws is reported as a lost subscription.
     */
    subscribe(listener) {
        try {
            return this.#driver.subscribe(this.#meta, listener);
        }
        catch (error) {
            listener.lost(error instanceof Error ? error : undefined);
            return { close: async () => { } };
        }
    }
    /** {@link CacheStorage.publish}. */
    publish(notice) {
        return this.#run('publish', () => this.#driver.publish(this.#meta, notice));
    }
    /** {@link CacheStorage.readSequence}. */
    readSequence() {
        return this.#run('readSequence', () => this.#driver.readSequence(this.#meta));
    }
    /** {@link CacheStorage.liveMembers}. */
    liveMembers(set) {
        return this.#run('liveMembers', () => this.#driver.liveMembers(set));
    }
    /** {@link CacheStorage.deleteKeys}. */
    deleteKeys(keys) {
        return this.#run('deleteKeys', () => this.#driver.deleteKeys(keys));
    }
    /** {@link CacheStorage.acquireLock}. */
    acquireLock(key, token, ttlMs) {
        return this.#run('lock', () => this.#driver.acquireLock(key, token, ttlMs), true);
    }
    /** {@link CacheStorage.releaseLock}. */
    releaseLock(key, token) {
        return this.#run('unlock', () => this.#driver.releaseLock(key, token));
    }
    // Introspection and records (see `storage/introspection.ts`): same policy, never on the cache path.
    /** {@link CacheStorage.scanPage}. */
    scanPage(options) {
        return this.#run('scanPage', () => this.#driver.scanPage(options));
    }
    /** {@link CacheStorage.setPage}. */
    setPage(set, options) {
        return this.#run('setPage', () => this.#driver.setPage(set, options));
    }
    /** {@link CacheStorage.hashPage}. */
    hashPage(hash, options) {
        return this.#run('hashPage', () => this.#driver.hashPage(hash, options));
    }
    /** {@link CacheStorage.describeKeys}. */
    describeKeys(keys) {
        return keys.length === 0
            ? Promise.resolve([])
            : this.#run('describeKeys', () => this.#driver.describeKeys(keys));
    }
    /** {@link CacheStorage.describeEntries}. */
    describeEntries(entries, peekBytes) {
        if (entries.length === 0)
            return Promise.resolve([]);
        return this.#run('describeEntries', () => this.#driver.describeEntries(entries, peekBytes));
    }
    /** {@link CacheStorage.isMember}. */
    isMember(sets, member) {
        return sets.length === 0
            ? Promise.resolve([])
            : this.#run('isMember', () => this.#driver.isMember(sets, member));
    }
    /** {@link CacheStorage.drainSet}. */
    drainSet(set, count) {
        return this.#run('drainSet', () => this.#driver.drainSet(set, count));
    }
    /** {@link CacheStorage.pushList}. */
    pushList(key, value, maxLength) {
        return this.#run('pushList', () => this.#driver.pushList(key, value, maxLength));
    }
    /** {@link CacheStorage.listRange}. */
    listRange(key, offset, count) {
        return this.#run('listRange', () => this.#driver.listRange(key, offset, count));
    }
    /** {@link CacheStorage.addCounters}. */
    addCounters(key, increments, ttlMs) {
        return this.#run('addCounters', () => this.#driver.addCounters(key, increments, ttlMs));
    }
    /** {@link CacheStorage.readCounters}. */
    readCounters(keys) {
        return keys.length === 0
            ? Promise.resolve([])
            : this.#run('readCounters', () => this.#driver.readCounters(keys));
    }
    /**
     * {@link CacheStorage.scan}, each step under the timeout and the breaker: a Redis that hangs mid-scan
     * must not hang the caller (an invalidation is then queued and retried instead).
     */
    async *scan(options) {
        let iterator;
        for (;;) {
            const step = await this.#run('scan', () => {
                iterator ??= this.#driver.scan(options)[Symbol.asyncIterator]();
                return iterator.next();
            });
            if (step.done === true)
                return;
            yield step.value;
        }
    }
    /** Checked, supported and breaker closed: the short path applies (see module doc). */
    #steady() {
        return this.#checked && this.#unsupported === undefined && this.#breaker.closed;
    }
    /**
     * Runs one driver operation with the policy. `cachePath`: refused on an unsupported server.
     * @throws CachemeError `E_STORAGE_UNAVAILABLE` (breaker open, driver error), `E_STORAGE_TIMEOUT`,
     *   `E_STORAGE_UNSUPPORTED`
     */
    #run(name, operation, cachePath = false) {
        this.#used = true;
        if (cachePath && this.#unsupported)
            return Promise.reject(this.#unsupported);
        const permit = this.#breaker.acquire();
        if (permit === undefined) {
            return Promise.reject(new CachemeError('E_STORAGE_UNAVAILABLE', `storage operation '${name}' skipped: the circuit breaker is open after repeated failures → check Redis; it is retried automatically.`));
        }
        let started;
        try {
            started = this.#checked ? operation() : this.#checkThen(operation, cachePath);
        }
        catch (error) {
            started = Promise.reject(error); // a driver that throws instead of rejecting
        }
        return this.#deadlines.track(started, name, permit);
    }
    async #checkThen(operation, cachePath) {
        this.#checking ??= this.#check();
        await this.#checking;
        if (cachePath && this.#unsupported)
            throw this.#unsupported;
        return operation();
    }
    async #check() {
        try {
            await this.#driver.check?.();
        }
        catch (error) {
            if (!CachemeError.is(error, 'E_STORAGE_UNSUPPORTED')) {
                this.#checking = undefined; // unreachable, not unsupported: the next operation checks again
                throw error;
            }
            this.#unsupported = error;
            this.#events.report(error, 'check');
        }
        this.#checked = true;
    }
}
//# sourceMappingURL=resilient-storage.js.map