/** The value of one key. A zset's insertion order is its score order (see the guard log); a list is newest first. */
export type Value = {
    readonly type: 'hash';
    readonly fields: Map<string, string>;
} | {
    readonly type: 'set';
    readonly members: Set<string>;
} | {
    readonly type: 'string';
    value: string;
} | {
    readonly type: 'zset';
    readonly scores: Map<string, number>;
} | {
    readonly type: 'list';
    readonly items: string[];
};
export interface Slot {
    readonly value: Value;
    /** Absolute expiry (ms since epoch), or undefined for a persistent key. */
    expiresAt: number | undefined;
}
export declare class MemoryKeyspace {
    #private;
    /** The live slot of a key, dropping it if expired. */
    slot(key: string, now?: number): Slot | undefined;
    /** The value of a key of the expected type; a key of another type is an error, as in Redis. */
    typed<T extends Value['type']>(key: string, type: T): Extract<Value, {
        type: T;
    }> | undefined;
    /** A string key as a number (0 when missing or unparsable, like `parseSeq`). */
    number(key: string): number;
    /** Sets a persistent string key. */
    setString(key: string, value: string): void;
    set(key: string, slot: Slot): void;
    /** @returns whether the key existed (expired or not). */
    delete(key: string): boolean;
    /** A snapshot of the key names (expired ones included until touched). */
    keys(): string[];
    /** Checks a few keys for expiry per write, cycling through the keyspace (Redis' active expiry, small). */
    sweepSome(now: number): void;
}
//# sourceMappingURL=memory-keyspace.d.ts.map