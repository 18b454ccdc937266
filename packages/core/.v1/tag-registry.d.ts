/** Where tags read and remove their entries (the instance's storage layer and invalidation component). */
export interface TagStore {
    /** Live full keys indexed under `tag` (pruning dead ones); `[]` when the instance is disabled. */
    keys(tag: string): Promise<string[]>;
    /** Removes every entry indexed under `tag`; never rejects on storage trouble (it is queued). */
    invalidate(tag: string): Promise<number>;
}
/** A tag: a named group of cached entries. */
export declare class Tag {
    #private;
    /** The tag name. */
    readonly name: string;
    /** @internal created by the registry */
    constructor(name: string, store: TagStore);
    /**
     * Full (prefixed) keys of the entries currently cached under this tag. Entries that expired or were
     * invalidated through an invalid key are not listed (and are pruned from the index).
     * @throws CachemeError `E_STORAGE_UNAVAILABLE` when the storage cannot be reached.
     */
    keys(): Promise<string[]>;
    /**
     * Removes every entry cached under this tag. A no-op on an empty tag (the seed errors there).
     * @returns the number of entries removed (0 when the storage was unreachable: the invalidation is then
     * queued and retried).
     */
    invalidateAll(): Promise<number>;
}
/** The tags of one cacheme instance (`cm.tags`; the default instance's is exported as `cachemeTags`). */
export declare class TagRegistry {
    #private;
    /** @internal */
    constructor(store: TagStore);
    /** The tag named `name`, or `undefined` when no function registered it. */
    get(name: string): Tag | undefined;
    /**
     * The tag named `name`.
     * @throws CachemeError `E_UNKNOWN_TAG` when no function registered it.
     */
    require(name: string): Tag;
    /** Names of all registered tags, sorted. */
    list(): string[];
    /** True when a function registered `name`. */
    has(name: string): boolean;
    /** @internal registers (or returns) a tag. */
    register(name: string): Tag;
}
//# sourceMappingURL=tag-registry.d.ts.map