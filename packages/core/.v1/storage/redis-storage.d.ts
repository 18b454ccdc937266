import type { DrainResult, EntryInfo, FieldInfo, KeyInfo, Page, PageOptions, ScanPageOptions } from './introspection.js';
import type { CacheStorage, EntryRef, InvalidateRequest, InvalidateResult, InvalidationNotice, MetaKeys, NoticeListener, NoticeSubscription, ReadOptions, ReadResult, ScanOptions, WriteRequest } from './storage.js';
/** Options of {@link RedisStorage}. */
export interface RedisStorageOptions {
    /**
     * How many guard names the invalidation log keeps (default 10000). Older names are trimmed and the
     * floor is raised past them, so a miss that started before the trimmed invalidations is rejected. Raise
     * it when invalidations are so frequent that slow misses get rejected; each name costs a few dozen
     * bytes.
     */
    readonly logMaxEntries?: number;
}
/**
 * The client RedisStorage accepts: an ioredis `Redis` or `Cluster`. The type names only a few members
 * that identify one — not everything cacheme calls (it also uses `get`, `set`, `eval`, `scan`, `unlink`,
 * `smembers`, `sadd`, `info`, Cluster's `nodes`, ...) — so that the published declarations do not need
 * ioredis and MemoryStorage-only applications type-check without it. At run time it must be an ioredis
 * client (v5.4 or v6); anything that lacks those methods is refused with `E_INVALID_OPTION`.
 */
export interface RedisClient {
    readonly isCluster: boolean;
    readonly options: object;
    hget(key: string, field: string): Promise<string | null>;
    evalsha(sha: string, numkeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown>;
}
/** A storage on Redis through ioredis. See the module doc for guarantees and limits. */
export declare class RedisStorage implements CacheStorage {
    #private;
    /** `'redis'` on a single server, `'redis-cluster'` on Cluster. */
    readonly name: 'redis' | 'redis-cluster';
    /**
     * @param client an ioredis `Redis` or `Cluster`, connected or lazily connecting. It stays the caller's:
     *   the storage never quits it.
     * @throws CachemeError `E_INVALID_OPTION` for a client with `keyPrefix` or an invalid `logMaxEntries`.
     */
    constructor(redis: RedisClient, options?: RedisStorageOptions);
    /**
     * @inheritDoc Redis ≥ 7.0, checked with `INFO server` on the server or every Cluster master, once per
     * storage (shared by every instance using it). A server that refuses `INFO` is assumed supported.
     * @throws CachemeError `E_STORAGE_UNSUPPORTED` for an older server (remembered); connection errors
     *   are not remembered, so the next call checks again.
     */
    check(): Promise<void>;
    /** @inheritDoc */
    read(entry: EntryRef, meta: MetaKeys, options?: ReadOptions): Promise<ReadResult>;
    /** @inheritDoc */
    write(request: WriteRequest): Promise<boolean>;
    /** @inheritDoc */
    invalidate(request: InvalidateRequest): Promise<InvalidateResult>;
    /** @inheritDoc */
    liveMembers(set: string): Promise<string[]>;
    /** @inheritDoc */
    scan(options: ScanOptions): AsyncIterable<string[]>;
    /** @inheritDoc */
    deleteKeys(keys: readonly string[]): Promise<number>;
    /** @inheritDoc */
    logGuards(guards: readonly string[], meta: MetaKeys): Promise<number>;
    /**
     * @inheritDoc A dedicated connection (a duplicate of the client, or on Cluster of its connection to a
     * random node), opened now, reconnected and resubscribed by cacheme itself (`redis-notices.ts`).
     */
    subscribe(meta: MetaKeys, listener: NoticeListener): NoticeSubscription;
    /** @inheritDoc PUBLISH (on Cluster forwarded to every node). */
    publish(meta: MetaKeys, notice: InvalidationNotice): Promise<void>;
    /** @inheritDoc */
    readSequence(meta: MetaKeys): Promise<number>;
    /** @inheritDoc Single-key commands: the same on a single Redis and on Cluster. */
    acquireLock(key: string, token: string, ttlMs: number): Promise<boolean>;
    /** @inheritDoc */
    releaseLock(key: string, token: string): Promise<void>;
    /** @inheritDoc */
    scanPage(options: ScanPageOptions): Promise<Page<string>>;
    /** @inheritDoc */
    setPage(set: string, options: PageOptions): Promise<Page<string>>;
    /** @inheritDoc */
    hashPage(hash: string, options: PageOptions): Promise<Page<FieldInfo>>;
    /** @inheritDoc */
    describeKeys(keys: readonly string[]): Promise<KeyInfo[]>;
    /** @inheritDoc */
    describeEntries(entries: readonly EntryRef[], peekBytes: number): Promise<EntryInfo[]>;
    /** @inheritDoc */
    isMember(sets: readonly string[], member: string): Promise<boolean[]>;
    /** @inheritDoc */
    drainSet(set: string, count: number): Promise<DrainResult>;
    /** @inheritDoc */
    pushList(key: string, value: string, maxLength: number): Promise<void>;
    /** @inheritDoc */
    listRange(key: string, offset: number, count: number): Promise<string[]>;
    /** @inheritDoc */
    addCounters(key: string, increments: Readonly<Record<string, number>>, ttlMs: number): Promise<void>;
    /** @inheritDoc */
    readCounters(keys: readonly string[]): Promise<Record<string, number>[]>;
}
//# sourceMappingURL=redis-storage.d.ts.map