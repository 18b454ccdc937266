/**
 * The in-process tier's store: payloads by full key, least recently used evicted first past `max`, each
 * with its own deadline. It holds payloads, not decoded values, so every hit decodes a fresh copy — the
 * same semantics as a hit from Redis (a caller that mutates its result changes nobody else's).
 *
 * Plain mechanics, no policy: what may be stored and when entries must go is `l1.ts`'s business.
 * Expiry is lazy (checked on `get`); no timer keeps the process alive.
 */
/** A bounded LRU of payloads. */
export class LocalTier {
    #max;
    #slots = new Map();
    /** @param max entries kept at most. */
    constructor(max) {
        this.#max = max;
    }
    /** Entries held (some may have expired and not been looked at since). */
    get size() {
        return this.#slots.size;
    }
    /** The payload of `key` if present and not expired (and marks it most recently used). */
    get(key, now) {
        const slot = this.#slots.get(key);
        if (slot === undefined)
            return undefined;
        this.#slots.delete(key);
        if (slot.expiresAt <= now)
            return undefined;
        this.#slots.set(key, slot); // Map order is recency order: re-inserting makes it the newest
        return slot.payload;
    }
    /** Stores a payload until `expiresAt`, evicting the least recently used entries past `max`. */
    set(key, payload, expiresAt) {
        this.#slots.delete(key);
        this.#slots.set(key, { payload, expiresAt });
        if (this.#slots.size <= this.#max)
            return;
        for (const oldest of this.#slots.keys()) {
            this.#slots.delete(oldest);
            if (this.#slots.size <= this.#max)
                return;
        }
    }
    delete(key) {
        this.#slots.delete(key);
    }
    clear() {
        this.#slots.clear();
    }
}
//# sourceMappingURL=local-tier.js.map