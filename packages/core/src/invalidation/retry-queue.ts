/**
 * The queue of invalidations that could not be delivered, retried with exponential backoff.
 *
 * Why: a lost invalidation is stale data served until the TTL (possibly forever). When the storage is
 * unreachable, invalidations are kept in memory and retried (50 ms doubling to 5 s). While anything is
 * queued, the cached-call path bypasses the cache entirely (see `invalidations.ts`).
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
import type { Events, Logger } from '../events.js'
import type { Invalidation } from './delivery.js'

const MIN_RETRY_MS = 50
const MAX_RETRY_MS = 5000

/** Undelivered invalidations of one storage layer. */
export class RetryQueue {
  readonly #deliver: (item: Invalidation) => Promise<unknown>
  readonly #max: number
  readonly #logger: Logger
  readonly #events: Events
  #items: Invalidation[] = []
  #keys = 0
  #timer: NodeJS.Timeout | undefined
  #retryMs = MIN_RETRY_MS
  #draining: Promise<void> | undefined

  /** @param deliver sends one item; rejects when the storage is still unavailable. */
  constructor(
    deliver: (item: Invalidation) => Promise<unknown>,
    options: { max: number; logger: Logger; events: Events },
  ) {
    this.#deliver = deliver
    this.#max = options.max
    this.#logger = options.logger
    this.#events = options.events
  }

  /** Number of queued invalidations. */
  get size(): number {
    return this.#items.length
  }

  /** Queues an item and schedules a retry; collapses the queue when it grows past the bound. */
  add(item: Invalidation): void {
    if (this.#items.some((queued) => queued.kind === 'everything')) return
    this.#keys += weight(item)
    this.#items.push(item)
    if (this.#keys > this.#max) {
      this.#logger.warn(
        { pending: this.#keys, max: this.#max },
        'cacheme: too many undelivered invalidations; will invalidate everything under the prefix instead',
      )
      this.#items = [{ kind: 'everything' }]
      this.#keys = 1
    }
    this.#schedule()
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

  #schedule(): void {
    if (this.#timer || this.#items.length === 0) return
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      void this.drain()
    }, this.#retryMs)
    this.#timer.unref()
  }

  /** In order, so that a later invalidation never overtakes an earlier one of the same key. */
  async #deliverAll(): Promise<void> {
    while (this.#items.length > 0) {
      const item = this.#items[0]!
      try {
        await this.#deliver(item)
      } catch (error) {
        this.#events.report(error, 'invalidate-retry')
        this.#retryMs = Math.min(this.#retryMs * 2, MAX_RETRY_MS)
        this.#schedule()
        return
      }
      this.#items.shift()
      this.#keys -= weight(item)
    }
    this.#retryMs = MIN_RETRY_MS
  }
}

/** What an item counts against the bound: its sets, or 1. */
function weight(item: Invalidation): number {
  return item.kind === 'sets' ? item.sets.length : 1
}
