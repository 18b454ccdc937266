export class LruIndex {
    #order = new Map();
    max;
    constructor(max) {
        this.max = max;
    }
    /** Marks an entry as most recently used. */
    touch(entry) {
        this.#order.delete(entry.fullKey);
        this.#order.set(entry.fullKey, entry);
    }
    /** Forgets an entry (it was removed). */
    forget(fullKey) {
        this.#order.delete(fullKey);
    }
    /** Removes and yields the oldest entries while more than `max` are tracked. */
    *overflow() {
        for (const [fullKey, entry] of this.#order) {
            if (this.#order.size <= this.max)
                return;
            this.#order.delete(fullKey);
            yield entry;
        }
    }
}
//# sourceMappingURL=lru-index.js.map