const MIN_RETRY_MS = 50;
const MAX_RETRY_MS = 5000;
/** Undelivered invalidations of one storage layer. */
export class RetryQueue {
    #deliver;
    #max;
    #logger;
    #events;
    #items = [];
    #keys = 0;
    #timer;
    #retryMs = MIN_RETRY_MS;
    #draining;
    /** @param deliver sends one item; rejects when the storage is still unavailable. */
    constructor(deliver, options) {
        this.#deliver = deliver;
        this.#max = options.max;
        this.#logger = options.logger;
        this.#events = options.events;
    }
    /** Number of queued invalidations. */
    get size() {
        return this.#items.length;
    }
    /** Queues an item and schedules a retry; collapses the queue when it grows past the bound. */
    add(item) {
        if (this.#items.some((queued) => queued.kind === 'everything'))
            return;
        this.#keys += weight(item);
        this.#items.push(item);
        if (this.#keys > this.#max) {
            this.#logger.warn({ pending: this.#keys, max: this.#max }, 'cacheme: too many undelivered invalidations; will invalidate everything under the prefix instead');
            this.#items = [{ kind: 'everything' }];
            this.#keys = 1;
        }
        this.#schedule();
    }
    /** Tries to deliver everything queued now. @returns `true` when the queue is empty afterwards. */
    async drain() {
        this.#draining ??= this.#deliverAll().finally(() => {
            this.#draining = undefined;
        });
        await this.#draining;
        return this.#items.length === 0;
    }
    /** Stops the retry timer (the queue is kept; `drain()` still works). */
    stop() {
        clearTimeout(this.#timer);
        this.#timer = undefined;
    }
    #schedule() {
        if (this.#timer || this.#items.length === 0)
            return;
        this.#timer = setTimeout(() => {
            this.#timer = undefined;
            void this.drain();
        }, this.#retryMs);
        this.#timer.unref();
    }
    /** In order, so that a later invalidation never overtakes an earlier one of the same key. */
    async #deliverAll() {
        while (this.#items.length > 0) {
            const item = this.#items[0];
            try {
                await this.#deliver(item);
            }
            catch (error) {
                this.#events.report(error, 'invalidate-retry');
                this.#retryMs = Math.min(this.#retryMs * 2, MAX_RETRY_MS);
                this.#schedule();
                return;
            }
            this.#items.shift();
            this.#keys -= weight(item);
        }
        this.#retryMs = MIN_RETRY_MS;
    }
}
/** What an item counts against the bound: its sets, or 1. */
function weight(item) {
    return item.kind === 'sets' ? item.sets.length : 1;
}
//# sourceMappingURL=retry-queue.js.map