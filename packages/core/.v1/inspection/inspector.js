/**
 * The inspector (`cm.inspector`): a read-only view of what an instance has cached — tags with live
 * counts, a tag's entries, an invalid key's dependents, a browse of the keys under the prefix, one
 * entry's payload, TTL and registrations. It is what `@cacheme/admin` renders; applications can use it
 * for health pages and debugging too.
 *
 * Guarantees:
 * - It never modifies anything (not even pruning dead set members), and never shows cacheme's meta keys.
 * - Every storage command it sends is bounded (one SCAN / SSCAN / HSCAN step of a bounded COUNT, or one
 *   small script per key; see `storage/introspection.ts`): inspecting a huge keyspace never blocks Redis.
 *   Listings are paged by opaque cursors, so a page costs the same however large the data.
 * - Payloads are decoded with the instance's serializer, which never evaluates code, and only when they
 *   are at most `maxBytes` long; a larger one is shown truncated and not decoded.
 * - It goes through the instance's storage layer: timeouts and the circuit breaker apply, and storage
 *   trouble is thrown as `E_STORAGE_UNAVAILABLE` / `E_STORAGE_TIMEOUT` (it is an explicit call, not a
 *   cached one).
 *
 * Limits: listings follow SCAN semantics (an entry may appear twice; entries added meanwhile may be
 * missed). `tags()` discovers tags of other processes with a SCAN of the whole prefix, and
 * `registrations()` has no reverse index to read (keeping one would cost every cache write): it scans
 * the prefix's invalidation sets, in bounded steps, up to a step limit.
 */
import { CachemeError, quote } from '../errors.js';
import { assertPattern } from '../invalidation/pattern-rules.js';
import { assertInvalidKey } from '../key.js';
import { findRegistrations } from './registrations.js';
/** SCAN COUNT of one step. */
const SCAN_COUNT = 250;
/** SSCAN / HSCAN COUNT of one counting step. */
const COUNT_STEP = 500;
/** SCAN steps one page of `browse` may take to fill itself (sparse matches). */
const BROWSE_STEPS = 40;
const EMPTY = { cursor: '0', items: [] };
/** Read-only introspection of one instance. See the module doc. */
export class Inspector {
    #parts;
    /** @internal created by `Cacheme` */
    constructor(parts) {
        this.#parts = parts;
    }
    /** The instance's prefix (what every full key starts with). */
    get prefix() {
        return this.#parts.keys.prefix;
    }
    /**
     * Every tag — registered in this process or found in the storage — with its live entry count, sorted by
     * name. Counting stops at `countLimit` entries per tag (default 10000; `exact: false` then).
     */
    async tags(options = {}) {
        const limit = integer(options.countLimit ?? 10_000, 1, 10_000_000, 'countLimit');
        const registered = new Set(this.#parts.registeredTags());
        const names = new Set(registered);
        if (this.#parts.enabled) {
            for await (const batch of this.#parts.storage.scan({
                match: this.#parts.keys.tagSets(),
                count: SCAN_COUNT,
            })) {
                for (const key of batch) {
                    const tag = this.#parts.keys.tagOf(key);
                    if (tag !== undefined)
                        names.add(tag);
                }
            }
        }
        const out = [];
        for (const name of [...names].sort()) {
            const { live, exact } = await this.#countLive(this.#parts.keys.tagSet(name), limit);
            out.push({ name, registered: registered.has(name), live, exact });
        }
        return out;
    }
    /** One page of the live entries cached under `tag` (from its index set). */
    async tagKeys(tag, options = {}) {
        if (typeof tag !== 'string' || tag.length === 0) {
            throw new CachemeError('E_UNKNOWN_TAG', `tag ${quote(tag)} is not a non-empty string → pass a tag name.`);
        }
        return this.#setEntries(this.#parts.keys.tagSet(tag), options);
    }
    /**
     * One page of the live entries that depend on invalid key `invalidKey` (the members of
     * `P+invalidKey+':invalid'`): what `cm.invalidate(invalidKey)` would remove.
     * @throws CachemeError `E_INVALID_KEY` for a malformed invalid key.
     */
    async dependents(invalidKey, options = {}) {
        assertInvalidKey(invalidKey);
        return this.#setEntries(this.#parts.keys.invalidSet(invalidKey), options);
    }
    /**
     * One page of the Redis keys under the prefix matching `pattern` (a glob applied under the prefix, as
     * in `invalidatePattern`; default `*`), with type, TTL and size. Meta keys are never listed.
     * @throws CachemeError `E_INVALID_PATTERN`, `E_INVALID_OPTION` (a cursor this storage did not return)
     */
    async browse(options = {}) {
        const pattern = options.pattern ?? '*';
        assertPattern(pattern);
        const { cursor: start, count } = listOptions(options);
        if (!this.#parts.enabled)
            return EMPTY;
        const { storage, keys } = this.#parts;
        const found = [];
        let cursor = start;
        for (let step = 0; step < BROWSE_STEPS && found.length < count; step++) {
            const page = await storage.scanPage({ match: keys.match(pattern), cursor, count: SCAN_COUNT });
            found.push(...page.items.filter((key) => keys.isUserSpace(key)));
            cursor = page.cursor;
            if (cursor === '0')
                break;
        }
        const infos = await storage.describeKeys([...new Set(found)]);
        const items = infos.map((info) => {
            const kind = keys.isInvalidSet(info.key)
                ? 'invalidation-set'
                : info.type === 'hash'
                    ? 'values'
                    : 'other';
            return { ...info, fullKey: info.key, name: keys.userKey(info.key) ?? info.key, kind };
        });
        return { cursor, items };
    }
    /**
     * Everything about the entry of user key `key` (`Book:100>owner`; a key without `>` is field `base`):
     * payload (at most `maxBytes`, default 64 KiB), decoded value, TTL, and the other fields of its hash.
     * @throws CachemeError `E_INVALID_KEY` for a malformed key.
     */
    async entry(key, options = {}) {
        const maxBytes = integer(options.maxBytes ?? 64 * 1024, 1, 16 * 1024 * 1024, 'maxBytes');
        const ref = this.#parts.keys.entry(key);
        const base = { key, fullKey: ref.fullKey, hash: ref.hash, field: ref.field };
        if (!this.#parts.enabled) {
            return {
                ...base,
                exists: false,
                bytes: 0,
                ttlMs: undefined,
                payload: '',
                truncated: false,
                value: MISSING,
                fields: [],
                moreFields: false,
            };
        }
        const { storage } = this.#parts;
        const [[info], fields] = await Promise.all([
            storage.describeEntries([ref], maxBytes),
            storage.hashPage(ref.hash, { cursor: '0', count: 100 }),
        ]);
        const exists = info?.exists === true;
        const bytes = info?.bytes ?? 0;
        const payload = info?.payload ?? '';
        const truncated = bytes > maxBytes;
        return {
            ...base,
            exists,
            bytes,
            ttlMs: info?.ttlMs,
            payload,
            truncated,
            value: !exists ? MISSING : truncated ? { status: 'too-large' } : this.#decode(payload),
            fields: [...fields.items].sort((a, b) => (a.field < b.field ? -1 : 1)),
            moreFields: fields.cursor !== '0',
        };
    }
    /**
     * The invalid keys and tags the entry of `key` is registered under — what would remove it. Found by
     * scanning the prefix's sets (no reverse index exists), at most `maxSteps` SCAN steps (default 400,
     * about 400k keys examined); `complete: false` when it stopped early (limit or `signal`).
     * @throws CachemeError `E_INVALID_KEY` for a malformed key.
     */
    async registrations(key, options = {}) {
        const maxSteps = integer(options.maxSteps ?? 400, 1, 1_000_000, 'maxSteps');
        const { fullKey } = this.#parts.keys.entry(key);
        if (!this.#parts.enabled)
            return { invalidKeys: [], tags: [], complete: true };
        return findRegistrations(this.#parts.storage, this.#parts.keys, fullKey, maxSteps, options.signal);
    }
    /** A page of a set's members whose entries exist, described. */
    async #setEntries(set, options) {
        const { cursor, count } = listOptions(options);
        if (!this.#parts.enabled)
            return EMPTY;
        const { storage } = this.#parts;
        const page = await storage.setPage(set, { cursor, count });
        const refs = this.#refs(page.items);
        const infos = await storage.describeEntries(refs.map(([, ref]) => ref), 0);
        const items = [];
        refs.forEach(([key, ref], i) => {
            const info = infos[i];
            if (info?.exists === true)
                items.push({ key, fullKey: ref.fullKey, bytes: info.bytes, ttlMs: info.ttlMs });
        });
        items.sort((a, b) => (a.key < b.key ? -1 : 1));
        return { cursor: page.cursor, items };
    }
    /** Counts a set's members whose entry exists, up to `limit`, in bounded steps. */
    async #countLive(set, limit) {
        if (!this.#parts.enabled)
            return { live: 0, exact: true };
        const { storage } = this.#parts;
        let live = 0;
        let cursor = '0';
        do {
            const page = await storage.setPage(set, { cursor, count: Math.min(COUNT_STEP, limit) });
            const infos = await storage.describeEntries(this.#refs(page.items).map(([, ref]) => ref), 0);
            live += infos.filter((info) => info.exists).length;
            cursor = page.cursor;
            if (live >= limit && cursor !== '0')
                return { live, exact: false };
        } while (cursor !== '0');
        return { live, exact: true };
    }
    /** Set members (full keys) as [user key, entry]; members that are not entries of this prefix are skipped. */
    #refs(members) {
        const out = [];
        for (const member of new Set(members)) {
            const key = this.#parts.keys.userKey(member);
            if (key === undefined)
                continue;
            try {
                out.push([key, this.#parts.keys.entry(key)]);
            }
            catch {
                // A malformed member (written by something else): not an entry, not listed.
            }
        }
        return out;
    }
    #decode(payload) {
        try {
            return { status: 'decoded', value: this.#parts.serializer.deserialize(payload) };
        }
        catch (error) {
            return { status: 'undecodable', error: error instanceof Error ? error.message : String(error) };
        }
    }
}
const MISSING = { status: 'missing' };
function listOptions(options) {
    const cursor = options.cursor ?? '0';
    if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > 200) {
        throw new CachemeError('E_INVALID_OPTION', `cursor ${quote(cursor)} → pass '0' or the cursor of the previous page.`);
    }
    return { cursor, count: integer(options.count ?? 50, 1, 1000, 'count') };
}
function integer(value, min, max, name) {
    if (!Number.isSafeInteger(value) || value < min || value > max) {
        throw new CachemeError('E_INVALID_OPTION', `'${name}' is ${quote(value)} → pass an integer from ${min} to ${max}.`);
    }
    return value;
}
//# sourceMappingURL=inspector.js.map