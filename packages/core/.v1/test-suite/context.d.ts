import type { CacheStorage, EntryRef, MetaKeys, WriteRequest } from '../storage/storage.js';
import type { Expect, TestRunner } from './runner.js';
/** A raw view of what a storage holds (for a Redis-backed storage), for layout assertions. */
export interface StorageInspector {
    /** Redis TYPE: `hash`, `set`, `string`, `zset` or `none`. */
    type(key: string): Promise<string>;
    hget(hash: string, field: string): Promise<string | null>;
    smembers(set: string): Promise<string[]>;
    /** Redis PTTL: ms left, -1 persistent, -2 missing. */
    pttl(key: string): Promise<number>;
}
/** One opened storage. */
export interface StorageHarness {
    readonly storage: CacheStorage;
    /** Give one when the storage keeps the Redis layout: the suite then also checks the raw keys. */
    readonly inspect?: StorageInspector;
    /** Removes everything the test stored under its prefix and releases resources. */
    cleanup(): Promise<void>;
}
/** Opens a storage for one test; `prefix` is what the test will store under (fresh and random). */
export type StorageFactory = (options: {
    prefix: string;
    logMaxEntries?: number;
}) => Promise<StorageHarness>;
/** What a storage promises beyond the contract. */
export interface StorageCapabilities {
    /**
     * The guard check and the write are one atomic step: a rejected write leaves no trace at all (no set
     * membership, no transient value) and never touches a value stored by someone else. `MemoryStorage`
     * and `RedisStorage` on a single Redis: `true`; on Cluster: `false`.
     */
    readonly atomicWrite: boolean;
}
/** Everything a test needs, bound to its fresh prefix. */
export interface Ctx extends StorageHarness {
    readonly prefix: string;
    readonly meta: MetaKeys;
    entry(key: string): EntryRef;
    invalidSet(invalidKey: string): string;
    tagSet(tag: string): string;
    /**
     * Logs an unrelated guard name. The first invalidation of a prefix raises the floor above every
     * earlier snapshot; tests that want a guard-specific verdict call this before taking their snapshot.
     */
    startLog(): Promise<void>;
    /** Current sequence snapshot (what a miss would take). */
    snapshot(): Promise<number>;
    /** The write request core would build for `key` (sets and guards derived from invalid keys and tag). */
    request(key: string, options?: PutOptions): Promise<WriteRequest>;
    /** Writes `request(key, options)`; `seq` defaults to a fresh snapshot. */
    put(key: string, options?: PutOptions): Promise<boolean>;
    /** The payload of `key`, or undefined. */
    get(key: string): Promise<string | undefined>;
    /** Whether a key exists, through the storage's own `scan`. */
    exists(key: string): Promise<boolean>;
}
/** Options of {@link Ctx.put}. */
export interface PutOptions {
    payload?: string;
    ttlMs?: number;
    invalidKeys?: string[];
    tag?: string;
    seq?: number;
    /** Extra guards on top of the derived ones. */
    guards?: string[];
}
/** What every test file of the suite receives. */
export interface Suite {
    readonly it: (name: string, body: () => Promise<void>) => void;
    readonly expect: Expect;
    readonly capabilities: StorageCapabilities;
    /** Opens a storage on a fresh prefix; it is cleaned up after the current test. */
    open(options?: {
        logMaxEntries?: number;
    }): Promise<Ctx>;
}
/** The suite's view of the caller's runner, with cleanup of every storage a test opened. */
export declare function suite(runner: TestRunner, factory: StorageFactory, capabilities: StorageCapabilities, timeoutMs: number): Suite;
/** Resolves after `ms` milliseconds. */
export declare function sleep(ms: number): Promise<void>;
/** Every key a scan yields, and how many batches it took. */
export declare function scanAll(storage: CacheStorage, match: string, count: number): Promise<{
    keys: Set<string>;
    batches: number;
}>;
//# sourceMappingURL=context.d.ts.map