import { chunks, integerReply, integersReply, payloadOnly, readResult, scanNode, seqArgument, stringsReply, ttlArgument, } from './redis-shared.js';
import { NOTICE_MAX_KEYS, SET_TTL_MARGIN_MS, } from './storage.js';
/** Single-Redis implementation of the storage operations. */
export class RedisSingleOps {
    #client;
    #scripts;
    #logMaxEntries;
    constructor(client, scripts, logMaxEntries) {
        this.#client = client;
        this.#scripts = scripts;
        this.#logMaxEntries = logMaxEntries;
    }
    /** The one server. */
    async servers() {
        return [this.#client];
    }
    /**
     * HGET, plus GET seq in the same round trip when asked for: both commands are written to the socket
     * in the same tick, before either reply arrives (cheaper than a Pipeline object). A hit that needs no
     * snapshot is one command (benchmarks/PROFILE.md: the second command cost ~8 µs of client CPU).
     */
    read(entry, meta, options) {
        const client = this.#client;
        if (options === undefined)
            return client.hget(entry.hash, entry.field).then(payloadOnly);
        return Promise.all([
            client.hget(entry.hash, entry.field),
            options.seq === true ? client.get(meta.seq) : undefined,
            options.ttl === true ? client.pttl(entry.hash) : undefined,
        ]).then(([payload, seq, ttl]) => readResult(payload, seq, ttl));
    }
    /**
     * One script: guard check first, then memberships and value. Atomic, so a rejected value is never
     * visible, not even briefly.
     */
    async write(request) {
        const { entry, meta } = request;
        const reply = await this.#scripts.write.run(this.#client, [meta.log, meta.floor, entry.hash, ...request.sets], [
            seqArgument(request.seq),
            entry.field,
            request.payload,
            ttlArgument(request.ttlMs),
            entry.fullKey,
            SET_TTL_MARGIN_MS,
            ...request.guards,
        ]);
        return integerReply(reply, 'write') === 1;
    }
    /** One script: log the guards, then remove the entries of every set, then the sets. */
    async invalidate(request) {
        if (request.guards.length === 0 && request.sets.length === 0)
            return { removed: 0, seq: undefined };
        const { meta } = request;
        const reply = await this.#scripts.invalidate.run(this.#client, [meta.seq, meta.log, meta.floor, ...request.sets], [this.#logMaxEntries, meta.notices, NOTICE_MAX_KEYS, ...request.guards]);
        const [removed = 0, seq = 0] = integersReply(reply, 2, 'invalidate');
        return { removed, seq: request.guards.length === 0 ? undefined : seq };
    }
    /** One script: SMEMBERS, HEXISTS each, SREM the dead ones. */
    async liveMembers(set) {
        return stringsReply(await this.#scripts.liveMembers.run(this.#client, [set], []), 'live-members');
    }
    /** SCAN MATCH COUNT until the cursor returns to 0, one batch per call. */
    scan(options) {
        return scanNode(this.#client, options);
    }
    /** UNLINK (the memory is freed in the background), in bounded chunks. */
    async deleteKeys(keys) {
        const counts = await Promise.all(chunks(keys).map((chunk) => this.#client.unlink(...chunk)));
        return counts.reduce((sum, count) => sum + count, 0);
    }
    /** The log part of an invalidation, alone (one script on the {meta} keys). */
    async logGuards(guards, meta) {
        if (guards.length === 0)
            return 0;
        const reply = await this.#scripts.logGuards.run(this.#client, [meta.seq, meta.log, meta.floor], [this.#logMaxEntries, ...guards]);
        return integersReply(reply, 2, 'log-guards')[0];
    }
}
//# sourceMappingURL=redis-single-ops.js.map