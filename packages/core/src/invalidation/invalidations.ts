/**
 * The invalidation component of an instance: it owns all invalidation state, so that the cached-call
 * path only has to read it ({@link InvalidationState}):
 *
 * - the **retry queue** of invalidations that could not be delivered (`retry-queue.ts`), and therefore
 *   the **pending count**: while it is above 0 the cache path bypasses the cache entirely, so this process
 *   never serves a value that a pending invalidation would have removed;
 * - the **local epoch**, bumped synchronously when an invalidation starts: a cached call never joins an
 *   in-flight computation of an older epoch, which may have read the rows from before the change;
 * - the **background-delivery barrier**: deliveries an adapter did not wait for (`delivery:
 *   'background'`); every cached read of the instance waits for the ones in flight first
 *   (read-your-writes inside the process).
 *
 * Every method that invalidates never rejects on storage trouble: the invalidation is queued instead.
 * Only explicit admin calls (`pattern`) throw, and malformed input throws before anything happens.
 */
import { CachemeError } from '../errors.js'
import type { Events, InvalidationCause, Logger } from '../events.js'
import { keyGuard, tagGuard } from '../guard-names.js'
import type { KeySpace } from '../key.js'
import type { ResilientStorage } from '../resilience/resilient-storage.js'
import type { SequenceTracker } from '../sequence-tracker.js'
import { type Delivered, Delivery, type Invalidation } from './delivery.js'
import type { PatternOptions, PatternResult } from './pattern-run.js'
import { RetryQueue, refusedByBreaker } from './retry-queue.js'

/** While the breaker is open, refused invalidations are reported at most once per this many ms. */
export const SKIP_REPORT_MS = 1000

/** What the cached-call path reads from the invalidation component (and nothing else). */
export interface InvalidationState {
  /** Local invalidation epoch: bumped when an invalidation of this instance starts. */
  readonly epoch: number
  /** Undelivered invalidations; while > 0 the cache must be bypassed. */
  readonly pending: number
  /** Settles when the background deliveries started so far are done; `undefined` when there are none. */
  barrier(): Promise<void> | undefined
}

/**
 * Told about this process's own invalidations (the in-process tier, `l1/l1.ts`, implements it): it must
 * not serve what they removed, and cannot know what that was until their notice arrives.
 */
export interface LocalInvalidations {
  /** An invalidation was delivered, with the sequence it logged. Called before the caller is resolved. */
  delivered(seq: number | undefined): void
  /** An invalidation could not be delivered and was queued. */
  failed(): void
}

/** Options of {@link Invalidations}. */
export interface InvalidationOptions {
  /** `false`: every invalidation is a no-op (the instance is disabled). */
  readonly enabled: boolean
  /** Bound of the retry queue, in invalid keys. */
  readonly maxPending: number
  /** Told when the retry queue collapses. */
  readonly logger: Logger
  /** Learns the sequence every delivered invalidation logged (the race guard's remembered snapshot). */
  readonly sequence: SequenceTracker
  /** The in-process tier, when configured. */
  readonly local: LocalInvalidations | undefined
}

/** Invalidation by key, tag, model and pattern, with all the state that goes with it. */
export class Invalidations implements InvalidationState {
  readonly #keys: KeySpace
  readonly #events: Events
  readonly #enabled: boolean
  readonly #delivery: Delivery
  readonly #queue: RetryQueue
  readonly #sequence: SequenceTracker
  readonly #local: LocalInvalidations | undefined
  readonly #background = new Set<Promise<void>>()
  #epoch = 0
  #skipReportedAt = Number.NEGATIVE_INFINITY
  #skipsSuppressed = 0

  constructor(storage: ResilientStorage, keys: KeySpace, events: Events, options: InvalidationOptions) {
    this.#keys = keys
    this.#events = events
    this.#enabled = options.enabled
    this.#delivery = new Delivery(storage, keys, events)
    this.#sequence = options.sequence
    this.#local = options.local
    this.#queue = new RetryQueue((item) => this.#deliver(item), {
      max: options.maxPending,
      logger: options.logger,
      events,
      onAnswer: (listener) => storage.onAnswer(listener),
      report: (error, operation) => this.#report(error, operation),
    })
    options.sequence.onRegression((highest, now) => this.#rolledBack(highest, now))
  }

  get epoch(): number {
    return this.#epoch
  }

  get pending(): number {
    return this.#queue.size
  }

  barrier(): Promise<void> | undefined {
    return this.#background.size === 0 ? undefined : Promise.all(this.#background).then(() => undefined)
  }

  /**
   * Tracks a delivery nobody awaits (`delivery: 'background'`): cached reads wait for it until it
   * settles. Never rejects; a failure is reported.
   */
  track(delivery: Promise<void>): void {
    const tracked: Promise<void> = delivery
      .catch((error: unknown) => this.#events.report(error, 'background-invalidate'))
      .finally(() => this.#background.delete(tracked))
    this.#background.add(tracked)
  }

  /** Removes every entry registered under each (already validated) invalid key. @returns entries removed. */
  keys(keys: readonly string[], cause: InvalidationCause): Promise<number> {
    if (keys.length === 0) return Promise.resolve(0)
    return this.#attempt({
      kind: 'sets',
      guards: keys.map(keyGuard),
      sets: keys.map((key) => this.#keys.invalidSet(key)),
      keys,
      cause,
    })
  }

  /** Removes every entry of a tag (its index set is an ordinary set of full keys). */
  tag(tag: string): Promise<number> {
    return this.#attempt({
      kind: 'sets',
      guards: [tagGuard(tag)],
      sets: [this.#keys.tagSet(tag)],
      keys: [tag],
      cause: { kind: 'tag' },
    })
  }

  /** Removes every entry registered under an invalid key of `model` (`<model>:*`) or under `<model>`. */
  model(model: string, cause: InvalidationCause): Promise<number> {
    return this.#attempt({ kind: 'model', model, cause })
  }

  /**
   * Deletes keys matching a glob under the prefix (see `Delivery.pattern`). Storage errors are thrown,
   * not queued: this is an explicit admin operation.
   */
  async pattern(pattern: string, options: PatternOptions): Promise<PatternResult> {
    if (!this.#enabled)
      return { matched: 0, deleted: 0, steps: 0, sample: [], cancelled: false, entriesRemoved: 0 }
    if (options.dryRun !== true) this.#epoch += 1
    const ticket = this.#sequence.ticket()
    const { seq, ...result } = await this.#delivery.pattern(pattern, options)
    if (seq !== undefined) this.#sequence.observe(seq, ticket)
    if (options.dryRun !== true) this.#local?.delivered(seq)
    return result
  }

  /** Tries to deliver the queue now. @returns `true` when nothing is pending any more. */
  drain(): Promise<boolean> {
    return this.#queue.drain()
  }

  /** Stops the retry timer (the queue is kept). */
  stop(): void {
    this.#queue.stop()
  }

  async #attempt(item: Invalidation): Promise<number> {
    if (!this.#enabled) return 0
    this.#epoch += 1
    try {
      return (await this.#deliver(item)).removed
    } catch (error) {
      this.#report(error, 'invalidate')
      this.#queue.add(item)
      this.#local?.failed()
      return 0
    }
  }

  /**
   * The storage's sequence went backwards (a restart from an older RDB, a failover to a lagging
   * replica): the values it holds may predate invalidations that were acknowledged, and its log no
   * longer rejects writes computed before them. Treated like lost meta keys, only stronger: the cache
   * is bypassed at once (a queued item), the sequence is restarted above everything seen and everything
   * under the prefix is invalidated (`Delivery.deliver`), and one `error` event says so.
   */
  #rolledBack(highest: number, now: number): void {
    // While its own recovery runs, the sequence is briefly missing (read as 0): not another rollback.
    if (!this.#enabled || this.#queue.restarting) return
    this.#epoch += 1
    this.#events.report(
      new CachemeError(
        'E_STORAGE_DATA',
        `the invalidation sequence went backwards (${now} after ${highest} was seen): the storage restarted from an older snapshot or failed over to a lagging replica → everything under the prefix is invalidated; use AOF with appendfsync always to rule this out.`,
        { details: { highest, now } },
      ),
      'rollback',
    )
    this.#queue.add({ kind: 'everything', restart: true })
    this.#local?.failed()
    void this.#queue.drain()
  }

  /**
   * Reports a failed invalidation. While the breaker is open every invalidation is refused at once, so
   * those refusals are reported at most once per {@link SKIP_REPORT_MS}, the next report counting the
   * ones left out (`details.suppressed`): one event per second instead of one per invalidation.
   */
  #report(error: unknown, operation: string): void {
    if (refusedByBreaker(error)) {
      const now = performance.now()
      if (now - this.#skipReportedAt < SKIP_REPORT_MS) {
        this.#skipsSuppressed += 1
        return
      }
      this.#skipReportedAt = now
      const suppressed = this.#skipsSuppressed
      this.#skipsSuppressed = 0
      if (suppressed > 0) {
        this.#events.report(
          new CachemeError(
            error.code,
            `${error.message} (${suppressed} more refused since the last report)`,
            {
              cause: error.cause,
              details: { ...error.details, suppressed },
            },
          ),
          operation,
        )
        return
      }
    }
    this.#events.report(error, operation)
  }

  /** Delivers one item (now or from the retry queue); the sequence it logged is remembered. */
  async #deliver(item: Invalidation): Promise<Delivered> {
    const ticket = this.#sequence.ticket()
    const delivered = await this.#delivery.deliver(item)
    if (delivered.seq !== undefined) this.#sequence.observe(delivered.seq, ticket)
    this.#local?.delivered(delivered.seq)
    return delivered
  }
}
