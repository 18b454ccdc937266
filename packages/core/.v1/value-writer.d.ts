/**
 * The two ends of a cached value in the cached-call path: decoding a stored payload (an undecodable one
 * is a miss, recomputed and overwritten) and building + sending the guarded write of a computed one
 * (its invalid keys, tag and TTL).
 *
 * Failures never throw to the caller: a throwing `invalidKeys` callback, a malformed invalid key, a value
 * the serializer refuses and a failed write are reported, and the value is simply not cached.
 */
import { CachemeError } from './errors.js';
import type { Events } from './events.js';
import { type KeySpace } from './key.js';
import type { CachedDefinition, MutableContainer } from './options.js';
import type { ResilientStorage } from './resilience/resilient-storage.js';
import type { Serializer } from './serialization/serializer.js';
import type { EntryRef } from './storage/storage.js';
/** What {@link ValueWriter.decode} returns for a payload that cannot be decoded. */
export declare const UNDECODABLE: unique symbol;
/** What values are read from and written with: the storage layer, keys, serializer and events. */
export interface ValueParts {
    readonly storage: ResilientStorage;
    readonly keys: KeySpace;
    readonly serializer: Serializer;
    readonly events: Events;
}
/** Decodes and writes cached values for one instance. */
export declare class ValueWriter {
    #private;
    constructor(parts: ValueParts);
    /**
     * Decodes a stored payload; an undecodable one is reported and returns {@link UNDECODABLE} (the caller
     * treats it as a miss, and the write overwrites it). A sentinel rather than a result object: this runs
     * on every hit.
     */
    decode(payload: string, entry: EntryRef): unknown;
    /**
     * Writes a computed value with its dependencies, checked by the race guard against `seq`.
     * @returns the payload stored when the value was stored (and the guard accepted it), else `undefined`.
     */
    write(definition: CachedDefinition, entry: EntryRef, c: MutableContainer, result: unknown, seq: number): Promise<string | undefined>;
}
/** A user callback's error as `E_CALLBACK` (a CachemeError it threw is kept as is). */
export declare function wrapCallbackError(error: unknown, callback: string, where: string): CachemeError;
//# sourceMappingURL=value-writer.d.ts.map