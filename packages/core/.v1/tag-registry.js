/**
 * Tags: every cached function belongs to one tag (default: its name, `Class.method` for methods), and every
 * entry it writes is indexed in the tag's SET, so all of a function's entries can be listed or removed
 * at once — the seed's `cacheme_tags[tag].keys` / `.invalid_all()`.
 *
 * A tag is registered when a function is decorated or wrapped, before any call. Several functions may
 * share a tag (their entries are then listed and invalidated together).
 */
import { CachemeError, quote } from './errors.js';
/** A tag: a named group of cached entries. */
export class Tag {
    /** The tag name. */
    name;
    #store;
    /** @internal created by the registry */
    constructor(name, store) {
        this.name = name;
        this.#store = store;
    }
    /**
     * Full (prefixed) keys of the entries currently cached under this tag. Entries that expired or were
     * invalidated through an invalid key are not listed (and are pruned from the index).
     * @throws CachemeError `E_STORAGE_UNAVAILABLE` when the storage cannot be reached.
     */
    async keys() {
        return (await this.#store.keys(this.name)).sort();
    }
    /**
     * Removes every entry cached under this tag. A no-op on an empty tag (the seed errors there).
     * @returns the number of entries removed (0 when the storage was unreachable: the invalidation is then
     * queued and retried).
     */
    async invalidateAll() {
        return this.#store.invalidate(this.name);
    }
}
/** The tags of one cacheme instance (`cm.tags`; the default instance's is exported as `cachemeTags`). */
export class TagRegistry {
    #tags = new Map();
    #store;
    /** @internal */
    constructor(store) {
        this.#store = store;
    }
    /** The tag named `name`, or `undefined` when no function registered it. */
    get(name) {
        return this.#tags.get(name);
    }
    /**
     * The tag named `name`.
     * @throws CachemeError `E_UNKNOWN_TAG` when no function registered it.
     */
    require(name) {
        const tag = this.#tags.get(name);
        if (!tag) {
            throw new CachemeError('E_UNKNOWN_TAG', `tag ${quote(name)} is not registered → use one of ${quote(this.list())}; tags exist once their function is decorated or wrapped.`);
        }
        return tag;
    }
    /** Names of all registered tags, sorted. */
    list() {
        return [...this.#tags.keys()].sort();
    }
    /** True when a function registered `name`. */
    has(name) {
        return this.#tags.has(name);
    }
    /** @internal registers (or returns) a tag. */
    register(name) {
        let tag = this.#tags.get(name);
        if (!tag) {
            tag = new Tag(name, this.#store);
            this.#tags.set(name, tag);
        }
        return tag;
    }
}
//# sourceMappingURL=tag-registry.js.map