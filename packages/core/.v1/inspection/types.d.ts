/** Result types of the {@link Inspector} (`cm.inspector`). */
import type { KeyType } from '../storage/introspection.js';
/** Where a paged listing continues: `cursor` from the previous page (`'0'` or omitted to start). */
export interface ListOptions {
    /** `'0'` (default) to start, else the `cursor` of the previous page. */
    readonly cursor?: string;
    /** Roughly how many items a page holds (1–1000, default 50). */
    readonly count?: number;
}
/** One page of a listing. `cursor` is `'0'` when there is nothing more. */
export interface InspectorPage<T> {
    readonly cursor: string;
    readonly items: readonly T[];
}
/** A tag with its live entry count. */
export interface TagSummary {
    readonly name: string;
    /** True when a function of this process registered the tag (false: only found in the storage). */
    readonly registered: boolean;
    /** Entries currently cached under the tag (counted up to the limit). */
    readonly live: number;
    /** False when counting stopped at the limit: there are at least `live` entries. */
    readonly exact: boolean;
}
/** One cached value, as listed (tag keys, dependents). */
export interface EntrySummary {
    /** The user key `K` (e.g. `Book:100>owner`). */
    readonly key: string;
    /** The full key `P+K`. */
    readonly fullKey: string;
    /** Payload length in bytes. */
    readonly bytes: number;
    /** Milliseconds left, or `undefined` for no TTL. */
    readonly ttlMs: number | undefined;
}
/** What a key under the prefix is, as the prefix browse lists it. */
export type KeyKind = 'values' | 'invalidation-set' | 'other';
/** One Redis key under the prefix (meta keys are never listed). */
export interface KeySummary {
    /** The full Redis key. */
    readonly fullKey: string;
    /** The key without the prefix. */
    readonly name: string;
    /** `values`: a HASH of cached values; `invalidation-set`: `P+I+':invalid'`; `other`: anything else. */
    readonly kind: KeyKind;
    readonly type: KeyType;
    readonly ttlMs: number | undefined;
    /** Fields, members or bytes (see `KeyInfo.size`). */
    readonly size: number;
}
/** What the inspector could make of a payload. */
export type DecodedValue = {
    readonly status: 'decoded';
    readonly value: unknown;
}
/** There is no value in that field. */
 | {
    readonly status: 'missing';
}
/** Longer than the inspector's `maxBytes`: only its beginning was read, and it is not decoded. */
 | {
    readonly status: 'too-large';
}
/** The configured serializer could not decode it (another format, corruption). */
 | {
    readonly status: 'undecodable';
    readonly error: string;
};
/** Everything about one entry (`cm.inspector.entry(key)`). */
export interface EntryDetails extends EntrySummary {
    /** False when the field holds no value (its hash may still have other fields, see `fields`). */
    readonly exists: boolean;
    /** The hash holding the value and its field. */
    readonly hash: string;
    readonly field: string;
    /** The payload as stored, at most `maxBytes` of it (see `truncated`). */
    readonly payload: string;
    /** True when the payload is longer than `maxBytes` and `payload` holds only its beginning. */
    readonly truncated: boolean;
    /** The payload decoded with the instance's serializer (never evaluates code). */
    readonly value: DecodedValue;
    /** The fields of the same hash (siblings share the hash's TTL), first page of at most 100. */
    readonly fields: readonly {
        readonly field: string;
        readonly bytes: number;
    }[];
    /** True when the hash has more fields than listed. */
    readonly moreFields: boolean;
}
/** Where an entry is registered (`cm.inspector.registrations(key)`). */
export interface Registrations {
    /** Invalid keys `I` whose set `P+I+':invalid'` holds the entry: invalidating any of them removes it. */
    readonly invalidKeys: readonly string[];
    /** Tags whose index holds the entry. */
    readonly tags: readonly string[];
    /** False when the search stopped at its step limit (or was aborted) before it had seen every set. */
    readonly complete: boolean;
}
//# sourceMappingURL=types.d.ts.map