import { parseMemberKey } from '../key-grammar.js';
import { encodeNotice } from './notice-format.js';
import { isPending, pendingMarker } from './pending-marker.js';
import { chunks, integerReply, integersReply, payloadOnly, readResult, scanNode, seqArgument, stringsReply, ttlArgument, } from './redis-shared.js';
import { NOTICE_MAX_KEYS, SET_TTL_MARGIN_MS, } from './storage.js';
/** Cluster implementation of the storage operations. */
export class RedisClusterOps {
    #client;
    #scripts;
    #logMaxEntries;
    constructor(client, scripts, logMaxEntries) {
        this.#client = client;
        this.#scripts = scripts;
        this.#logMaxEntries = logMaxEntries;
    }
    /**
     * HGET, plus GET seq in parallel when asked for (different slots: latency ≈ one round trip). A pending
     * marker is a write whose race-guard check has not passed yet: a miss.
     */
    read(entry, meta, options) {
        const client = this.#client;
        const payload = client.hget(entry.hash, entry.field);
        if (options === undefined)
            return payload.then((value) => payloadOnly(unlessPending(value)));
        return Promise.all([
            payload,
            options.seq === true ? client.get(meta.seq) : undefined,
            options.ttl === true ? client.pttl(entry.hash) : undefined,
        ]).then(([value, seq, ttl]) => readResult(unlessPending(value), seq, ttl));
    }
    /** Write per slot, then check the guard, then compare-and-delete if stale (see module doc). */
    async write(request) {
        const { entry, meta, payload } = request;
        // Arguments are validated before anything is written.
        const ttl = ttlArgument(request.ttlMs);
        const snapshot = seqArgument(request.seq);
        const scripts = this.#scripts;
        // The value is first stored as a pending marker that reads treat as a miss: on Cluster the guard check
        // cannot be atomic with the write, and an unchecked value must never be served — not even in the
        // instant before a stale one would be removed again.
        const pending = pendingMarker();
        const removeOurs = () => scripts.deleteIfEqual.run(this.#client, [entry.hash], [entry.field, pending]);
        const steps = await Promise.allSettled([
            scripts.writeEntry.run(this.#client, [entry.hash], [entry.field, pending, ttl]),
            ...request.sets.map((set) => scripts.addToSet.run(this.#client, [set], [entry.fullKey, ttl, SET_TTL_MARGIN_MS])),
        ]);
        const failed = steps.find((step) => step.status === 'rejected');
        let stale;
        try {
            // A value with a missing membership could never be invalidated through that set: remove it.
            if (failed !== undefined)
                throw failed.reason;
            const reply = await scripts.checkGuards.run(this.#client, [meta.log, meta.floor], [snapshot, ...request.guards]);
            stale = integerReply(reply, 'check-guards');
        }
        catch (error) {
            await removeOurs().catch(() => undefined); // best effort; the original error is what matters
            throw error;
        }
        if (stale !== 0) {
            await removeOurs();
            return false;
        }
        // Checked: publish the value, unless an invalidation removed the marker meanwhile (it saw our
        // membership, which was written before the check).
        const confirmed = await scripts.confirmEntry.run(this.#client, [entry.hash], [entry.field, pending, payload]);
        return integerReply(confirmed, 'confirm-entry') === 1;
    }
    /** Log (awaited), then pop every set atomically, then delete the fields grouped by hash. */
    async invalidate(request) {
        const { meta } = request;
        // The log entry must be complete before anything is deleted: it is what rejects the writes that
        // the deletion below cannot see yet.
        const logged = request.guards.length > 0 ? await this.#log(request.guards, meta) : undefined;
        const seq = logged?.seq;
        const popped = await Promise.allSettled(request.sets.map((set) => this.#scripts.popSet.run(this.#client, [set], [])));
        const taken = new Map();
        popped.forEach((result, i) => {
            const set = request.sets[i];
            if (result.status === 'fulfilled' && set !== undefined) {
                taken.set(set, stringsReply(result.value, 'pop-set'));
            }
        });
        try {
            const failed = popped.find((result) => result.status === 'rejected');
            if (failed !== undefined)
                throw failed.reason;
            const byHash = byEntryHash([...taken.values()].flat());
            const counts = await Promise.all([...byHash].flatMap(([hash, refs]) => chunks([...new Set(refs.map((ref) => ref.field))]).map((chunk) => this.#scripts.deleteFields.run(this.#client, [hash], chunk))));
            const removed = counts.reduce((sum, count) => sum + integerReply(count, 'delete-fields'), 0);
            // After every deletion: a process that reads an entry after receiving the notice finds it gone.
            await this.publish(meta, noticeOf(seq, logged?.restarted === true, [...taken.values()]));
            return { removed, seq };
        }
        catch (error) {
            // Put the members back so that a retried invalidation still finds the entries it must remove.
            await this.#restore(taken).catch(() => undefined);
            throw error;
        }
    }
    /** SMEMBERS, existence per hash in parallel, SREM the dead (then re-check them, see module doc). */
    async liveMembers(set) {
        const members = await this.#client.smembers(set);
        const alive = await this.#exist(members);
        return members.filter((member) => alive.has(member));
    }
    /**
     * PUBLISH (regular pub/sub, which Cluster forwards to every node, so a subscriber on any node receives
     * it; see `redis-notices.ts` for why not sharded pub/sub).
     */
    async publish(meta, notice) {
        await this.#client.publish(meta.notices, encodeNotice(notice));
    }
    /** Every master (the client's current view of the Cluster). */
    async servers() {
        let masters = this.#client.nodes('master');
        if (masters.length === 0) {
            // A lazily connecting Cluster knows no nodes before its first command.
            await this.#client.ping();
            masters = this.#client.nodes('master');
        }
        return masters;
    }
    /** SCAN on every master in turn. */
    async *scan(options) {
        for (const node of await this.servers())
            yield* scanNode(node, options);
    }
    /**
     * UNLINK per key, in parallel (ioredis routes each to its slot). Grouping by slot would need
     * `cluster-key-slot`, which is ioredis' dependency but not ours.
     */
    async deleteKeys(keys) {
        const counts = await Promise.all(keys.map((key) => this.#client.unlink(key)));
        return counts.reduce((sum, count) => sum + count, 0);
    }
    /** The log part of an invalidation, alone (one script on the {meta} keys). */
    async logGuards(guards, meta) {
        if (guards.length === 0)
            return 0;
        return (await this.#log(guards, meta)).seq;
    }
    /** The log script on the {meta} slot: the sequence, and whether it was restarted first. */
    async #log(guards, meta) {
        const reply = await this.#scripts.logGuards.run(this.#client, [meta.seq, meta.log, meta.floor], [this.#logMaxEntries, ...guards]);
        const [seq = 0, restarted = 0] = integersReply(reply, 2, 'log-guards');
        return { seq, restarted: restarted === 1 };
    }
    /** The members whose entry exists: one script per hash, in parallel. */
    async #exist(members) {
        const alive = new Set();
        await Promise.all([...byEntryHash(members)].map(async ([hash, list]) => {
            const flags = await this.#scripts.fieldsExist.run(this.#client, [hash], list.map((ref) => ref.field));
            if (!Array.isArray(flags))
                throw new Error('cacheme: script fields-exist returned a non-array');
            list.forEach((ref, i) => {
                if (flags[i] === 1)
                    alive.add(ref.member);
            });
        }));
        return alive;
    }
    /** Re-adds popped members (persistent sets: their former TTL is unknown, and persistent is safe). */
    async #restore(taken) {
        await Promise.all([...taken].flatMap(([set, members]) => chunks(members).map((chunk) => this.#client.sadd(set, ...chunk))));
    }
}
/** The notice of an invalidation: the well-formed members of every set it popped (or "anything"). */
function noticeOf(seq, restarted, popped) {
    const keys = [];
    for (const members of popped) {
        for (const member of members) {
            if (parseMemberKey(member) === undefined)
                continue;
            if (keys.length === NOTICE_MAX_KEYS)
                return { seq, keys: undefined, restarted };
            keys.push(member);
        }
    }
    return { seq, keys, restarted };
}
/** `null` for a pending marker (see `pending-marker.ts`), else the stored field. */
function unlessPending(value) {
    return value === null || isPending(value) ? null : value;
}
/** Well-formed members grouped by the hash of their entry (malformed ones are left out). */
function byEntryHash(members) {
    const groups = new Map();
    for (const member of members) {
        const ref = parseMemberKey(member);
        if (ref === undefined)
            continue;
        const group = groups.get(ref.hash) ?? [];
        if (group.length === 0)
            groups.set(ref.hash, group);
        group.push({ member, field: ref.field });
    }
    return groups;
}
//# sourceMappingURL=redis-cluster-ops.js.map