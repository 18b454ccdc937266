/**
 * The queue of invalidations that could not be delivered, retried until the storage answers.
 *
 * Why: a lost invalidation is stale data served until the TTL (possibly forever). When the storage is
 * unreachable, invalidations are kept in memory and retried (50 ms doubling to 1 s, the breaker's
 * default probe interval). While anything is queued, the cached-call path bypasses the cache entirely
 * (see `invalidations.ts`), so recovery must be quick:
 *
 * - **drain at once when the storage answers**: the queue asks the layer to call it back on the next
 *   successful operation of any kind (`onAnswer`), so the first reply after an outage — a probe, an
 *   invalidation, a read — starts the drain, instead of the next retry tick;
 * - **no backoff growth on refusals**: an attempt the circuit breaker refused without touching the
 *   storage tells nothing about the storage, so it does not double the delay.
 *
 * Two kinds of failure, two policies:
 *
 * - **availability** (`E_STORAGE_UNAVAILABLE`, `E_STORAGE_TIMEOUT`): retried for as long as it takes,
 *   in order, stopping the pass at the first one (the storage is most likely down for the rest too);
 * - **data** (`E_STORAGE_DATA`: a key of the wrong type, which no retry can fix): the item is tried at
 *   most {@link MAX_DATA_ATTEMPTS} times, never blocking the items behind it, then **dead-lettered**:
 *   reported once and replaced by "invalidate everything under the prefix" (coarse, never stale). An
 *   "everything" item that dead-letters is dropped with an error log: nothing coarser exists.
 *
 * Bounded memory: the queue holds at most `max` invalid keys. Past that it collapses into one
 * "invalidate everything under the prefix" item: coarse, but never stale and never unbounded.
 *
 * Items are only ever delivered through the storage layer they were built for: the queue belongs to one
 * instance's invalidation component, which belongs to one layer, whose storage and prefix never change.
 *
 * Limits: the queue lives in this process; a crash loses it (the TTL is then the only bound), and other
 * processes keep serving their cached reads until it is delivered.
 */
import { CachemeError } from '../errors.js'
import type { Events, Logger } from '../events.js'
import type { Invalidation } from './delivery.js'

const MIN_RETRY_MS = 50
const MAX_RETRY_MS = 1000
/** Attempts of an item that fails with a data error before it is dead-lettered. */
export const MAX_DATA_ATTEMPTS = 3

/** One queued invalidation and its data-error attempts. */
interface Queued {
  readonly item: Invalidation
  dataFailures: number
}

/** What the queue needs besides a delivery function. */
export interface RetryQueueOptions {
  /** Bound, in invalid keys (see the module doc). */
  readonly max: number
  readonly logger: Logger
  readonly events: Events
  /** Registers a one-shot callback for the next successful storage operation (`ResilientStorage`). */
  readonly onAnswer: (listener: () => void) => void
  /** Reports one failed retry (rate-limited by the caller while the breaker is open). */
  readonly report: (error: unknown, operation: string) => void
}

/** Undelivered invalidations of one storage layer. */
export class RetryQueue {
  readonly #deliver: (item: Invalidation) => Promise<unknown>
  readonly #options: RetryQueueOptions
  #items: Queued[] = []
  #keys = 0
  #timer: NodeJS.Timeout | undefined
  #retryMs = MIN_RETRY_MS
  #draining: Promise<void> | undefined
  #listening = false

  /** @param deliver sends one item; rejects when the storage is still unavailable. */
  constructor(deliver: (item: Invalidation) => Promise<unknown>, options: RetryQueueOptions) {
    this.#deliver = deliver
    this.#options = options
  }

  /** Number of queued invalidations. */
  get size(): number {
    return this.#items.length
  }

  /** True while a rollback's "restart, then invalidate everything" is queued or being delivered. */
  get restarting(): boolean {
    return this.#items.some((queued) => isRestart(queued.item))
  }

  /** Queues an item and schedules a retry; collapses the queue when it grows past the bound. */
  add(item: Invalidation): void {
    const everything = this.#items.find((queued) => queued.item.kind === 'everything')
    if (everything !== undefined && !(isRestart(item) && !isRestart(everything.item))) return
    if (item.kind === 'everything') {
      // It covers everything queued: replace the queue.
      this.#items = [{ item, dataFailures: 0 }]
      this.#keys = 1
      this.#schedule()
      this.#listen()
      return
    }
    this.#keys += weight(item)
    this.#items.push({ item, dataFailures: 0 })
    if (this.#keys > this.#options.max) {
      this.#options.logger.warn(
        { pending: this.#keys, max: this.#options.max },
        'cacheme: too many undelivered invalidations; will invalidate everything under the prefix instead',
      )
      this.#collapse()
    }
    this.#schedule()
    this.#listen()
  }

  /** Tries to deliver everything queued now. @returns `true` when the queue is empty afterwards. */
  async drain(): Promise<boolean> {
    this.#draining ??= this.#deliverAll().finally(() => {
      this.#draining = undefined
    })
    await this.#draining
    return this.#items.length === 0
  }

  /** Stops the retry timer (the queue is kept; `drain()` still works). */
  stop(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
  }

  #collapse(): void {
    this.#items = [{ item: { kind: 'everything' }, dataFailures: 0 }]
    this.#keys = 1
  }

  #schedule(): void {
    if (this.#timer || this.#items.length === 0) return
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      void this.drain()
    }, this.#retryMs)
    this.#timer.unref()
  }

  /** The next successful storage operation starts a drain (once per registration). */
  #listen(): void {
    if (this.#listening || this.#items.length === 0) return
    this.#listening = true
    this.#options.onAnswer(() => {
      this.#listening = false
      if (this.#items.length > 0) void this.drain()
    })
  }

  /**
   * In order, so that a later invalidation never overtakes an earlier one of the same key — except past
   * an item failing with a data error, which must not block the rest (see the module doc).
   */
  async #deliverAll(): Promise<void> {
    let at = 0
    while (at < this.#items.length) {
      const queued = this.#items[at]!
      try {
        await this.#deliver(queued.item)
      } catch (error) {
        if (CachemeError.is(error, 'E_STORAGE_DATA')) {
          queued.dataFailures += 1
          if (queued.dataFailures < MAX_DATA_ATTEMPTS) at += 1
          else if (this.#deadLetter(queued, error)) at = 0 // collapsed: deliver "everything" now
          continue
        }
        this.#options.report(error, 'invalidate-retry')
        // A refusal by the open breaker did not reach the storage: it says nothing about it.
        if (!refusedByBreaker(error)) this.#retryMs = Math.min(this.#retryMs * 2, MAX_RETRY_MS)
        this.#schedule()
        this.#listen()
        return
      }
      this.#remove(queued)
    }
    this.#retryMs = MIN_RETRY_MS
    if (this.#items.length > 0) this.#schedule() // data errors left, below their attempt bound
  }

  #remove(queued: Queued): void {
    const at = this.#items.indexOf(queued)
    if (at === -1) return // collapsed meanwhile
    this.#items.splice(at, 1)
    this.#keys -= weight(queued.item)
  }

  /**
   * Gives up on an item that keeps failing with a data error: report, replace by "everything".
   * @returns true when the queue was collapsed into "everything".
   */
  #deadLetter(queued: Queued, error: CachemeError): boolean {
    const { item } = queued
    this.#options.events.report(
      new CachemeError(
        'E_STORAGE_DATA',
        `an invalidation (${describe(item)}) failed ${MAX_DATA_ATTEMPTS} times on data of the wrong kind: ${error.message} → ${item.kind === 'everything' ? 'it was dropped; delete the offending key' : 'everything under the prefix is invalidated instead'}.`,
        { cause: error, details: { item: describe(item) } },
      ),
      'invalidate-dead-letter',
    )
    this.#remove(queued)
    if (item.kind === 'everything') {
      this.#options.logger.error({ error }, 'cacheme: could not invalidate everything under the prefix')
      return false
    }
    this.#collapse()
    return true
  }
}

/** True for the layer's "skipped: the circuit breaker is open" rejection. */
export function refusedByBreaker(error: unknown): error is CachemeError {
  return CachemeError.is(error, 'E_STORAGE_UNAVAILABLE') && error.details.breaker === 'open'
}

/** True for the "restart the sequence, then invalidate everything" item of a rollback. */
function isRestart(item: Invalidation): boolean {
  return item.kind === 'everything' && item.restart === true
}

/** What an item counts against the bound: its sets, or 1. */
function weight(item: Invalidation): number {
  return item.kind === 'sets' ? item.sets.length : 1
}

/** A short description of an item for messages. */
function describe(item: Invalidation): string {
  if (item.kind === 'sets') return `keys ${JSON.stringify(item.keys)}`
  return item.kind === 'model' ? `model ${JSON.stringify(item.model)}` : 'everything under the prefix'
}
