/**
 * The storage layer: the one object through which core talks to a storage driver. Built once per
 * instance, bound to the instance's meta keys, it owns the fail-open policy so that nothing above it
 * handles timeouts, the breaker or meta keys:
 *
 * - **timeout**: every operation (each SCAN step included) fails with `E_STORAGE_TIMEOUT` after
 *   `operationTimeoutMs`; driver errors become `E_STORAGE_UNAVAILABLE`, or `E_STORAGE_DATA` for a reply
 *   about the data at one key (see `deadlines.ts`: one timer for all operations in flight, not one per
 *   operation);
 * - **data errors are not outages**: `E_STORAGE_DATA` settles the breaker as a success, so a wrong type
 *   at one key is a miss for that key and never opens the breaker for every other key;
 * - **circuit breaker**: consecutive failures open it, then operations fail fast without touching the
 *   driver; after the cooldown exactly one probe goes through (see `circuit-breaker.ts`);
 * - **server check**: before its first operation the layer awaits the driver's `check()` (RedisStorage:
 *   Redis ≥ 7.0 on every master), once; later operations skip it, so the steady-state hit path pays
 *   nothing for it. An unsupported server is reported once (`error` event + logger, operation `check`),
 *   {@link ready} rejects with that `E_STORAGE_UNSUPPORTED` error, and the cache path (read, write,
 *   locks) is refused from then on — cached calls bypass the cache — while invalidations still go through
 *   (their scripts need nothing newer), so values cached before can still be removed.
 *
 * Why a layer and not a wrapper function: bentocache's shape — drivers stay thin (`CacheStorage`), all
 * policy lives once above them. The methods mirror the driver protocol minus `meta`, so a reader of
 * `storage.ts` knows what each does; the layer adds only the policy.
 *
 * The steady state (server checked, breaker closed) takes a short path: the driver's promise goes
 * straight to the deadline queue, with no async function, closure or timer of its own — it is the hit
 * path, and every microsecond there is a measurable share of a hit (benchmarks/PROFILE.md).
 *
 * Limits: the breaker and the check are per layer (per instance and process); a timed-out operation may
 * still complete on the server (see `deadlines.ts`).
 */
import { CachemeError } from '../errors.js'
import type { Events } from '../events.js'
import type {
  DrainResult,
  EntryInfo,
  FieldInfo,
  KeyInfo,
  Page,
  PageOptions,
  ScanPageOptions,
} from '../storage/introspection.js'
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
} from '../storage/storage.js'
import { CircuitBreaker, type Permit } from './circuit-breaker.js'
import { OperationDeadlines } from './deadlines.js'

/** The fail-open settings of `createCacheme(config)`. */
export interface ResilienceOptions {
  /** Milliseconds before a storage operation counts as failed. Default 1000. */
  operationTimeoutMs?: number
  /** Consecutive failures that open the breaker. Default 5. */
  breakerThreshold?: number
  /**
   * Milliseconds the breaker stays open before letting one probe operation through: the probe interval
   * while the storage is down, so about the time to notice it is back. Default 1000.
   */
  breakerCooldownMs?: number
}

/** A write as core builds it: the driver's {@link WriteRequest} without the meta keys the layer adds. */
export type LayerWrite = Omit<WriteRequest, 'meta'>
/** An invalidation as core builds it: {@link InvalidateRequest} without the meta keys. */
export type LayerInvalidate = Omit<InvalidateRequest, 'meta'>

const resolved: Promise<void> = Promise.resolve()

/** The storage protocol for core, bound to one prefix's meta keys, with timeout, breaker and check. */
export class ResilientStorage {
  /** The driver's name (`redis`, `redis-cluster`, `memory`, ...). */
  readonly name: string
  readonly #driver: CacheStorage
  readonly #meta: MetaKeys
  readonly #breaker: CircuitBreaker
  readonly #deadlines: OperationDeadlines<Permit>
  readonly #events: Events
  #used = false
  #checked = false
  #checking: Promise<void> | undefined
  #unsupported: CachemeError | undefined
  /** Told once of the next operation the storage answered (the retry queue's drain). */
  #onAnswer: (() => void) | undefined

  constructor(driver: CacheStorage, meta: MetaKeys, options: Required<ResilienceOptions>, events: Events) {
    this.name = driver.name
    this.#driver = driver
    this.#meta = meta
    const breaker = new CircuitBreaker(options.breakerThreshold, options.breakerCooldownMs)
    this.#breaker = breaker
    this.#deadlines = new OperationDeadlines<Permit>(options.operationTimeoutMs, {
      success: (permit) => {
        breaker.success(permit)
        if (this.#onAnswer !== undefined) this.#answered()
      },
      // A server that answered "unsupported", or answered that one key holds the wrong kind of data, is
      // reachable: that is not a failure the breaker counts (one bad key must not disable the cache).
      failure: (permit, error) => {
        if (CachemeError.is(error, 'E_STORAGE_UNSUPPORTED') || CachemeError.is(error, 'E_STORAGE_DATA')) {
          breaker.success(permit)
          if (this.#onAnswer !== undefined) this.#answered()
        } else breaker.failure(permit)
      },
    })
    this.#events = events
  }

  /**
   * Calls `listener` once, on the next storage operation that the storage answers (a success, or a
   * data error: the server is reachable). The retry queue drains on it, so recovery after an outage
   * starts with the first reply instead of the next retry tick. One listener at a time (the last wins).
   */
  onAnswer(listener: () => void): void {
    this.#onAnswer = listener
  }

  #answered(): void {
    const listener = this.#onAnswer!
    this.#onAnswer = undefined
    // Not inside the operation's settlement: the drain starts operations of its own.
    queueMicrotask(listener)
  }

  /** True once any operation was attempted (the default instance is configurable until then). */
  get used(): boolean {
    return this.#used
  }

  /** True when the cache path may use the storage now: breaker allows, server not known unsupported. */
  get usable(): boolean {
    return this.#unsupported === undefined && this.#breaker.allows
  }

  /**
   * Resolves once the storage answered its check (at most one round trip, the first time). Rejects with
   * `E_STORAGE_UNSUPPORTED` for a server cacheme cannot use, or `E_STORAGE_UNAVAILABLE` /
   * `E_STORAGE_TIMEOUT` when it cannot be reached (then the next call checks again).
   */
  async ready(): Promise<void> {
    await this.#run('check', () => resolved)
    if (this.#unsupported) throw this.#unsupported
  }

  /** {@link CacheStorage.read}. */
  read(entry: EntryRef, options?: ReadOptions): Promise<ReadResult> {
    if (this.#steady()) {
      this.#used = true
      let read: Promise<ReadResult>
      try {
        read = this.#driver.read(entry, this.#meta, options)
      } catch (error) {
        read = Promise.reject(error) // a driver that throws instead of rejecting
      }
      return this.#deadlines.track(read, 'read', 'call')
    }
    return this.#run('read', () => this.#driver.read(entry, this.#meta, options), true)
  }

  /** {@link CacheStorage.write}. */
  write(request: LayerWrite): Promise<boolean> {
    return this.#run('write', () => this.#driver.write({ ...request, meta: this.#meta }), true)
  }

  /** {@link CacheStorage.invalidate}. */
  invalidate(request: LayerInvalidate): Promise<InvalidateResult> {
    return this.#run('invalidate', () => this.#driver.invalidate({ ...request, meta: this.#meta }))
  }

  /** {@link CacheStorage.logGuards}. */
  logGuards(guards: readonly string[]): Promise<number> {
    return this.#run('logGuards', () => this.#driver.logGuards(guards, this.#meta))
  }

  /** True when the driver has the notices capability ({@link CacheStorage.subscribe} and its two companions). */
  get notices(): boolean {
    const driver = this.#driver
    return (
      typeof driver.subscribe === 'function' &&
      typeof driver.publish === 'function' &&
      typeof driver.readSequence === 'function'
    )
  }

  /**
   * {@link CacheStorage.subscribe}. Not under the timeout or the breaker: the subscription reports its
   * own state to the listener. A driver that throws is reported as a lost subscription.
   */
  subscribe(listener: NoticeListener): NoticeSubscription {
    try {
      return this.#driver.subscribe!(this.#meta, listener)
    } catch (error) {
      listener.lost(error instanceof Error ? error : undefined)
      return { close: async () => {} }
    }
  }

  /** {@link CacheStorage.publish}. */
  publish(notice: InvalidationNotice): Promise<void> {
    return this.#run('publish', () => this.#driver.publish!(this.#meta, notice))
  }

  /** {@link CacheStorage.readSequence}. */
  readSequence(): Promise<number> {
    return this.#run('readSequence', () => this.#driver.readSequence!(this.#meta))
  }

  /** {@link CacheStorage.liveMembers}. */
  liveMembers(set: string): Promise<string[]> {
    return this.#run('liveMembers', () => this.#driver.liveMembers(set))
  }

  /** {@link CacheStorage.deleteKeys}. */
  deleteKeys(keys: readonly string[]): Promise<number> {
    return this.#run('deleteKeys', () => this.#driver.deleteKeys(keys))
  }

  /** {@link CacheStorage.acquireLock}. */
  acquireLock(key: string, token: string, ttlMs: number): Promise<boolean> {
    return this.#run('lock', () => this.#driver.acquireLock(key, token, ttlMs), true)
  }

  /** {@link CacheStorage.releaseLock}. */
  releaseLock(key: string, token: string): Promise<void> {
    return this.#run('unlock', () => this.#driver.releaseLock(key, token))
  }

  // Introspection and records (see `storage/introspection.ts`): same policy, never on the cache path.

  /** {@link CacheStorage.scanPage}. */
  scanPage(options: ScanPageOptions): Promise<Page<string>> {
    return this.#run('scanPage', () => this.#driver.scanPage(options))
  }

  /** {@link CacheStorage.setPage}. */
  setPage(set: string, options: PageOptions): Promise<Page<string>> {
    return this.#run('setPage', () => this.#driver.setPage(set, options))
  }

  /** {@link CacheStorage.hashPage}. */
  hashPage(hash: string, options: PageOptions): Promise<Page<FieldInfo>> {
    return this.#run('hashPage', () => this.#driver.hashPage(hash, options))
  }

  /** {@link CacheStorage.describeKeys}. */
  describeKeys(keys: readonly string[]): Promise<KeyInfo[]> {
    return keys.length === 0
      ? Promise.resolve([])
      : this.#run('describeKeys', () => this.#driver.describeKeys(keys))
  }

  /** {@link CacheStorage.describeEntries}. */
  describeEntries(entries: readonly EntryRef[], peekBytes: number): Promise<EntryInfo[]> {
    if (entries.length === 0) return Promise.resolve([])
    return this.#run('describeEntries', () => this.#driver.describeEntries(entries, peekBytes))
  }

  /** {@link CacheStorage.isMember}. */
  isMember(sets: readonly string[], member: string): Promise<boolean[]> {
    return sets.length === 0
      ? Promise.resolve([])
      : this.#run('isMember', () => this.#driver.isMember(sets, member))
  }

  /** {@link CacheStorage.drainSet}. */
  drainSet(set: string, count: number): Promise<DrainResult> {
    return this.#run('drainSet', () => this.#driver.drainSet(set, count))
  }

  /** {@link CacheStorage.pushList}. */
  pushList(key: string, value: string, maxLength: number): Promise<void> {
    return this.#run('pushList', () => this.#driver.pushList(key, value, maxLength))
  }

  /** {@link CacheStorage.listRange}. */
  listRange(key: string, offset: number, count: number): Promise<string[]> {
    return this.#run('listRange', () => this.#driver.listRange(key, offset, count))
  }

  /** {@link CacheStorage.addCounters}. */
  addCounters(key: string, increments: Readonly<Record<string, number>>, ttlMs: number): Promise<void> {
    return this.#run('addCounters', () => this.#driver.addCounters(key, increments, ttlMs))
  }

  /** {@link CacheStorage.readCounters}. */
  readCounters(keys: readonly string[]): Promise<Record<string, number>[]> {
    return keys.length === 0
      ? Promise.resolve([])
      : this.#run('readCounters', () => this.#driver.readCounters(keys))
  }

  /**
   * {@link CacheStorage.scan}, each step under the timeout and the breaker: a Redis that hangs mid-scan
   * must not hang the caller (an invalidation is then queued and retried instead).
   */
  async *scan(options: ScanOptions): AsyncGenerator<string[]> {
    let iterator: AsyncIterator<string[]> | undefined
    for (;;) {
      const step = await this.#run('scan', () => {
        iterator ??= this.#driver.scan(options)[Symbol.asyncIterator]()
        return iterator.next()
      })
      if (step.done === true) return
      yield step.value
    }
  }

  /** Checked, supported and breaker closed: the short path applies (see module doc). */
  #steady(): boolean {
    return this.#checked && this.#unsupported === undefined && this.#breaker.closed
  }

  /**
   * Runs one driver operation with the policy. `cachePath`: refused on an unsupported server.
   * @throws CachemeError `E_STORAGE_UNAVAILABLE` (breaker open, driver error), `E_STORAGE_TIMEOUT`,
   *   `E_STORAGE_UNSUPPORTED`
   */
  #run<T>(name: string, operation: () => Promise<T>, cachePath = false): Promise<T> {
    this.#used = true
    if (cachePath && this.#unsupported) return Promise.reject(this.#unsupported)
    const permit = this.#breaker.acquire()
    if (permit === undefined) {
      return Promise.reject(
        new CachemeError(
          'E_STORAGE_UNAVAILABLE',
          `storage operation '${name}' skipped: the circuit breaker is open after repeated failures → check Redis; it is retried automatically.`,
          { details: { breaker: 'open', operation: name } },
        ),
      )
    }
    let started: Promise<T>
    try {
      started = this.#checked ? operation() : this.#checkThen(operation, cachePath)
    } catch (error) {
      started = Promise.reject(error) // a driver that throws instead of rejecting
    }
    return this.#deadlines.track(started, name, permit)
  }

  async #checkThen<T>(operation: () => Promise<T>, cachePath: boolean): Promise<T> {
    this.#checking ??= this.#check()
    await this.#checking
    if (cachePath && this.#unsupported) throw this.#unsupported
    return operation()
  }

  async #check(): Promise<void> {
    try {
      await this.#driver.check?.()
    } catch (error) {
      if (!CachemeError.is(error, 'E_STORAGE_UNSUPPORTED')) {
        this.#checking = undefined // unreachable, not unsupported: the next operation checks again
        throw error
      }
      this.#unsupported = error
      this.#events.report(error, 'check')
    }
    this.#checked = true
  }
}
