/**
 * The in-process tier's store: payloads by full key, least recently used evicted first past `max`, each
 * with its own deadline. It holds payloads, not decoded values, so every hit decodes a fresh copy — the
 * same semantics as a hit from Redis (a caller that mutates its result changes nobody else's).
 *
 * Plain mechanics, no policy: what may be stored and when entries must go is `l1.ts`'s business.
 * Expiry is lazy (checked on `get`); no timer keeps the process alive.
 */
/** A bounded LRU of payloads. */
export declare class LocalTier {
    #private;
    /** @param max entries kept at most. */
    constructor(max: number);
    /** Entries held (some may have expired and not been looked at since). */
    get size(): number;
    /** The payload of `key` if present and not expired (and marks it most recently used). */
    get(key: string, now: number): string | undefined;
    /** Stores a payload until `expiresAt`, evicting the least recently used entries past `max`. */
    set(key: string, payload: string, expiresAt: number): void;
    delete(key: string): void;
    clear(): void;
}
//# sourceMappingURL=local-tier.d.ts.map