import { type KeySpace } from '../key.js';
import type { ResilientStorage } from '../resilience/resilient-storage.js';
import type { Serializer } from '../serialization/serializer.js';
import type { EntryDetails, EntrySummary, InspectorPage, KeySummary, ListOptions, Registrations, TagSummary } from './types.js';
/** What the inspector reads through. */
export interface InspectorParts {
    readonly storage: ResilientStorage;
    readonly keys: KeySpace;
    readonly serializer: Serializer;
    /** `false`: every listing is empty (the instance does no storage I/O). */
    readonly enabled: boolean;
    /** Tags registered by functions of this process. */
    readonly registeredTags: () => readonly string[];
}
/** Read-only introspection of one instance. See the module doc. */
export declare class Inspector {
    #private;
    /** @internal created by `Cacheme` */
    constructor(parts: InspectorParts);
    /** The instance's prefix (what every full key starts with). */
    get prefix(): string;
    /**
     * Every tag — registered in this process or found in the storage — with its live entry count, sorted by
     * name. Counting stops at `countLimit` entries per tag (default 10000; `exact: false` then).
     */
    tags(options?: {
        countLimit?: number;
    }): Promise<TagSummary[]>;
    /** One page of the live entries cached under `tag` (from its index set). */
    tagKeys(tag: string, options?: ListOptions): Promise<InspectorPage<EntrySummary>>;
    /**
     * One page of the live entries that depend on invalid key `invalidKey` (the members of
     * `P+invalidKey+':invalid'`): what `cm.invalidate(invalidKey)` would remove.
     * @throws CachemeError `E_INVALID_KEY` for a malformed invalid key.
     */
    dependents(invalidKey: string, options?: ListOptions): Promise<InspectorPage<EntrySummary>>;
    /**
     * One page of the Redis keys under the prefix matching `pattern` (a glob applied under the prefix, as
     * in `invalidatePattern`; default `*`), with type, TTL and size. Meta keys are never listed.
     * @throws CachemeError `E_INVALID_PATTERN`, `E_INVALID_OPTION` (a cursor this storage did not return)
     */
    browse(options?: ListOptions & {
        pattern?: string;
    }): Promise<InspectorPage<KeySummary>>;
    /**
     * Everything about the entry of user key `key` (`Book:100>owner`; a key without `>` is field `base`):
     * payload (at most `maxBytes`, default 64 KiB), decoded value, TTL, and the other fields of its hash.
     * @throws CachemeError `E_INVALID_KEY` for a malformed key.
     */
    entry(key: string, options?: {
        maxBytes?: number;
    }): Promise<EntryDetails>;
    /**
     * The invalid keys and tags the entry of `key` is registered under — what would remove it. Found by
     * scanning the prefix's sets (no reverse index exists), at most `maxSteps` SCAN steps (default 400,
     * about 400k keys examined); `complete: false` when it stopped early (limit or `signal`).
     * @throws CachemeError `E_INVALID_KEY` for a malformed key.
     */
    registrations(key: string, options?: {
        maxSteps?: number;
        signal?: AbortSignal;
    }): Promise<Registrations>;
}
//# sourceMappingURL=inspector.d.ts.map