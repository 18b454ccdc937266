import type { DrainResult, EntryInfo, FieldInfo, KeyInfo, Page, PageOptions, ScanPageOptions } from './introspection.js';
import type { MemoryKeyspace } from './memory-keyspace.js';
import type { EntryRef } from './storage.js';
/** Introspection and records over one MemoryStorage's keyspace. */
export declare class MemoryIntrospection {
    #private;
    /** @param removeEntry removes the entry a set member names (as `invalidate` does); true if one was removed. */
    constructor(space: MemoryKeyspace, removeEntry: (member: string) => boolean);
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
//# sourceMappingURL=memory-introspection.d.ts.map