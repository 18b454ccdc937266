import { CachemeError, quote } from '../errors.js';
import { redisScripts } from './lua-script.js';
import { encodeNotice } from './notice-format.js';
import { RedisClusterOps } from './redis-cluster-ops.js';
import { RedisIntrospection } from './redis-introspection.js';
import { clusterConnect, RedisNoticeSubscription, singleConnect } from './redis-notices.js';
import { parseSeq } from './redis-shared.js';
import { RedisSingleOps } from './redis-single-ops.js';
import { assertSupportedServer, isReplyError } from './redis-version.js';
import { checkedLogMaxEntries } from './storage-checks.js';
/** A storage on Redis through ioredis. See the module doc for guarantees and limits. */
export class RedisStorage {
    /** `'redis'` on a single server, `'redis-cluster'` on Cluster. */
    name;
    #ops;
    #client;
    #releaseLock;
    #introspection;
    #check;
    /**
     * @param client an ioredis `Redis` or `Cluster`, connected or lazily connecting. It stays the caller's:
     *   the storage never quits it.
     * @throws CachemeError `E_INVALID_OPTION` for a client with `keyPrefix` or an invalid `logMaxEntries`.
     */
    constructor(redis, options = {}) {
        if (!isIoredisLike(redis)) {
            throw new CachemeError('E_INVALID_OPTION', `RedisStorage needs an ioredis client, got ${quote(redis)} → pass new Redis(url) or new Cluster(nodes) from 'ioredis'.`);
        }
        // The structural type keeps ioredis out of the published declarations; at run time it is one.
        const client = redis;
        const logMaxEntries = checkedLogMaxEntries(options.logMaxEntries);
        const keyPrefix = clientKeyPrefix(client);
        if (keyPrefix !== undefined && keyPrefix !== '') {
            throw new CachemeError('E_INVALID_OPTION', `the ioredis client has keyPrefix ${quote(keyPrefix)} → create the client without keyPrefix and pass the prefix to cacheme instead (set members hold full keys that a client-side prefix would not apply to).`);
        }
        const scripts = redisScripts();
        this.#client = client;
        this.#releaseLock = scripts.releaseLock;
        if (isCluster(client)) {
            this.name = 'redis-cluster';
            this.#ops = new RedisClusterOps(client, scripts, logMaxEntries);
        }
        else {
            this.name = 'redis';
            this.#ops = new RedisSingleOps(client, scripts, logMaxEntries);
        }
        this.#introspection = new RedisIntrospection(client, scripts, () => this.#ops.servers());
    }
    /**
     * @inheritDoc Redis ≥ 7.0, checked with `INFO server` on the server or every Cluster master, once per
     * storage (shared by every instance using it). A server that refuses `INFO` is assumed supported.
     * @throws CachemeError `E_STORAGE_UNSUPPORTED` for an older server (remembered); connection errors
     *   are not remembered, so the next call checks again.
     */
    check() {
        this.#check ??= this.#checkServers().catch((error) => {
            if (!CachemeError.is(error, 'E_STORAGE_UNSUPPORTED'))
                this.#check = undefined;
            throw error;
        });
        return this.#check;
    }
    async #checkServers() {
        const servers = await this.#ops.servers();
        await Promise.all(servers.map(async (server) => {
            let info;
            try {
                info = await server.info('server');
            }
            catch (error) {
                if (isReplyError(error))
                    return; // INFO refused (ACL, renamed command): cannot check, assume fine
                throw error;
            }
            assertSupportedServer(info, `${server.options.host ?? '?'}:${server.options.port ?? '?'}`);
        }));
    }
    /** @inheritDoc */
    read(entry, meta, options) {
        return this.#ops.read(entry, meta, options);
    }
    /** @inheritDoc */
    write(request) {
        return this.#ops.write(request);
    }
    /** @inheritDoc */
    invalidate(request) {
        return this.#ops.invalidate(request);
    }
    /** @inheritDoc */
    liveMembers(set) {
        return this.#ops.liveMembers(set);
    }
    /** @inheritDoc */
    scan(options) {
        return this.#ops.scan(options);
    }
    /** @inheritDoc */
    deleteKeys(keys) {
        return this.#ops.deleteKeys(keys);
    }
    /** @inheritDoc */
    logGuards(guards, meta) {
        return this.#ops.logGuards(guards, meta);
    }
    /**
     * @inheritDoc A dedicated connection (a duplicate of the client, or on Cluster of its connection to a
     * random node), opened now, reconnected and resubscribed by cacheme itself (`redis-notices.ts`).
     */
    subscribe(meta, listener) {
        const client = this.#client;
        const connect = isCluster(client) ? clusterConnect(client) : singleConnect(client);
        return new RedisNoticeSubscription(connect, meta.notices, listener);
    }
    /** @inheritDoc PUBLISH (on Cluster forwarded to every node). */
    async publish(meta, notice) {
        await this.#client.publish(meta.notices, encodeNotice(notice));
    }
    /** @inheritDoc */
    async readSequence(meta) {
        return parseSeq(await this.#client.get(meta.seq));
    }
    /** @inheritDoc Single-key commands: the same on a single Redis and on Cluster. */
    async acquireLock(key, token, ttlMs) {
        return (await this.#client.set(key, token, 'PX', ttlMs, 'NX')) === 'OK';
    }
    /** @inheritDoc */
    async releaseLock(key, token) {
        await this.#releaseLock.run(this.#client, [key], [token]);
    }
    // Introspection and records: see `redis-introspection.ts` for how each works on Cluster.
    /** @inheritDoc */
    scanPage(options) {
        return this.#introspection.scanPage(options);
    }
    /** @inheritDoc */
    setPage(set, options) {
        return this.#introspection.setPage(set, options);
    }
    /** @inheritDoc */
    hashPage(hash, options) {
        return this.#introspection.hashPage(hash, options);
    }
    /** @inheritDoc */
    describeKeys(keys) {
        return this.#introspection.describeKeys(keys);
    }
    /** @inheritDoc */
    describeEntries(entries, peekBytes) {
        return this.#introspection.describeEntries(entries, peekBytes);
    }
    /** @inheritDoc */
    isMember(sets, member) {
        return this.#introspection.isMember(sets, member);
    }
    /** @inheritDoc */
    drainSet(set, count) {
        return this.#introspection.drainSet(set, count);
    }
    /** @inheritDoc */
    pushList(key, value, maxLength) {
        return this.#introspection.pushList(key, value, maxLength);
    }
    /** @inheritDoc */
    listRange(key, offset, count) {
        return this.#introspection.listRange(key, offset, count);
    }
    /** @inheritDoc */
    addCounters(key, increments, ttlMs) {
        return this.#introspection.addCounters(key, increments, ttlMs);
    }
    /** @inheritDoc */
    readCounters(keys) {
        return this.#introspection.readCounters(keys);
    }
}
/** `isCluster` is a plain boolean on both classes, so TypeScript needs this guard to narrow. */
function isCluster(client) {
    return client.isCluster === true;
}
/** The client-side key prefix, wherever ioredis keeps it (Cluster: top level or `redisOptions`). */
function clientKeyPrefix(client) {
    if (isCluster(client))
        return client.options.keyPrefix ?? client.options.redisOptions?.keyPrefix;
    return client.options.keyPrefix;
}
/** The methods cacheme calls on every client (Cluster adds `nodes`, checked where it is used). */
const REQUIRED_METHODS = [
    'hget',
    'pttl',
    'publish',
    'duplicate',
    'get',
    'set',
    'evalsha',
    'eval',
    'unlink',
    'smembers',
    'sadd',
    'scan',
    'info',
];
function isIoredisLike(value) {
    if (typeof value !== 'object' || value === null)
        return false;
    const record = value;
    return REQUIRED_METHODS.every((name) => typeof record[name] === 'function');
}
//# sourceMappingURL=redis-storage.js.map