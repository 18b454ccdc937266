/**
 * The storage driver contract.
 *
 * A storage is deliberately thin: it knows the Redis data layout and how to execute the few composite
 * operations of the correctness protocol atomically (or in a documented safe order), and nothing else.
 * Timeouts and the circuit breaker live once above every driver, in core's storage layer
 * (`resilience/resilient-storage.ts`); retries of undelivered invalidations, logging and events above it.
 *
 * Every key a storage receives is a *full* key (the configured prefix is already applied) and has already
 * been validated by core. A storage never invents keys of its own except the meta keys it is handed in
 * {@link MetaKeys}.
 *
 * ## The race guard (why `read` returns a sequence and `write` takes `guards`)
 *
 * An invalidation first *logs* the names it concerns (`k:<invalid key>`, `m:<Model>`, `t:<tag>`, `*`)
 * under a fresh, monotonically increasing sequence number, and only then deletes the dependent entries.
 * A miss takes a snapshot of the sequence before it computes (a sequence observed in some earlier reply:
 * any value the server returned before the computation started is at most the current one), computes,
 * and then writes value + set memberships and checks the log: if any of its guard names was logged with a
 * sequence newer than its snapshot, its value may have been computed from rows that changed meanwhile,
 * so it must not stay in the cache. Because the log entry precedes the deletion, every interleaving ends
 * either with the write never landing (or being removed by its own writer) or with the invalidation's
 * deletion seeing the write's set membership and removing it. That argument needs no multi-key
 * atomicity, so it also holds on Redis Cluster.
 *
 * The log is trimmed to a bounded number of names; its `floor` is the highest sequence ever trimmed. A
 * snapshot older than the floor cannot be proven fresh and is treated as stale (the value is simply not
 * cached that time).
 */

import type {
  DrainResult,
  EntryInfo,
  FieldInfo,
  KeyInfo,
  Page,
  PageOptions,
  ScanPageOptions,
} from './introspection.js'

/**
 * How much longer than its longest-lived member a set lives (ms). The value's TTL and the set's TTL are set
 * by different commands (on Cluster on different nodes); the margin guarantees that a set never expires
 * before the value it protects, not even by a rounding millisecond. The one definition: `RedisStorage`
 * passes it to its scripts (`set-lib.lua`), `MemoryStorage` uses it directly.
 */
export const SET_TTL_MARGIN_MS = 1000

/** Where one cached value lives: field `field` of the hash `hash`. `fullKey` is prefix + user key. */
export interface EntryRef {
  /** Prefix + the user key exactly as returned by the `key` callback, e.g. `CM:Book:100>owner`. */
  readonly fullKey: string
  /** The Redis hash holding the value, e.g. `CM:Book:100`. */
  readonly hash: string
  /** The hash field, e.g. `owner`, or `base` for keys without `>`. */
  readonly field: string
}

/**
 * Most entry keys one invalidation notice lists; an invalidation that touched more publishes a notice
 * that means "anything" (receivers drop their whole in-process tier). Bounds the message size that pub/sub
 * fans out to every subscriber (and, on Cluster, over the cluster bus). The one definition: RedisStorage
 * passes it to its scripts.
 */
export const NOTICE_MAX_KEYS = 1000

/** The meta keys of one prefix. They never collide with user keys (core reserves their namespace). */
export interface MetaKeys {
  /**
   * Pub/sub channel of invalidation notices (see {@link CacheStorage.subscribe}). Not a key; it carries
   * the `{meta}` hash tag like the keys below.
   */
  readonly notices: string
  /** STRING: the invalidation sequence (INCR). Must not expire. */
  readonly seq: string
  /** ZSET: guard name -> sequence of its latest invalidation. Same cluster slot as `seq`. */
  readonly log: string
  /** STRING: highest sequence ever trimmed from the log (0 when nothing was trimmed). Same slot as `seq`. */
  readonly floor: string
}

/** Options of {@link CacheStorage.read}. */
export interface ReadOptions {
  /**
   * Also read the invalidation sequence, in the same round trip. Core asks only when it needs a fresh
   * race-guard snapshot (see `sequence-tracker.ts`): on most hits it does not, and a hit is then one
   * server command.
   */
  readonly seq?: boolean
  /**
   * Also read the remaining time to live of the entry's hash, in the same round trip (core's in-process
   * tier never keeps a value longer than the storage does).
   */
  readonly ttl?: boolean
}

/** Result of {@link CacheStorage.read}. */
export interface ReadResult {
  /** The stored payload, or `undefined` when the field does not exist. */
  readonly payload: string | undefined
  /**
   * The invalidation sequence observed in the same round trip (0 when no invalidation ever happened).
   * Present when `options.seq` was set; a storage may also return it when it costs nothing.
   */
  readonly seq?: number
  /**
   * With `options.ttl`: milliseconds the entry's hash still lives, `-1` when it has no TTL, `-2` when it
   * is gone. Absent when not asked for (or not known: core then does not keep the value in process).
   */
  readonly ttlMs?: number
}

/** Result of {@link CacheStorage.invalidate}. */
export interface InvalidateResult {
  /** Entries (hash fields) actually removed. */
  readonly removed: number
  /** The sequence the guards were logged under; `undefined` when `guards` was empty. */
  readonly seq: number | undefined
  /**
   * Names in `sets` that held another type (a foreign write under the prefix): skipped, neither read
   * nor deleted — no entry can be registered in them — and reported by core as `E_STORAGE_DATA`.
   * Absent or empty when there were none.
   */
  readonly foreign?: readonly string[]
}

/** Input of {@link CacheStorage.write}: one miss's value, its dependencies and its race-guard check. */
export interface WriteRequest {
  readonly entry: EntryRef
  /** Serialized value (opaque to the storage). */
  readonly payload: string
  /**
   * Time to live of the main hash in milliseconds, or `undefined` for none. Semantics: the hash's TTL may
   * only shrink (`PEXPIRE hash ttl LT`), so a sibling field's write never extends another field's life.
   */
  readonly ttlMs: number | undefined
  /**
   * Full keys of the SETs to add `entry.fullKey` to: every invalidation set (`P+I+':invalid'`) and the tag
   * index set. Each set's TTL is kept at least as long as its longest-lived member: with `ttlMs` a new set
   * gets `ttlMs + SET_TTL_MARGIN_MS` and an existing volatile set is extended to it (`GT`); without
   * `ttlMs` the set is made persistent. An already persistent set stays persistent.
   */
  readonly sets: readonly string[]
  /**
   * Guard names (see module doc) whose invalidation after `seq` makes this value stale. Core always
   * includes the global guard `*`, which pattern invalidations log.
   */
  readonly guards: readonly string[]
  /**
   * The race-guard snapshot: a sequence observed before the value's computation started — the `read`
   * that missed, or any earlier reply (an older snapshot is conservative: it can only reject more).
   */
  readonly seq: number
  readonly meta: MetaKeys
}

/** Input of {@link CacheStorage.invalidate}. */
export interface InvalidateRequest {
  /**
   * Guard names to log, under one new sequence number, *before* anything is deleted. Empty: nothing is
   * logged (the caller logged already, see {@link CacheStorage.logGuards}).
   */
  readonly guards: readonly string[]
  /**
   * SETs whose members are full entry keys: every member's entry is removed (`HDEL hash field`; a member
   * that is not a well-formed entry key is ignored), then the set itself is deleted.
   */
  readonly sets: readonly string[]
  readonly meta: MetaKeys
}

/**
 * What an invalidation removed, announced to every process after the removal (see
 * {@link CacheStorage.subscribe}): how in-process tiers of other processes learn what to drop.
 */
export interface InvalidationNotice {
  /** The sequence the invalidation logged its guards under; `undefined` when it logged none. */
  readonly seq: number | undefined
  /**
   * Full keys of every entry registered in the invalidated sets (removed now, or already gone);
   * `undefined` means "anything under the prefix" (a model or pattern invalidation, or more than
   * {@link NOTICE_MAX_KEYS} entries).
   */
  readonly keys: readonly string[] | undefined
  /**
   * `true` when the invalidation restarted the sequence first (the prefix's first one, or the meta keys
   * were lost): the numbers it skipped belong to no notice, which a receiver must not wait for.
   */
  readonly restarted?: boolean
}

/** Receives the notices of one prefix, and the state of the subscription. */
export interface NoticeListener {
  /**
   * The subscription is active: every notice published from now on will be delivered, in the order it
   * was published, until {@link lost} is called.
   */
  ready(): void
  /** Delivery stopped or notices may have been missed (connection lost); {@link ready} follows once resubscribed. */
  lost(error?: Error): void
  /** One notice (a message that cannot be parsed is delivered as `keys: undefined`: anything). */
  notice(notice: InvalidationNotice): void
}

/** An active subscription to the notices of one prefix. */
export interface NoticeSubscription {
  /** Unsubscribes and closes what the subscription opened. */
  close(): Promise<void>
}

/** Options of {@link CacheStorage.scan}. */
export interface ScanOptions {
  /** A Redis glob pattern, already confined to the prefix and escaped by core. */
  readonly match: string
  /** SCAN COUNT hint per call. */
  readonly count: number
}

/**
 * A storage driver. Implementations: `RedisStorage` (ioredis `Redis` or `Cluster`) and `MemoryStorage`.
 * Every method may reject (connection trouble, Redis errors); core turns rejections into fail-open
 * behaviour, so a driver must never swallow them.
 */
export interface CacheStorage {
  /** Short name for logs and events, e.g. `redis`, `redis-cluster`, `memory`. */
  readonly name: string

  /**
   * Optional: verifies that the server behind the storage supports it. Core calls it once, before the
   * storage's first operation (never on the steady-state path). Reject with `CachemeError`
   * `E_STORAGE_UNSUPPORTED` for a server that cannot work (core then reports it once, stops using the
   * storage for cached values and rejects `cm.ready()`); any other rejection counts as "unreachable"
   * and the check is tried again with the next operation. Storages without a server omit it.
   */
  check?(): Promise<void>

  /**
   * Reads one entry and, with `options.seq`, the current invalidation sequence. One round trip.
   * @returns the payload (or `undefined`) and, when asked for, the sequence snapshot for a later
   *   {@link write}.
   */
  read(entry: EntryRef, meta: MetaKeys, options?: ReadOptions): Promise<ReadResult>

  /**
   * Stores a miss's value with its set memberships and TTLs, unless the race guard says it may be stale:
   * if any of `guards` was logged with a sequence greater than `seq`, or `seq` is below the log's floor,
   * the value does not remain in the cache. (Core always includes the global guard `*` in `guards`; a
   * storage knows no guard name of its own.) One round trip on a single Redis
   * (one Lua script); on Cluster the write happens per slot first and is then checked and, if stale,
   * removed again (compare-and-delete, so a newer value written meanwhile by someone else survives).
   * @returns `true` when the value was stored and remains stored, `false` when the guard rejected it.
   */
  write(request: WriteRequest): Promise<boolean>

  /**
   * Logs `guards` under a new sequence number (trimming the log to a bounded size and raising the floor),
   * then removes every entry listed in each of `sets` and deletes the sets. A storage with notices
   * ({@link subscribe}) then publishes an {@link InvalidationNotice} of the sets' members — after the
   * removal, so that a process reading the entry after receiving the notice finds it gone.
   * @returns the number of entries (hash fields) actually removed, and the sequence logged.
   */
  invalidate(request: InvalidateRequest): Promise<InvalidateResult>

  /**
   * Members of a SET of full entry keys whose entries still exist. Members whose entry is gone (expired
   * or invalidated through another set) are removed from the set as a side effect, which keeps tag sets
   * bounded.
   */
  liveMembers(set: string): Promise<string[]>

  /** Iterates over keys matching `options.match`, in batches (SCAN; on Cluster over every master). */
  scan(options: ScanOptions): AsyncIterable<string[]>

  /** Deletes whole keys (UNLINK; grouped per slot on Cluster). @returns how many existed. */
  deleteKeys(keys: readonly string[]): Promise<number>

  /**
   * Logs guard names without deleting anything (used before a SCAN-driven invalidation so that misses
   * running concurrently with the scan are rejected by the guard).
   * @returns the sequence they were logged under (0 when `guards` is empty).
   */
  logGuards(guards: readonly string[], meta: MetaKeys): Promise<number>

  /**
   * Takes the cross-process stampede lock `key` for `ttlMs` if nobody holds it (`SET key token NX PX`).
   * @returns `true` when this caller now holds it.
   */
  acquireLock(key: string, token: string, ttlMs: number): Promise<boolean>

  /** Releases the lock `key` only if it is still held with `token` (compare-and-delete). */
  releaseLock(key: string, token: string): Promise<void>

  // Introspection and records (see `introspection.ts`). Never on the cache path; each call is bounded by
  // its arguments, so an admin page browsing a large keyspace never blocks the server for long.

  /**
   * One SCAN step: keys matching `options.match` from `options.cursor` (on Cluster the cursor also walks
   * the masters, in a stable order). @throws CachemeError `E_INVALID_OPTION` for a cursor it never returned.
   */
  scanPage(options: ScanPageOptions): Promise<Page<string>>

  /** One SSCAN step over the members of `set` (none when it does not exist or is not a SET). */
  setPage(set: string, options: PageOptions): Promise<Page<string>>

  /** One HSCAN step over the fields of `hash`, with each payload's length (the payloads stay on the server). */
  hashPage(hash: string, options: PageOptions): Promise<Page<FieldInfo>>

  /** Type, TTL and size of each key, in order (`type: 'none'` for a missing key). */
  describeKeys(keys: readonly string[]): Promise<KeyInfo[]>

  /**
   * Existence, payload length, hash TTL and the first `peekBytes` bytes of each entry's payload, in order.
   * A field of a key that is not a HASH does not exist.
   */
  describeEntries(entries: readonly EntryRef[], peekBytes: number): Promise<EntryInfo[]>

  /** For each of `sets`, whether `member` belongs to it (`false` for a missing key or one of another type). */
  isMember(sets: readonly string[], member: string): Promise<boolean[]>

  /**
   * Removes up to `count` members from `set` atomically (SPOP) and the entries they name (`HDEL`, as
   * {@link invalidate} does), logging nothing. Lets a caller empty a huge set in bounded steps; a
   * membership added meanwhile is either popped by a later step or stays with its entry, never lost.
   * Publishes no notice: the pattern invalidation that drains sets announces itself (before its first
   * step and when done), so in-process tiers never rely on a drain step for coherence.
   */
  drainSet(set: string, count: number): Promise<DrainResult>

  /** Prepends `value` to the LIST `key` and trims it to its newest `maxLength` items, atomically. */
  pushList(key: string, value: string, maxLength: number): Promise<void>

  /** Items `offset` .. `offset + count - 1` of the LIST `key`, newest first (`[]` when missing). */
  listRange(key: string, offset: number, count: number): Promise<string[]>

  /**
   * Adds each integer of `increments` to the field of that name of the HASH `key` (HINCRBY), then sets
   * the key's TTL to `ttlMs`, atomically.
   */
  addCounters(key: string, increments: Readonly<Record<string, number>>, ttlMs: number): Promise<void>

  /** Every field of each counter HASH as numbers, in order (`{}` for a missing key). */
  readCounters(keys: readonly string[]): Promise<Record<string, number>[]>

  /**
   * Optional capability, *notices* (together with {@link publish} and {@link readSequence}; core's
   * in-process tier, the `l1` option, needs it): subscribes to the invalidation notices of `meta`'s
   * prefix — those {@link invalidate} publishes and those {@link publish} sends — from every process
   * using the same storage. A storage that has it must publish a notice for every `invalidate` that
   * logged guards or touched sets.
   */
  subscribe?(meta: MetaKeys, listener: NoticeListener): NoticeSubscription

  /** Notices: publishes `notice` to every subscriber of `meta`'s prefix (core: after a model or pattern invalidation). */
  publish?(meta: MetaKeys, notice: InvalidationNotice): Promise<void>

  /** Notices: the current invalidation sequence (0 before the first invalidation). */
  readSequence?(meta: MetaKeys): Promise<number>
}
