/**
 * The Redis storage driver, on an ioredis `Redis` or `Cluster` client.
 *
 * It implements the data layout of `key.ts` and the race-guard protocol of `storage.ts` with Lua
 * scripts (`./scripts/*.lua`):
 *
 * - **Single Redis** (`name: 'redis'`): every operation is one round trip. A hit is one HGET (plus a
 *   GET of the sequence in the same round trip when core asks for a fresh snapshot). A miss write is one script that checks the guard first and then writes value, set
 *   memberships and TTLs atomically, so a rejected value is never visible. An invalidation is one script
 *   that logs the guard names and then removes the entries of every set and the sets.
 * - **Notices** (for core's in-process tier): an invalidation publishes what it removed on the prefix's
 *   notices channel, inside its script on a single Redis (only when someone subscribes), after its
 *   deletions on Cluster; `subscribe` keeps a dedicated subscriber connection (`redis-notices.ts`).
 * - **Cluster** (`name: 'redis-cluster'`): keys in different slots cannot share a script, so operations
 *   are split into per-slot steps in an order that keeps the guard sound (pending marker *before* check,
 *   log *before* delete), see `redis-cluster-ops.ts`: a hit is still ≈ one round trip of latency, a miss's
 *   write three.
 *
 * The invalidation sequence starts at the server clock in microseconds (not at 1) and the floor is
 * raised to it whenever the meta keys are found missing. A FLUSHALL, an eviction or a manual DEL of the
 * meta keys therefore never makes a snapshot taken before it look fresh: such writes are rejected (and
 * simply not cached that time).
 *
 * The storage does not own the client: it never connects, quits or reconfigures it, and adds no commands
 * to it (scripts run through EVALSHA, falling back to EVAL once per server on NOSCRIPT).
 *
 * Known limits:
 * - Needs Redis ≥ 7.0 (PEXPIRE GT/LT, ZMSCORE). `check()` verifies it once per storage (every master on
 *   Cluster, see `redis-version.ts`); core runs it before the first operation and refuses older servers
 *   with `E_STORAGE_UNSUPPORTED`.
 * - Clients with ioredis' `keyPrefix` option are refused: set members hold full keys that the scripts use
 *   verbatim, which a client-side prefix would not apply to. Use cacheme's own prefix instead.
 * - If *all* meta keys are lost and the server clock then stands behind the lost sequence (a replica with a
 *   skewed clock promoted after a FLUSH, a clock stepped backwards), snapshots taken before the loss can
 *   look fresh to the restarted sequence. Sequences start at the clock precisely to make this need both.
 * - The meta keys (sequence, log, floor) must not expire. Under an `allkeys-*` eviction policy Redis may
 *   still evict them: that is detected and costs rejected writes (cache misses), never stale data, except
 *   if only some log entries vanish from a log that still exists (Redis evicts whole keys, so it does not
 *   happen in practice).
 * - Typed for ioredis' default ("legacy") reply mapping. The commands used reply identically under
 *   `replyMapping: 'resp3'`, so such a client may be passed with a cast.
 */
import type { Cluster, Redis } from 'ioredis'
import { CachemeError, quote } from '../errors.js'
import type {
  DrainResult,
  EntryInfo,
  FieldInfo,
  KeyInfo,
  Page,
  PageOptions,
  ScanPageOptions,
} from './introspection.js'
import { type LuaScript, redisScripts } from './lua-script.js'
import { encodeNotice } from './notice-format.js'
import { RedisClusterOps } from './redis-cluster-ops.js'
import { RedisIntrospection } from './redis-introspection.js'
import { clusterConnect, RedisNoticeSubscription, singleConnect } from './redis-notices.js'
import { parseSeq, type RedisOps } from './redis-shared.js'
import { RedisSingleOps } from './redis-single-ops.js'
import { assertSupportedServer, isReplyError } from './redis-version.js'
import type {
  CacheStorage,
  EntryRef,
  InvalidateRequest,
  InvalidateResult,
  InvalidationNotice,
  MetaKeys,
  NoticeListener,
  NoticeSubscription,
  ReadOptions,
  ReadResult,
  ScanOptions,
  WriteRequest,
} from './storage.js'
import { checkedLogMaxEntries } from './storage-checks.js'

/** Options of {@link RedisStorage}. */
export interface RedisStorageOptions {
  /**
   * How many guard names the invalidation log keeps (default 10000). Older names are trimmed and the
   * floor is raised past them, so a miss that started before the trimmed invalidations is rejected. Raise
   * it when invalidations are so frequent that slow misses get rejected; each name costs a few dozen
   * bytes.
   */
  readonly logMaxEntries?: number
}

/**
 * The client RedisStorage accepts: an ioredis `Redis` or `Cluster`. The type names only a few members
 * that identify one — not everything cacheme calls (it also uses `get`, `set`, `eval`, `scan`, `unlink`,
 * `smembers`, `sadd`, `info`, Cluster's `nodes`, ...) — so that the published declarations do not need
 * ioredis and MemoryStorage-only applications type-check without it. At run time it must be an ioredis
 * client (v5.4 or v6); anything that lacks those methods is refused with `E_INVALID_OPTION`.
 */
export interface RedisClient {
  readonly isCluster: boolean
  readonly options: object
  hget(key: string, field: string): Promise<string | null>
  evalsha(sha: string, numkeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown>
}

/** A storage on Redis through ioredis. See the module doc for guarantees and limits. */
export class RedisStorage implements CacheStorage {
  /** `'redis'` on a single server, `'redis-cluster'` on Cluster. */
  readonly name: 'redis' | 'redis-cluster'
  readonly #ops: RedisOps
  readonly #client: Redis | Cluster
  readonly #releaseLock: LuaScript
  readonly #introspection: RedisIntrospection
  #check: Promise<void> | undefined

  /**
   * @param client an ioredis `Redis` or `Cluster`, connected or lazily connecting. It stays the caller's:
   *   the storage never quits it.
   * @throws CachemeError `E_INVALID_OPTION` for a client with `keyPrefix` or an invalid `logMaxEntries`.
   */
  constructor(redis: RedisClient, options: RedisStorageOptions = {}) {
    if (!isIoredisLike(redis)) {
      throw new CachemeError(
        'E_INVALID_OPTION',
        `RedisStorage needs an ioredis client, got ${quote(redis)} → pass new Redis(url) or new Cluster(nodes) from 'ioredis'.`,
      )
    }
    // The structural type keeps ioredis out of the published declarations; at run time it is one.
    const client = redis as unknown as Redis | Cluster
    const logMaxEntries = checkedLogMaxEntries(options.logMaxEntries)
    const keyPrefix = clientKeyPrefix(client)
    if (keyPrefix !== undefined && keyPrefix !== '') {
      throw new CachemeError(
        'E_INVALID_OPTION',
        `the ioredis client has keyPrefix ${quote(keyPrefix)} → create the client without keyPrefix and pass the prefix to cacheme instead (set members hold full keys that a client-side prefix would not apply to).`,
      )
    }
    const scripts = redisScripts()
    this.#client = client
    this.#releaseLock = scripts.releaseLock
    if (isCluster(client)) {
      this.name = 'redis-cluster'
      this.#ops = new RedisClusterOps(client, scripts, logMaxEntries)
    } else {
      this.name = 'redis'
      this.#ops = new RedisSingleOps(client, scripts, logMaxEntries)
    }
    this.#introspection = new RedisIntrospection(client, scripts, () => this.#ops.servers())
  }

  /**
   * @inheritDoc Redis ≥ 7.0, checked with `INFO server` on the server or every Cluster master, once per
   * storage (shared by every instance using it). A server that refuses `INFO` is assumed supported.
   * @throws CachemeError `E_STORAGE_UNSUPPORTED` for an older server (remembered); connection errors
   *   are not remembered, so the next call checks again.
   */
  check(): Promise<void> {
    this.#check ??= this.#checkServers().catch((error: unknown) => {
      if (!CachemeError.is(error, 'E_STORAGE_UNSUPPORTED')) this.#check = undefined
      throw error
    })
    return this.#check
  }

  async #checkServers(): Promise<void> {
    const servers = await this.#ops.servers()
    await Promise.all(
      servers.map(async (server) => {
        let info: string
        try {
          info = await server.info('server')
        } catch (error) {
          if (isReplyError(error)) return // INFO refused (ACL, renamed command): cannot check, assume fine
          throw error
        }
        assertSupportedServer(info, `${server.options.host ?? '?'}:${server.options.port ?? '?'}`)
      }),
    )
  }

  /** @inheritDoc */
  read(entry: EntryRef, meta: MetaKeys, options?: ReadOptions): Promise<ReadResult> {
    return this.#ops.read(entry, meta, options)
  }

  /** @inheritDoc */
  write(request: WriteRequest): Promise<boolean> {
    return this.#ops.write(request)
  }

  /** @inheritDoc */
  invalidate(request: InvalidateRequest): Promise<InvalidateResult> {
    return this.#ops.invalidate(request)
  }

  /** @inheritDoc */
  liveMembers(set: string): Promise<string[]> {
    return this.#ops.liveMembers(set)
  }

  /** @inheritDoc */
  scan(options: ScanOptions): AsyncIterable<string[]> {
    return this.#ops.scan(options)
  }

  /** @inheritDoc */
  deleteKeys(keys: readonly string[]): Promise<number> {
    return this.#ops.deleteKeys(keys)
  }

  /** @inheritDoc */
  logGuards(guards: readonly string[], meta: MetaKeys): Promise<number> {
    return this.#ops.logGuards(guards, meta)
  }

  /**
   * @inheritDoc A dedicated connection (a duplicate of the client, or on Cluster of its connection to a
   * random node), opened now, reconnected and resubscribed by cacheme itself (`redis-notices.ts`).
   */
  subscribe(meta: MetaKeys, listener: NoticeListener): NoticeSubscription {
    const client = this.#client
    const connect = isCluster(client) ? clusterConnect(client) : singleConnect(client)
    return new RedisNoticeSubscription(connect, meta.notices, listener)
  }

  /** @inheritDoc PUBLISH (on Cluster forwarded to every node). */
  async publish(meta: MetaKeys, notice: InvalidationNotice): Promise<void> {
    await this.#client.publish(meta.notices, encodeNotice(notice))
  }

  /** @inheritDoc */
  async readSequence(meta: MetaKeys): Promise<number> {
    return parseSeq(await this.#client.get(meta.seq))
  }

  /** @inheritDoc Single-key commands: the same on a single Redis and on Cluster. */
  async acquireLock(key: string, token: string, ttlMs: number): Promise<boolean> {
    return (await this.#client.set(key, token, 'PX', ttlMs, 'NX')) === 'OK'
  }

  /** @inheritDoc */
  async releaseLock(key: string, token: string): Promise<void> {
    await this.#releaseLock.run(this.#client, [key], [token])
  }

  // Introspection and records: see `redis-introspection.ts` for how each works on Cluster.

  /** @inheritDoc */
  scanPage(options: ScanPageOptions): Promise<Page<string>> {
    return this.#introspection.scanPage(options)
  }

  /** @inheritDoc */
  setPage(set: string, options: PageOptions): Promise<Page<string>> {
    return this.#introspection.setPage(set, options)
  }

  /** @inheritDoc */
  hashPage(hash: string, options: PageOptions): Promise<Page<FieldInfo>> {
    return this.#introspection.hashPage(hash, options)
  }

  /** @inheritDoc */
  describeKeys(keys: readonly string[]): Promise<KeyInfo[]> {
    return this.#introspection.describeKeys(keys)
  }

  /** @inheritDoc */
  describeEntries(entries: readonly EntryRef[], peekBytes: number): Promise<EntryInfo[]> {
    return this.#introspection.describeEntries(entries, peekBytes)
  }

  /** @inheritDoc */
  isMember(sets: readonly string[], member: string): Promise<boolean[]> {
    return this.#introspection.isMember(sets, member)
  }

  /** @inheritDoc */
  drainSet(set: string, count: number): Promise<DrainResult> {
    return this.#introspection.drainSet(set, count)
  }

  /** @inheritDoc */
  pushList(key: string, value: string, maxLength: number): Promise<void> {
    return this.#introspection.pushList(key, value, maxLength)
  }

  /** @inheritDoc */
  listRange(key: string, offset: number, count: number): Promise<string[]> {
    return this.#introspection.listRange(key, offset, count)
  }

  /** @inheritDoc */
  addCounters(key: string, increments: Readonly<Record<string, number>>, ttlMs: number): Promise<void> {
    return this.#introspection.addCounters(key, increments, ttlMs)
  }

  /** @inheritDoc */
  readCounters(keys: readonly string[]): Promise<Record<string, number>[]> {
    return this.#introspection.readCounters(keys)
  }
}

/** `isCluster` is a plain boolean on both classes, so TypeScript needs this guard to narrow. */
function isCluster(client: Redis | Cluster): client is Cluster {
  return client.isCluster === true
}

/** The client-side key prefix, wherever ioredis keeps it (Cluster: top level or `redisOptions`). */
function clientKeyPrefix(client: Redis | Cluster): string | undefined {
  if (isCluster(client)) return client.options.keyPrefix ?? client.options.redisOptions?.keyPrefix
  return client.options.keyPrefix
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
]

function isIoredisLike(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return REQUIRED_METHODS.every((name) => typeof record[name] === 'function')
}
