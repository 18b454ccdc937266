/**
 * The introspection and record operations of {@link RedisStorage} (see `introspection.ts`), for a single
 * Redis and for Cluster alike. Almost all of them touch one key per command or script, which Cluster
 * routes by itself; only two differ:
 *
 * - `scanPage` walks one server on a single Redis and every master in turn on Cluster. The Cluster cursor
 *   is `<master index>.<that master's cursor>`, masters sorted by `host:port` so the order is the same for
 *   every call (and every process).
 * - `drainSet` is one script on a single Redis (SPOP + HDEL atomically); on Cluster the members' hashes live
 *   on other slots, so it pops first (atomic on the set's slot), then deletes the fields per hash and, if
 *   that fails, puts the popped members back so that a retry still finds them.
 *
 * Every call is bounded by its arguments (COUNT, number of keys): nothing here runs a script whose cost
 * grows with the size of the data, so browsing never blocks the server for long.
 *
 * Known limits: a Cluster cursor is only meaningful while the set of masters stays the same; after a
 * topology change it may skip or repeat keys (as any SCAN may repeat). Commands run in parallel, one per
 * key; on a single Redis ioredis writes them back to back, so a description of N keys costs one round
 * trip of latency.
 */
import type { Cluster, Redis } from 'ioredis';
import type { DrainResult, EntryInfo, FieldInfo, KeyInfo, Page, PageOptions, ScanPageOptions } from './introspection.js';
import type { RedisScripts } from './lua-script.js';
import type { EntryRef } from './storage.js';
/** Introspection and records over one ioredis client. */
export declare class RedisIntrospection {
    #private;
    /** @param servers the server, or every Cluster master (see `RedisOps.servers`). */
    constructor(client: Redis | Cluster, scripts: RedisScripts, servers: () => Promise<Redis[]>);
    /** One SCAN step (see the module doc for the Cluster cursor). */
    scanPage(options: ScanPageOptions): Promise<Page<string>>;
    /** One SSCAN step (a key of another type has no members). */
    setPage(set: string, options: PageOptions): Promise<Page<string>>;
    /** One HSCAN step through `hash-page.lua` (lengths only; pending markers skipped). */
    hashPage(hash: string, options: PageOptions): Promise<Page<FieldInfo>>;
    /** `describe-key.lua` per key, in parallel. */
    describeKeys(keys: readonly string[]): Promise<KeyInfo[]>;
    /** `describe-entry.lua` per entry, in parallel (a pending marker is reported as missing). */
    describeEntries(entries: readonly EntryRef[], peekBytes: number): Promise<EntryInfo[]>;
    /** SISMEMBER per set, in parallel; a key of another type is not a set the member belongs to. */
    isMember(sets: readonly string[], member: string): Promise<boolean[]>;
    /** One bounded drain step (see the module doc). */
    drainSet(set: string, count: number): Promise<DrainResult>;
    /** `push-list.lua`. */
    pushList(key: string, value: string, maxLength: number): Promise<void>;
    /** LRANGE. */
    listRange(key: string, offset: number, count: number): Promise<string[]>;
    /** `add-counters.lua`. */
    addCounters(key: string, increments: Readonly<Record<string, number>>, ttlMs: number): Promise<void>;
    /** HGETALL per key, in parallel, as numbers (non-numeric fields are left out). */
    readCounters(keys: readonly string[]): Promise<Record<string, number>[]>;
}
/** A positive integer (COUNT, lengths, TTLs). @throws CachemeError `E_INVALID_OPTION` */
export declare function checkedCount(value: number): number;
//# sourceMappingURL=redis-introspection.d.ts.map