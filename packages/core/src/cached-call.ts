/**
 * One cached call: read → (hit | compute → write) with the race guard, stampede protection and fail-open.
 *
 * It depends on the storage layer (`resilience/resilient-storage.ts`, which owns timeout, breaker and
 * meta keys), the invalidation component's state (`invalidation/invalidations.ts`: epoch, pending count,
 * background barrier) and the remembered invalidation sequence (`sequence-tracker.ts`), plus the
 * instance's keys, serializer and events. It never sees a driver or a configuration. The miss itself
 * (lock, compute, guarded write) is `cached-miss.ts`.
 *
 * Round trips on a single Redis: a hit is one (`read`: one HGET; the sequence rides along, as a second
 * command in the same round trip, only when the remembered one is stale or there is a computation to
 * join); a miss is two (`read`, then `write`, which stores value + invalid-set memberships + tag + TTL
 * and checks the race guard in one script). On Cluster a miss's write takes three sequential steps (see
 * `storage/redis-cluster-ops.ts`). The write has completed when the call resolves, so the next call, from
 * any process, hits.
 *
 * Stampede: concurrent calls for the same full key in this process share one computation (they are
 * reported as hits) — but never one that may be older than an invalidation the joining call must observe
 * (see `#lookup`). Across processes they each compute, unless the `lock` option is set: then one process
 * computes while the others wait (bounded) for its value (`stampede-lock.ts`).
 *
 * Failure policy (fail open): storage errors, timeouts, an open breaker, undecodable payloads, serializer
 * errors and throwing `hit`/`miss`/`invalidKeys`/`skip` callbacks are reported (`error` event + logger) and
 * the caller still gets the function's value. Only an invalid cache key (or a throwing `key` callback)
 * rejects, because then there is no way to know what to cache. The function's own errors propagate and
 * nothing is cached.
 */

import { CachedMiss, type Fill, type MissParts } from './cached-miss.js'
import { cacheUsable, reportHit, reportStorageError } from './call-hooks.js'
import { CachemeError, quote, toError } from './errors.js'
import { KeyRendering } from './key-rendering.js'
import type { CachedDefinition, Container, MutableContainer } from './options.js'
import type { EntryRef, ReadOptions } from './storage/storage.js'
import { UNDECODABLE, ValueWriter, wrapCallbackError } from './value-writer.js'

/**
 * What a cached call works with: the storage layer, the invalidation state and the remembered sequence,
 * plus the instance's keys, serializer and events.
 */
export interface CachedCallParts extends MissParts {
  /** `false`: every call just runs the function. */
  readonly enabled: boolean
}

type Fn = (this: unknown, ...args: readonly unknown[]) => unknown

const READ_OPTIONS: readonly (ReadOptions | undefined)[] = [
  undefined,
  { seq: true },
  { ttl: true },
  { seq: true, ttl: true },
]

/** The read's options, without allocating: the sequence when asked for, the TTL with an in-process tier. */
function readOptions(seq: boolean, ttl: boolean): ReadOptions | undefined {
  return READ_OPTIONS[(seq ? 1 : 0) + (ttl ? 2 : 0)]
}

/** A computation in progress, with what it observed before starting (see `#lookup`). */
interface Flight {
  /** Order of creation (see `#flights`). */
  readonly id: number
  readonly work: Promise<unknown>
  /** Local invalidation epoch when it started. */
  readonly epoch: number
  /** Its race-guard snapshot (`undefined` when its read failed or the storage was not used). */
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
  readonly #miss: CachedMiss
  /** Keys that rendered `undefined` or an object (`key-rendering.ts`). */
  readonly #rendering: KeyRendering
  /** In-flight computations by full key (stampede protection). */
  readonly #inflight = new Map<string, Flight>()
  /** Flights created so far: a flight with a higher id than a read's mark started after that read. */
  #flights = 0

  constructor(parts: CachedCallParts) {
    this.#parts = parts
    this.#rendering = new KeyRendering(parts.events)
    this.#writer = new ValueWriter(parts, this.#rendering)
    this.#miss = new CachedMiss(parts, this.#writer)
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

    // 1. Read. The sequence comes along only when this call may need it: when the remembered one is
    // stale (the snapshot of a miss, see sequence-tracker.ts) or when there is a computation to join.
    const epoch = invalidations.epoch
    const flightsBefore = this.#flights
    // The stampede map is empty on nearly every hit: skip hashing the full key then.
    const inflight = this.#inflight
    const runningBefore = inflight.size === 0 ? undefined : inflight.get(entry.fullKey)
    let readOk = false
    let seen: number | undefined
    let fill: Fill | undefined
    if (cacheUsable(this.#parts)) {
      const l1 = this.#parts.l1
      if (l1 !== undefined) {
        // 1a. The in-process tier, when it may serve (l1/l1.ts); then the storage, with the entry's TTL
        // and a mark, so that what is read can be kept in process unless an invalidation raced it.
        const payload = l1.get(entry.fullKey)
        if (payload !== undefined) {
          const value = this.#writer.decode(payload, entry)
          if (value !== UNDECODABLE) {
            reportHit(this.#parts, definition, key, value, c)
            return value
          }
          l1.forget(entry.fullKey)
        }
        fill = { l1, mark: l1.mark(), sentAt: performance.now() }
      }
      const tracker = this.#parts.sequence
      let ticket = runningBefore === undefined ? tracker.claim() : 0
      const claimed = ticket > 0
      if (!claimed && runningBefore !== undefined) ticket = tracker.ticket()
      try {
        const read = await storage.read(entry, readOptions(ticket > 0, fill !== undefined))
        readOk = true
        // A sequence lower than one seen before: the server rolled back (a restart from an older
        // snapshot); what came with it may be from before an acknowledged invalidation — not served.
        let rolledBack = false
        if (read.seq !== undefined) {
          seen = read.seq
          rolledBack = tracker.observe(read.seq, ticket, claimed)
        } else if (claimed) {
          tracker.settled(ticket)
        }
        if (read.payload !== undefined && !rolledBack) {
          const value = this.#writer.decode(read.payload, entry)
          if (value !== UNDECODABLE) {
            if (fill !== undefined && read.ttlMs !== undefined) {
              fill.l1.fill(entry.fullKey, read.payload, read.ttlMs, fill.sentAt, fill.mark)
            }
            reportHit(this.#parts, definition, key, value, c)
            return value
          }
        }
      } catch (error) {
        if (claimed) tracker.settled(ticket)
        reportStorageError(this.#parts.events, error, 'read', entry.fullKey)
      }
    }

    // 2. Stampede protection: join a running computation of this key only if it is provably not older
    // than any invalidation this call must observe. Same local epoch (no invalidation started here), and
    // either it started after this call's read was sent (so after every invalidation that completed
    // before this call), or its snapshot equals the sequence this read saw (no invalidation anywhere, in
    // any process, between its snapshot and this read).
    const running = inflight.size === 0 ? undefined : inflight.get(entry.fullKey)
    if (
      running !== undefined &&
      running.epoch === epoch &&
      (running.id > flightsBefore || (seen !== undefined && running.snapshot === seen))
    ) {
      const value = await running.work
      reportHit(this.#parts, definition, key, value, c)
      return value
    }
    // A key that rendered an object rejects, one that rendered `undefined` warns (key-rendering.ts).
    // Checked here, before computing, not on every call: every key misses before it can hit, so hits
    // pay nothing for it.
    this.#rendering.check(key, 'cache key', definition.tag)

    // The snapshot: taken now, before computing (any sequence the server returned so far is at most
    // the current one). Without a successful read there is none, and the value is not written.
    const snapshot = readOk ? this.#parts.sequence.snapshot : undefined
    this.#flights += 1
    const flight: Flight = {
      id: this.#flights,
      epoch,
      snapshot,
      work: this.#miss.compute(definition, entry, key, c, fn, snapshot, fill).finally(() => {
        if (this.#inflight.get(entry.fullKey) === flight) this.#inflight.delete(entry.fullKey)
      }),
    }
    this.#inflight.set(entry.fullKey, flight)
    return flight.work
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
}
