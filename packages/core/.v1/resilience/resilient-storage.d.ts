import type { Events } from '../events.js';
import type { DrainResult, EntryInfo, FieldInfo, KeyInfo, Page, PageOptions, ScanPageOptions } from '../storage/introspection.js';
import type { CacheStorage, EntryRef, InvalidateRequest, InvalidateResult, InvalidationNotice, MetaKeys, NoticeListener, NoticeSubscription, ReadOptions, ReadResult, ScanOptions, WriteRequest } from '../storage/storage.js';
/** The fail-open settings of `createCacheme(config)`. */
export interface ResilienceOptions {
    /** Milliseconds before a storage operation counts as failed. Default 1000. */
    operationTimeoutMs?: number;
    /** Consecutive failures that open the breaker. Default 5. */
    breakerThreshold?: number;
    /** Milliseconds the breaker stays open before letting one probe operation through. Default 5000. */
    breakerCooldownMs?: number;
}
/** A write as core builds it: the driver's {@link WriteRequest} without the meta keys the layer adds. */
export type LayerWrite = Omit<WriteRequest, 'meta'>;
/** An invalidation as core builds it: {@link InvalidateRequest} without the meta keys. */
export type LayerInvalidate = Omit<InvalidateRequest, 'meta'>;
/** The storage protocol for core, bound to one prefix's meta keys, with timeout, breaker and check. */
export declare class ResilientStorage {
    #private;
    /** The driver's name (`redis`, `redis-cluster`, `memory`, ...). */
    readonly name: string;
    constructor(driver: CacheStorage, meta: MetaKeys, options: Required<ResilienceOptions>, events: Events);
    /** True once any operation was attempted (the default instance is configurable until then). */
    get used(): boolean;
    /** True when the cache path may use the storage now: breaker allows, server not known unsupported. */
    get usable(): boolean;
    /**
     * Resolves once the storage answered its check (at most one round trip, the first time). Rejects with
     * `E_STORAGE_UNSUPPORTED` for a server cacheme cannot use, or `E_STORAGE_UNAVAILABLE` /
     * `E_STORAGE_TIMEOUT` when it cannot be reached (then the next call checks again).
     */
    ready(): Promise<void>;
    /** {@link CacheStorage.read}. */
    read(entry: EntryRef, options?: ReadOptions): Promise<ReadResult>;
    /** {@link CacheStorage.write}. */
    write(request: LayerWrite): Promise<boolean>;
    /** {@link CacheStorage.invalidate}. */
    invalidate(request: LayerInvalidate): Promise<InvalidateResult>;
    /** {@link CacheStorage.logGuards}. */
    logGuards(guards: readonly string[]): Promise<number>;
    /** True when the driver has the notices capability ({@link CacheStorage.subscribe} and its two companions). */
    get notices(): boolean;
    /**
     * {@link CacheStorage.subscribe}. Not under the timeout or the breaker: the subscription reports its
     * own state to the listener. A driver that throws is reported as a lost subscription.
     */
    subscribe(listener: NoticeListener): NoticeSubscription;
    /** {@link CacheStorage.publish}. */
    publish(notice: InvalidationNotice): Promise<void>;
    /** {@link CacheStorage.readSequence}. */
    readSequence(): Promise<number>;
    /** {@link CacheStorage.liveMembers}. */
    liveMembers(set: string): Promise<string[]>;
    /** {@link CacheStorage.deleteKeys}. */
    deleteKeys(keys: readonly string[]): Promise<number>;
    /** {@link CacheStorage.acquireLock}. */
    acquireLock(key: string, token: string, ttlMs: number): Promise<boolean>;
    /** {@link CacheStorage.releaseLock}. */
    releaseLock(key: string, token: string): Promise<void>;
    /** {@link CacheStorage.scanPage}. */
    scanPage(options: ScanPageOptions): Promise<Page<string>>;
    /** {@link CacheStorage.setPage}. */
    setPage(set: string, options: PageOptions): Promise<Page<string>>;
    /** {@link CacheStorage.hashPage}. */
    hashPage(hash: string, options: PageOptions): Promise<Page<FieldInfo>>;
    /** {@link CacheStorage.describeKeys}. */
    describeKeys(keys: readonly string[]): Promise<KeyInfo[]>;
    /** {@link CacheStorage.describeEntries}. */
    describeEntries(entries: readonly EntryRef[], peekBytes: number): Promise<EntryInfo[]>;
    /** {@link CacheStorage.isMember}. */
    isMember(sets: readonly string[], member: string): Promise<boolean[]>;
    /** {@link CacheStorage.drainSet}. */
    drainSet(set: string, count: number): Promise<DrainResult>;
    /** {@link CacheStorage.pushList}. */
    pushList(key: string, value: string, maxLength: number): Promise<void>;
    /** {@link CacheStorage.listRange}. */
    listRange(key: string, offset: number, count: number): Promise<string[]>;
    /** {@link CacheStorage.addCounters}. */
    addCounters(key: string, increments: Readonly<Record<string, number>>, ttlMs: number): Promise<void>;
    /** {@link CacheStorage.readCounters}. */
    readCounters(keys: readonly string[]): Promise<Record<string, number>[]>;
    /**
     * {@link CacheStorage.scan}, each step under the timeout and the breaker: a Redis that hangs mid-scan
     * must not hang the caller (an invalidation is then queued and retried instead).
     */
    scan(options: ScanOptions): AsyncGenerator<string[]>;
}
//# sourceMappingURL=resilient-storage.d.ts.map