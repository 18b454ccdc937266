/**
 * One cached call: read → (hit | compute → write) with the race guard, stampede protection and fail-open.
 *
 * It depends on exactly two components, plus the instance's keys, serializer and events: the storage
 * layer (`resilience/resilient-storage.ts`, which owns timeout, breaker and meta keys) and the
 * invalidation component's state (`invalidation/invalidations.ts`: epoch, pending count, background
 * barrier). It never sees a driver or a configuration.
 *
 * Round trips on a single Redis: a hit is one (`read`); a miss is two (`read`, then `write`, which stores
 * value + invalid-set memberships + tag + TTL and checks the race guard in one script). On Cluster a hit
 * is two commands to two nodes in parallel and a miss's write takes three sequential steps (see
 * `storage/redis-cluster-ops.ts`). The write has completed when the call resolves, so the next call, from
 * any process, hits.
 *
 * Stampede: concurrent calls for the same full key in this process share one computation (they are
 * reported as hits). Across processes they each compute, unless the `lock` option is set: then one
 * process computes while the others wait (bounded) for its value (`stampede-lock.ts`).
 *
 * Failure policy (fail open): storage errors, timeouts, an open breaker, undecodable payloads, serializer
 * errors and throwing `hit`/`miss`/`invalidKeys`/`skip` callbacks are reported (`error` event + logger) and
 * the caller still gets the function's value. Only an invalid cache key (or a throwing `key` callback)
 * throws, because then there is no way to know what to cache. The function's own errors propagate and
 * nothing is cached.
 */
import { CachemeError, quote, toError } from './errors.js'
import type { InvalidationState } from './invalidation/invalidations.js'
import type { CachedDefinition, Container, MutableContainer } from './options.js'
import { StampedeLock } from './stampede-lock.js'
import type { EntryRef } from './storage/storage.js'
import { UNDECODABLE, type ValueParts, ValueWriter, wrapCallbackError } from './value-writer.js'

/**
 * What a cached call works with: the storage layer and the invalidation state, plus the instance's
 * keys, serializer and events.
 */
export interface CachedCallParts extends ValueParts {
  readonly invalidations: InvalidationState
  /** `false`: every call just runs the function. */
  readonly enabled: boolean
}

type Fn = (this: unknown, ...args: readonly unknown[]) => unknown

/** A computation in progress, with what it observed before starting (see `#lookup`). */
interface Flight {
  readonly work: Promise<unknown>
  /** Local invalidation epoch when it started. */
  readonly epoch: number
  /** Invalidation sequence its read returned (`undefined` when the storage was not used). */
  readonly snapshot: number | undefined
}

/** Runs `fn` without the cache, as a promise (a synchronous throw becomes a rejection). */
function uncached(fn: Fn, self: unknown, args: readonly unknown[]): Promise<unknown> {
  try {
    return Promise.resolve(Reflect.apply(fn, self, args))
  } catch (error) {
    return Promise.reject(error)
  }
}

/** Runs functions through the cache. Shared by every decorator style and the wrapper. */
export class CachedCalls {
  readonly #parts: CachedCallParts
  readonly #writer: ValueWriter
  readonly #lock: StampedeLock
  /** In-flight computations by full key (stampede protection). */
  readonly #inflight = new Map<string, Flight>()

  constructor(parts: CachedCallParts) {
    this.#parts = parts
    this.#writer = new ValueWriter(parts)
    this.#lock = new StampedeLock(parts.storage, parts.events)
  }

  /** True when the cache may be used now: layer usable and no undelivered invalidation. */
  get #usable(): boolean {
    return this.#parts.storage.usable && this.#parts.invalidations.pending === 0
  }

  /**
   * Runs one call of a cached function. Always returns a promise (a throwing `key` callback or an
   * invalid key rejects it; a synchronous function's throw becomes a rejection, as for an async one).
   *
   * Not an async function itself: the hit path is `call → #lookup → storage.read`, one await deep, with
   * nothing allocated for events nobody listens to (benchmarks/PROFILE.md measured every hop).
   */
  call(definition: CachedDefinition, self: unknown, args: readonly unknown[], fn: Fn): Promise<unknown> {
    if (!this.#parts.enabled) return uncached(fn, self, args)
    const { options, tag } = definition
    const c: MutableContainer = { args, self, result: undefined }
    if (options.skip !== undefined && this.#skips(options, c, tag)) return uncached(fn, self, args)
    let key: unknown
    try {
      key = options.key(c as Container<readonly unknown[], unknown>)
    } catch (error) {
      return Promise.reject(
        new CachemeError(
          'E_INVALID_KEY',
          `the 'key' callback of tag ${quote(tag)} threw: ${toError(error).message} → make it return a string for every call (or use 'skip' for calls that must not be cached).`,
          { cause: error },
        ),
      )
    }
    let entry: EntryRef
    try {
      entry = this.#parts.keys.entry(key)
    } catch (error) {
      return Promise.reject(error)
    }
    return this.#lookup(definition, entry, key as string, c, fn)
  }

  /**
   * Read, then (on a miss) join a computation of the same key already running in this process — only when
   * no invalidation happened since it began — or compute.
   */
  async #lookup(
    definition: CachedDefinition,
    entry: EntryRef,
    key: string,
    c: MutableContainer,
    fn: Fn,
  ): Promise<unknown> {
    const { storage, invalidations } = this.#parts

    // 0. Read-your-writes for background deliveries: a write this process made must be invalidated
    // before this process reads (free when nothing is in flight).
    const background = invalidations.barrier()
    if (background) await background

    // 1. Read (and snapshot the invalidation sequence in the same round trip).
    const epoch = invalidations.epoch
    let snapshot: number | undefined
    if (this.#usable) {
      try {
        const read = await storage.read(entry)
        if (read.payload !== undefined) {
          const value = this.#writer.decode(read.payload, entry)
          if (value !== UNDECODABLE) {
            this.#hit(definition, key, value, c)
            return value
          }
        }
        snapshot = read.seq
      } catch (error) {
        this.#report(error, 'read', entry.fullKey)
      }
    }

    // 2. Stampede protection: join a running computation of this key if it is provably not older than any
    // invalidation this call must observe — same global invalidation sequence (no invalidation anywhere,
    // in any process, since it read) and same local epoch (none started here).
    const running = this.#inflight.get(entry.fullKey)
    if (running && running.epoch === epoch && running.snapshot === snapshot) {
      const value = await running.work
      this.#hit(definition, key, value, c)
      return value
    }
    const flight: Flight = {
      epoch,
      snapshot,
      work: this.#compute(definition, entry, key, c, fn, snapshot).finally(() => {
        if (this.#inflight.get(entry.fullKey) === flight) this.#inflight.delete(entry.fullKey)
      }),
    }
    this.#inflight.set(entry.fullKey, flight)
    return flight.work
  }

  /** A miss: optional cross-process lock, compute, guarded write. */
  async #compute(
    definition: CachedDefinition,
    entry: EntryRef,
    key: string,
    c: MutableContainer,
    fn: Fn,
    seq: number | undefined,
  ): Promise<unknown> {
    const { options, tag } = definition
    const lockKey = this.#parts.keys.lock(key)
    let snapshot = seq

    // 3. Optional cross-process stampede lock: compute once across processes, or wait for the value.
    let lockToken: string | undefined
    const lockOptions = options.lock === true ? {} : options.lock || undefined
    if (lockOptions && snapshot !== undefined && this.#usable) {
      try {
        const outcome = await this.#lock.lockOrWait(entry, lockKey, lockOptions, snapshot)
        if (outcome.kind === 'value') {
          const value = this.#writer.decode(outcome.payload, entry)
          if (value !== UNDECODABLE) {
            this.#hit(definition, key, value, c)
            return value
          }
        } else {
          snapshot = outcome.seq
          if (outcome.kind === 'owner') lockToken = outcome.token
        }
      } catch (error) {
        this.#report(error, 'lock', entry.fullKey)
      }
    }

    try {
      // 4. Compute. The function's own errors propagate; nothing is cached.
      this.#callback(() => options.miss?.(key, c as Container<readonly unknown[], unknown>), 'miss', key)
      const started = performance.now()
      const result = await Reflect.apply(fn, c.self, c.args)
      c.result = result

      // 5. Write, unless the read failed (no snapshot → the race guard cannot vouch for the value).
      let stored = false
      if (snapshot !== undefined && this.#usable) {
        stored = await this.#writer.write(definition, entry, c, result, snapshot)
      }
      const { events } = this.#parts
      if (events.listens('miss')) {
        events.emit('miss', { key: entry.fullKey, tag, stored, durationMs: performance.now() - started })
      }
      return result
    } finally {
      if (lockToken !== undefined) await this.#lock.release(lockKey, lockToken)
    }
  }

  #skips(options: CachedDefinition['options'], c: MutableContainer, tag: string): boolean {
    const { skip } = options
    if (skip === undefined || skip === false) return false
    if (skip === true) return true
    try {
      return Boolean(skip(c as Container<readonly unknown[], unknown>))
    } catch (error) {
      // Unsure whether to cache: not caching is the safe answer.
      this.#parts.events.report(wrapCallbackError(error, 'skip', tag), 'skip')
      return true
    }
  }

  /** A hit: the `hit` event (built only when someone listens) and the `hit` callback (when given). */
  #hit(definition: CachedDefinition, key: string, value: unknown, c: MutableContainer): void {
    const { events, keys } = this.#parts
    if (events.listens('hit')) events.emit('hit', { key: keys.full(key), tag: definition.tag })
    const hit = definition.options.hit
    if (hit !== undefined) {
      this.#callback(() => hit(key, value, c as Container<readonly unknown[], unknown>), 'hit', key)
    }
  }

  #callback(run: () => unknown, name: string, key: string): void {
    const events = this.#parts.events
    try {
      const returned = run()
      if (returned instanceof Promise) {
        returned.catch((error: unknown) => events.report(wrapCallbackError(error, name, key), name, key))
      }
    } catch (error) {
      events.report(wrapCallbackError(error, name, key), name, key)
    }
  }

  /** The layer reports an unsupported server once itself; everything else is reported here. */
  #report(error: unknown, operation: string, key: string): void {
    if (!CachemeError.is(error, 'E_STORAGE_UNSUPPORTED')) this.#parts.events.report(error, operation, key)
  }
}
