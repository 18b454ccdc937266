import type { DrainResult, EntryInfo, FieldInfo, KeyInfo, Page, PageOptions, ScanPageOptions } from './introspection.js';
import { type CacheStorage, type EntryRef, type InvalidateRequest, type InvalidateResult, type InvalidationNotice, type MetaKeys, type NoticeListener, type NoticeSubscription, type ReadOptions, type ReadResult, type ScanOptions, type WriteRequest } from './storage.js';
/** Options of {@link MemoryStorage}. */
export interface MemoryStorageOptions {
    /** How many guard names the invalidation log keeps (default 10000), as in `RedisStorage`. */
    readonly logMaxEntries?: number;
    /**
     * Most cached values (hash fields) kept at once (default 100000; `Infinity` for no bound). Past it the
     * least recently used values are evicted — values only, never invalidation sets, so eviction can cost a
     * miss but never a missed invalidation.
     */
    readonly maxEntries?: number;
}
/** An in-process storage with the semantics of `RedisStorage` on a single Redis. */
export declare class MemoryStorage implements CacheStorage {
    #private;
    /** Always `'memory'`. */
    readonly name = "memory";
    /** @throws CachemeError `E_INVALID_OPTION` for an invalid `logMaxEntries`. */
    constructor(options?: MemoryStorageOptions);
    /** @inheritDoc The sequence costs nothing here: it is always returned. */
    read(entry: EntryRef, meta: MetaKeys, options?: ReadOptions): Promise<ReadResult>;
    /** @inheritDoc */
    write(request: WriteRequest): Promise<boolean>;
    /** @inheritDoc */
    invalidate(request: InvalidateRequest): Promise<InvalidateResult>;
    /** @inheritDoc */
    liveMembers(key: string): Promise<string[]>;
    /** @inheritDoc Batches hold the matches among `count` keys looked at, as SCAN COUNT does. */
    scan(options: ScanOptions): AsyncGenerator<string[]>;
    /** @inheritDoc */
    deleteKeys(keys: readonly string[]): Promise<number>;
    /**
     * Diagnostics: live keys, cached values (hash fields) and set members (including members whose value
     * is gone and not pruned yet). O(keys): for monitoring, not for hot paths.
     */
    stats(): {
        keys: number;
        values: number;
        setMembers: number;
    };
    /** @inheritDoc */
    logGuards(guards: readonly string[], meta: MetaKeys): Promise<number>;
    /**
     * @inheritDoc In process: the listeners of this storage (instances sharing it), called synchronously
     * when an invalidation has removed its entries.
     */
    subscribe(meta: MetaKeys, listener: NoticeListener): NoticeSubscription;
    /** @inheritDoc */
    publish(meta: MetaKeys, notice: InvalidationNotice): Promise<void>;
    /** @inheritDoc */
    readSequence(meta: MetaKeys): Promise<number>;
    /** @inheritDoc Locks only span this process's users of this storage (it is per process anyway). */
    acquireLock(key: string, token: string, ttlMs: number): Promise<boolean>;
    /** @inheritDoc */
    releaseLock(key: string, token: string): Promise<void>;
    scanPage(options: ScanPageOptions): Promise<Page<string>>;
    setPage(set: string, options: PageOptions): Promise<Page<string>>;
    hashPage(hash: string, options: PageOptions): Promise<Page<FieldInfo>>;
    describeKeys(keys: readonly string[]): Promise<KeyInfo[]>;
    describeEntries(entries: readonly EntryRef[], peekBytes: number): Promise<EntryInfo[]>;
    isMember(sets: readonly string[], member: string): Promise<boolean[]>;
    drainSet(set: string, count: number): Promise<DrainResult>;
    pushList(key: string, value: string, maxLength: number): Promise<void>;
    listRange(key: string, offset: number, count: number): Promise<string[]>;
    addCounters(key: string, increments: Readonly<Record<string, number>>, ttlMs: number): Promise<void>;
    readCounters(keys: readonly string[]): Promise<Record<string, number>[]>;
}
//# sourceMappingURL=memory-storage.d.ts.map