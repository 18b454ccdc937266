/**
 * Invalidation: by invalid key, by tag, by model (rows unknown) and by pattern — plus the queue that
 * keeps invalidations which could not be delivered.
 *
 * Why a queue: a lost invalidation is stale data served until the TTL (possibly forever). When the storage
 * is unreachable, invalidations are kept in memory and retried with exponential backoff. While anything
 * is pending, the cached-call path bypasses the cache entirely (no reads, no writes), so this process
 * never serves a value that a pending invalidation would have removed.
 *
 * Bounded memory: the queue holds at most `maxPending` invalid keys. Past that, it collapses into one
 * "invalidate everything under the prefix" item: coarse, but never stale and never unbounded.
 *
 * Limits: the queue lives in this process. Other processes keep serving their cached reads from Redis
 * until the queue is delivered, and a crash loses it (the TTL is then the only bound); run with a
 * `timeout` on values where that matters.
 */
import { CachemeError, quote } from '../errors.js';
import { escapeGlob, GLOBAL_GUARD, INVALID_SUFFIX, invalidSetKey, META_NAMESPACE } from '../key.js';
const SCAN_COUNT = 500;
const MIN_RETRY_MS = 50;
const MAX_RETRY_MS = 5000;
export class Invalidator {
    #engine;
    #queue = [];
    #queuedKeys = 0;
    #timer;
    #retryMs = MIN_RETRY_MS;
    #draining;
    constructor(engine) {
        this.#engine = engine;
    }
    /** Number of undelivered invalidations. While > 0 the cache is bypassed. */
    get pending() {
        return this.#queue.length;
    }
    /** Invalidates invalid keys: removes every entry registered under each. Never rejects on storage trouble. */
    async keys(keys, cause) {
        if (keys.length === 0)
            return 0;
        const prefix = this.#engine.config.prefix;
        const item = {
            kind: 'sets',
            guards: keys.map((key) => `k:${key}`),
            sets: keys.map((key) => invalidSetKey(prefix, key)),
            keys,
            cause,
        };
        return this.#attempt(item);
    }
    /** Invalidates a tag's entries (its index set is an ordinary set of full keys). */
    async tag(tag, setKey) {
        return this.#attempt({
            kind: 'sets',
            guards: [`t:${tag}`],
            sets: [setKey],
            keys: [tag],
            cause: { kind: 'tag' },
        });
    }
    /** Invalidates every invalid key of `model` (`<model>:*`) and the model-level key `<model>`. */
    async model(model, cause) {
        return this.#attempt({ kind: 'model', model, cause });
    }
    /**
     * SCAN + delete of keys matching `pattern` under the prefix. Explicit admin operation: storage errors
     * are thrown, not queued.
     */
    async pattern(pattern, dryRun) {
        if (typeof pattern !== 'string' || pattern.length === 0) {
            throw new CachemeError('E_INVALID_PATTERN', `pattern ${quote(pattern)} is empty → pass a Redis glob such as 'Book:*' (it is applied under the prefix).`);
        }
        const { prefix } = this.#engine.config;
        if (!dryRun)
            this.#engine.bumpEpoch();
        if (!dryRun)
            await this.#engine.run('logGuards', (s, meta) => s.logGuards([GLOBAL_GUARD], meta));
        const match = escapeGlob(prefix) + pattern;
        const meta = prefix + META_NAMESPACE;
        const result = { matched: 0, deleted: 0, sample: [] };
        for await (const batch of this.#scan(match)) {
            const keys = batch.filter((key) => key.startsWith(prefix) && !key.startsWith(meta));
            result.matched += keys.length;
            for (const key of keys)
                if (result.sample.length < 100)
                    result.sample.push(key);
            if (dryRun || keys.length === 0)
                continue;
            // Dropping an invalidation set alone would orphan the values registered in it (they could then
            // never be invalidated): invalidate those sets, delete everything else.
            const sets = keys.filter((key) => key.endsWith(INVALID_SUFFIX));
            const plain = keys.filter((key) => !key.endsWith(INVALID_SUFFIX));
            if (sets.length > 0) {
                await this.#engine.run('invalidate', (s, m) => s.invalidate({ guards: [], sets, meta: m }));
                result.deleted += sets.length;
            }
            if (plain.length > 0)
                result.deleted += await this.#engine.run('deleteKeys', (s) => s.deleteKeys(plain));
        }
        if (!dryRun) {
            this.#engine.emit('invalidate', {
                keys: [pattern],
                removed: result.deleted,
                cause: { kind: 'pattern' },
            });
        }
        return result;
    }
    /** Tries to deliver everything queued now. Resolves when the queue is empty or a delivery failed. */
    async drain() {
        this.#draining ??= this.#deliverQueue().finally(() => {
            this.#draining = undefined;
        });
        await this.#draining;
        return this.#queue.length === 0;
    }
    /** Stops the retry timer (the queue is kept). */
    stop() {
        clearTimeout(this.#timer);
        this.#timer = undefined;
    }
    async #attempt(item) {
        if (!this.#engine.config.enabled)
            return 0;
        this.#engine.bumpEpoch();
        try {
            return await this.#deliver(item);
        }
        catch (error) {
            this.#engine.report(error, 'invalidate');
            this.#enqueue(item);
            return 0;
        }
    }
    async #deliver(item) {
        if (item.kind === 'everything') {
            const result = await this.pattern('*', false);
            return result.deleted;
        }
        if (item.kind === 'sets') {
            const { guards, sets } = item;
            const removed = await this.#engine.run('invalidate', (s, meta) => s.invalidate({ guards, sets, meta }));
            this.#engine.emit('invalidate', { keys: item.keys, removed, cause: item.cause });
            return removed;
        }
        const { model, cause } = item;
        const prefix = this.#engine.config.prefix;
        // Log first: a miss that registers its membership after our SCAN passed its slot is rejected by the
        // guard; one that registered before is found by the SCAN.
        await this.#engine.run('logGuards', (s, meta) => s.logGuards([`m:${model}`, `k:${model}`], meta));
        let removed = 0;
        const match = `${escapeGlob(prefix + model)}:*${INVALID_SUFFIX}`;
        const batches = [[invalidSetKey(prefix, model)]];
        for await (const batch of this.#scan(match))
            batches.push(batch);
        for (const sets of batches) {
            if (sets.length === 0)
                continue;
            removed += await this.#engine.run('invalidate', (s, meta) => s.invalidate({ guards: [], sets, meta }));
        }
        this.#engine.emit('invalidate', { keys: [model], removed, cause: { ...cause, entity: model } });
        return removed;
    }
    /**
     * SCAN through the storage, each step under the operation timeout and the breaker: a Redis that hangs
     * mid-scan must not hang the ORM call awaiting this invalidation (it is queued and retried instead).
     */
    async *#scan(match) {
        let iterator;
        for (;;) {
            const step = await this.#engine.run('scan', (storage) => {
                iterator ??= storage.scan({ match, count: SCAN_COUNT })[Symbol.asyncIterator]();
                return iterator.next();
            });
            if (step.done === true)
                return;
            yield step.value;
        }
    }
    #enqueue(item) {
        const max = this.#engine.config.maxPendingInvalidations;
        if (this.#queue.some((queued) => queued.kind === 'everything'))
            return;
        this.#queuedKeys += item.kind === 'sets' ? item.sets.length : 1;
        this.#queue.push(item);
        if (this.#queuedKeys > max) {
            this.#engine.config.logger.warn({ pending: this.#queuedKeys, max }, 'cacheme: too many undelivered invalidations; will invalidate everything under the prefix instead');
            this.#queue = [{ kind: 'everything' }];
            this.#queuedKeys = 1;
        }
        this.#schedule();
    }
    #schedule() {
        if (this.#timer || this.#queue.length === 0)
            return;
        this.#timer = setTimeout(() => {
            this.#timer = undefined;
            void this.drain();
        }, this.#retryMs);
        this.#timer.unref();
    }
    async #deliverQueue() {
        while (this.#queue.length > 0) {
            const item = this.#queue[0];
            try {
                await this.#deliver(item);
            }
            catch (error) {
                this.#engine.report(error, 'invalidate-retry');
                this.#retryMs = Math.min(this.#retryMs * 2, MAX_RETRY_MS);
                this.#schedule();
                return;
            }
            this.#queue.shift();
            this.#queuedKeys -= item.kind === 'sets' ? item.sets.length : 1;
        }
        this.#retryMs = MIN_RETRY_MS;
    }
}
//# sourceMappingURL=invalidator.js.map