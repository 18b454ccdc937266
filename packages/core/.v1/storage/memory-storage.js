/**
 * The embedded default storage: the same data model and the same guarantees as {@link RedisStorage} on a
 * single Redis, kept in one process's memory. It lets a decorated function work before any Redis is
 * configured and gives tests a storage with identical semantics (the same conformance suite runs on both).
 *
 * It models the Redis keyspace literally (hashes, sets, the meta string and sorted-set keys, each with an
 * optional expiry), so `scan` and `deleteKeys` see exactly the keys Redis would hold. Every method runs
 * synchronously to completion inside its promise, which makes each operation atomic, like a Lua script.
 *
 * Expiry is lazy, as in Redis (see `memory-keyspace.ts`): no timer keeps the process alive.
 *
 * Known limits:
 * - Per process: nothing is shared between processes or survives a restart.
 * - Memory is bounded: at most `maxEntries` values (least recently used evicted first), and sets drop
 *   members whose values are gone whenever they double in size, so they stay proportional to live values.
 * - Glob matching works on UTF-16 code units, Redis on bytes (see `redis-glob.ts`).
 */
import { CachemeError, quote } from '../errors.js';
import { parseMemberKey } from '../key-grammar.js';
import { LruIndex } from './lru-index.js';
import { MemoryGuardLog } from './memory-guard-log.js';
import { MemoryIntrospection } from './memory-introspection.js';
import { MemoryKeyspace } from './memory-keyspace.js';
import { MemoryNotices } from './memory-notices.js';
import { redisGlobToRegExp } from './redis-glob.js';
import { NOTICE_MAX_KEYS, SET_TTL_MARGIN_MS, } from './storage.js';
import { checkedLogMaxEntries, checkedSeq, checkedTtl } from './storage-checks.js';
/** An in-process storage with the semantics of `RedisStorage` on a single Redis. */
export class MemoryStorage {
    /** Always `'memory'`. */
    name = 'memory';
    #space = new MemoryKeyspace();
    /** Every live value's entry in least-recently-used order (the `maxEntries` bound). */
    #recent;
    /** Set size after its last pruning, per set (see `#addMember`). */
    #prunedAt = new WeakMap();
    /** The race-guard log (sequence, log and floor of every prefix). */
    #guards;
    /** Introspection and records (`memory-introspection.ts`). */
    #inspect = new MemoryIntrospection(this.#space, (member) => this.#removeEntry(member));
    /** Invalidation notices to the instances sharing this storage. */
    #notices = new MemoryNotices();
    /** @throws CachemeError `E_INVALID_OPTION` for an invalid `logMaxEntries`. */
    constructor(options = {}) {
        this.#guards = new MemoryGuardLog(this.#space, checkedLogMaxEntries(options.logMaxEntries));
        const max = options.maxEntries ?? 100_000;
        if (!(max >= 1)) {
            throw new CachemeError('E_INVALID_OPTION', `maxEntries is ${quote(max)} → pass a positive number, or Infinity for no bound.`);
        }
        this.#recent = new LruIndex(max);
    }
    /** @inheritDoc The sequence costs nothing here: it is always returned. */
    async read(entry, meta, options) {
        const hash = this.#space.typed(entry.hash, 'hash');
        const payload = hash?.fields.get(entry.field);
        if (payload !== undefined)
            this.#recent.touch(entry);
        const seq = this.#space.number(meta.seq);
        if (options?.ttl !== true)
            return { payload, seq };
        const slot = this.#space.slot(entry.hash);
        const ttlMs = slot === undefined ? -2 : slot.expiresAt === undefined ? -1 : slot.expiresAt - Date.now();
        return { payload, seq, ttlMs };
    }
    /** @inheritDoc */
    async write(request) {
        const { entry, meta } = request;
        const now = Date.now();
        this.#space.sweepSome(now);
        const ttl = checkedTtl(request.ttlMs);
        if (this.#guards.isStale(meta, checkedSeq(request.seq), request.guards))
            return false;
        // Type checks before any change, so that a failing write leaves nothing behind.
        for (const set of request.sets)
            this.#space.typed(set, 'set');
        this.#space.typed(entry.hash, 'hash');
        const expiresAt = ttl === undefined ? undefined : now + ttl;
        const setExpiresAt = expiresAt === undefined ? undefined : expiresAt + SET_TTL_MARGIN_MS;
        for (const key of request.sets) {
            const slot = this.#space.slot(key);
            if (slot === undefined) {
                this.#space.set(key, {
                    value: { type: 'set', members: new Set([entry.fullKey]) },
                    expiresAt: setExpiresAt,
                });
                continue;
            }
            if (slot.value.type === 'set')
                this.#addMember(slot.value.members, entry.fullKey);
            // Keep the set at least as long as its longest-lived member: persistent when a member is, else
            // only ever extended (a persistent set stays persistent).
            if (setExpiresAt === undefined)
                slot.expiresAt = undefined;
            else if (slot.expiresAt !== undefined && setExpiresAt > slot.expiresAt)
                slot.expiresAt = setExpiresAt;
        }
        const slot = this.#space.slot(entry.hash);
        if (slot === undefined) {
            this.#space.set(entry.hash, {
                value: { type: 'hash', fields: new Map([[entry.field, request.payload]]) },
                expiresAt,
            });
        }
        else if (slot.value.type === 'hash') {
            slot.value.fields.set(entry.field, request.payload);
            // The hash TTL only shrinks (PEXPIRE LT): a sibling's write never extends another field's life.
            if (expiresAt !== undefined && (slot.expiresAt === undefined || expiresAt < slot.expiresAt)) {
                slot.expiresAt = expiresAt;
            }
        }
        this.#recent.touch(entry);
        this.#evict();
        return true;
    }
    /** @inheritDoc */
    async invalidate(request) {
        const { seq, restarted } = this.#guards.log(request.guards, request.meta);
        let removed = 0;
        const touched = [];
        for (const key of request.sets) {
            const set = this.#space.typed(key, 'set');
            if (set === undefined)
                continue;
            for (const member of set.members) {
                // A member that names no entry is not listed (as the Redis script does); one naming a key of
                // another type is listed but removes nothing.
                if (parseMemberKey(member) !== undefined)
                    touched.push(member);
                if (this.#removeEntry(member))
                    removed++;
            }
            this.#space.delete(key);
        }
        const logged = request.guards.length === 0 ? undefined : seq;
        if (logged !== undefined || request.sets.length > 0) {
            this.#notices.publish(request.meta.notices, {
                seq: logged,
                keys: touched.length > NOTICE_MAX_KEYS ? undefined : touched,
                ...(restarted ? { restarted } : {}),
            });
        }
        return { removed, seq: logged };
    }
    /** @inheritDoc */
    async liveMembers(key) {
        const set = this.#space.typed(key, 'set');
        if (set === undefined)
            return [];
        const live = [];
        for (const member of set.members) {
            if (this.#isLive(member))
                live.push(member);
            else
                set.members.delete(member);
        }
        if (set.members.size === 0)
            this.#space.delete(key);
        return live;
    }
    /** @inheritDoc Batches hold the matches among `count` keys looked at, as SCAN COUNT does. */
    async *scan(options) {
        const matcher = redisGlobToRegExp(options.match);
        const count = Math.max(1, Math.floor(options.count));
        // A snapshot of the key names: keys added during the scan may or may not be seen (as with SCAN).
        const keys = this.#space.keys();
        for (let i = 0; i < keys.length; i += count) {
            const batch = keys
                .slice(i, i + count)
                .filter((key) => matcher.test(key) && this.#space.slot(key) !== undefined);
            if (batch.length > 0)
                yield batch;
        }
    }
    /** @inheritDoc */
    async deleteKeys(keys) {
        let deleted = 0;
        for (const key of keys) {
            if (this.#space.slot(key) !== undefined && this.#space.delete(key))
                deleted++;
        }
        return deleted;
    }
    /**
     * Diagnostics: live keys, cached values (hash fields) and set members (including members whose value
     * is gone and not pruned yet). O(keys): for monitoring, not for hot paths.
     */
    stats() {
        const now = Date.now();
        const stats = { keys: 0, values: 0, setMembers: 0 };
        for (const key of this.#space.keys()) {
            const value = this.#space.slot(key, now)?.value;
            if (value === undefined)
                continue;
            stats.keys += 1;
            if (value.type === 'hash')
                stats.values += value.fields.size;
            if (value.type === 'set')
                stats.setMembers += value.members.size;
        }
        return stats;
    }
    /** @inheritDoc */
    async logGuards(guards, meta) {
        return this.#guards.log(guards, meta).seq;
    }
    /**
     * @inheritDoc In process: the listeners of this storage (instances sharing it), called synchronously
     * when an invalidation has removed its entries.
     */
    subscribe(meta, listener) {
        return this.#notices.subscribe(meta.notices, listener);
    }
    /** @inheritDoc */
    async publish(meta, notice) {
        this.#notices.publish(meta.notices, notice);
    }
    /** @inheritDoc */
    async readSequence(meta) {
        return this.#space.number(meta.seq);
    }
    /** @inheritDoc Locks only span this process's users of this storage (it is per process anyway). */
    async acquireLock(key, token, ttlMs) {
        if (this.#space.slot(key) !== undefined)
            return false;
        this.#space.set(key, {
            value: { type: 'string', value: token },
            expiresAt: Date.now() + checkedTtl(ttlMs),
        });
        return true;
    }
    /** @inheritDoc */
    async releaseLock(key, token) {
        if (this.#space.typed(key, 'string')?.value === token)
            this.#space.delete(key);
    }
    // Introspection and records: each delegates to `memory-introspection.ts` (see `introspection.ts`).
    scanPage(options) {
        return this.#inspect.scanPage(options);
    }
    setPage(set, options) {
        return this.#inspect.setPage(set, options);
    }
    hashPage(hash, options) {
        return this.#inspect.hashPage(hash, options);
    }
    describeKeys(keys) {
        return this.#inspect.describeKeys(keys);
    }
    describeEntries(entries, peekBytes) {
        return this.#inspect.describeEntries(entries, peekBytes);
    }
    isMember(sets, member) {
        return this.#inspect.isMember(sets, member);
    }
    drainSet(set, count) {
        return this.#inspect.drainSet(set, count);
    }
    pushList(key, value, maxLength) {
        return this.#inspect.pushList(key, value, maxLength);
    }
    listRange(key, offset, count) {
        return this.#inspect.listRange(key, offset, count);
    }
    addCounters(key, increments, ttlMs) {
        return this.#inspect.addCounters(key, increments, ttlMs);
    }
    readCounters(keys) {
        return this.#inspect.readCounters(keys);
    }
    /** Removes the entry a set member names; a member naming a key of another type is ignored. */
    #removeEntry(member) {
        const ref = parseMemberKey(member);
        if (ref === undefined)
            return false;
        const slot = this.#space.slot(ref.hash);
        if (slot?.value.type !== 'hash' || !slot.value.fields.delete(ref.field))
            return false;
        this.#recent.forget(member);
        if (slot.value.fields.size === 0)
            this.#space.delete(ref.hash);
        return true;
    }
    /** Evicts least recently used values until at most `maxEntries` remain. Sets are never evicted. */
    #evict() {
        for (const ref of this.#recent.overflow()) {
            const slot = this.#space.slot(ref.hash);
            if (slot?.value.type !== 'hash')
                continue;
            slot.value.fields.delete(ref.field);
            if (slot.value.fields.size === 0)
                this.#space.delete(ref.hash);
        }
    }
    /**
     * Adds a member; when the set has doubled since it was last pruned, drops members whose values are
     * gone (evicted, expired, invalidated through another set). Amortised O(1) per add, and a set never
     * holds more than about twice its live members.
     */
    #addMember(members, member) {
        members.add(member);
        const mark = this.#prunedAt.get(members) ?? 32;
        if (members.size <= mark * 2)
            return;
        // The member being added has no value yet (sets are written first): never prune it.
        for (const existing of members)
            if (existing !== member && !this.#isLive(existing))
                members.delete(existing);
        this.#prunedAt.set(members, Math.max(32, members.size));
    }
    /** True when a set member names a value that exists. */
    #isLive(member) {
        const ref = parseMemberKey(member);
        const slot = ref === undefined ? undefined : this.#space.slot(ref.hash);
        return ref !== undefined && slot?.value.type === 'hash' && slot.value.fields.has(ref.field);
    }
}
//# sourceMappingURL=memory-storage.js.map