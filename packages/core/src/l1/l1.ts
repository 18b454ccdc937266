/**
 * The optional in-process tier (`createCacheme({ l1: { max, ttl } })`): an LRU of payloads in front of
 * the storage for hot keys, kept coherent across processes by the storage's invalidation notices.
 *
 * Guarantees:
 * - **Coherence**: an invalidation in any process publishes, after its removal, the keys it removed;
 *   every process drops them from its tier when the notice arrives. The staleness this adds is the
 *   notice's delay (pub/sub; sub-millisecond on loopback, see benchmarks/RESULTS.md): another process
 *   may serve the old value from its tier until the notice reaches it.
 * - **Race guard**: a value is kept only if no notice received since its read (or write) was sent touched
 *   its key (`notice-log.ts`), so a fill that raced an invalidation never keeps the old value.
 * - **Never trusted blind**: until the subscription is confirmed (and `maxLagMs` after that, so that
 *   invalidations in flight meanwhile deliver their notices first), after it is lost, when notices lag
 *   (the sequence the storage reports is not covered by received notices within `maxLagMs`, checked every
 *   `maxLagMs / 4`), when the sequence goes backwards, or when the sequence cannot be read, the tier is
 *   emptied and bypassed (reads go to the storage), then resubscribed; it is used again once the new
 *   subscription is confirmed. So a value is never served from the tier more than about
 *   `1.25 × maxLagMs` (plus a round trip) after an invalidation that completed, whatever pub/sub does.
 * - **Read-your-writes**: after this process's own invalidation resolves, the tier is bypassed until every
 *   notice up to its sequence has arrived (or `maxLagMs` passed, which drops the tier).
 * - A value is never kept longer than the storage keeps it (its TTL is read along) nor than `ttl`.
 *
 * Opt-in because it trades that cross-process staleness window for hits without a round trip.
 * Limits: per process and per instance; a hit decodes the payload (fresh copy per call); undelivered
 * (queued) invalidations empty the tier and bypass it while queued.
 */
import type { Events } from '../events.js'
import type { LocalInvalidations } from '../invalidation/invalidations.js'
import type { ResilientStorage } from '../resilience/resilient-storage.js'
import type { InvalidationNotice, NoticeListener, NoticeSubscription } from '../storage/storage.js'
import { LocalTier } from './local-tier.js'
import { NoticeLog } from './notice-log.js'

/** The `l1` option of `createCacheme`. */
export interface L1Options {
  /** Most entries kept (least recently used evicted first). */
  readonly max: number
  /** Seconds an entry is kept at most (fractions allowed); also never longer than its storage TTL. */
  readonly ttl: number
  /**
   * Milliseconds notices may lag before the tier is dropped and bypassed (default 100): the bound on how
   * long another process's completed invalidation can go unseen when pub/sub misbehaves.
   */
  readonly maxLagMs?: number
}

/** `cm.l1`: the tier's state, for health checks and dashboards. */
export interface L1Status {
  /** `connecting` (not subscribed yet), `ready` (serving), `dropped` (bypassed until resubscribed). */
  readonly state: 'connecting' | 'ready' | 'dropped'
  /** Entries held. */
  readonly entries: number
}

/** The tier of one instance. */
export class L1 implements LocalInvalidations {
  readonly #storage: ResilientStorage
  readonly #events: Events
  readonly #ttlMs: number
  readonly #maxLagMs: number
  readonly #tier: LocalTier
  readonly #log = new NoticeLog()
  #subscription: NoticeSubscription | undefined
  #generation = 0
  #state: L1Status['state'] = 'connecting'
  /** The current subscription is confirmed (and nothing made it untrustworthy since): fills may be kept. */
  #confirmed = false
  /** Marks below this were taken before the current subscription was confirmed: their fills are refused. */
  #trustedSince = Number.POSITIVE_INFINITY
  /** Serving starts at this time (`maxLagMs` after the confirmation, see `#ready`). */
  #serveFrom = Number.POSITIVE_INFINITY
  /** Sequences the storage reported, with when their notice must have arrived. */
  #expected: { seq: number; deadline: number }[] = []
  /** This process's invalidations whose notice has not arrived yet, with their deadline. */
  readonly #ownPending = new Map<number, number>()
  #timer: NodeJS.Timeout | undefined
  #heartbeat = false
  /** The sequence the previous heartbeat read. */
  #lastHeartbeat: number | undefined
  #closed = false

  constructor(storage: ResilientStorage, events: Events, options: Required<L1Options>) {
    this.#storage = storage
    this.#events = events
    this.#ttlMs = options.ttl * 1000
    this.#maxLagMs = options.maxLagMs
    this.#tier = new LocalTier(options.max)
  }

  get status(): L1Status {
    return { state: this.#state, entries: this.#tier.size }
  }

  /** Subscribes (once; later calls do nothing). Called on the instance's first cached call or `ready()`. */
  start(): void {
    if (this.#subscription !== undefined || this.#closed) return
    this.#subscribe()
    this.#timer = setInterval(() => this.#tick(), Math.max(5, this.#maxLagMs / 4))
    this.#timer.unref()
  }

  /** The payload cached in process for `key`, when the tier may serve now. */
  get(key: string): string | undefined {
    if (this.#state !== 'ready' || this.#ownPending.size > 0) {
      if (this.#subscription === undefined) this.start()
      return undefined
    }
    return this.#tier.get(key, performance.now())
  }

  /** Forgets one entry (its payload did not decode). */
  forget(key: string): void {
    this.#tier.delete(key)
  }

  /** The mark to take before sending a read (or a miss's read) whose payload may be kept. */
  mark(): number {
    return this.#log.mark
  }

  /**
   * Keeps a payload read from (or written to) the storage by a request sent at `sentAt` with `mark`, for
   * `ttlMs` at most (`-1`: no storage TTL), unless a notice since `mark` touched the key.
   */
  fill(key: string, payload: string, ttlMs: number, sentAt: number, mark: number): void {
    if (!this.#confirmed || mark < this.#trustedSince) return
    if (ttlMs === 0 || ttlMs < -1) return // gone, or no longer alive
    if (!this.#log.untouchedSince(mark, key)) return
    const lifetime = ttlMs === -1 ? this.#ttlMs : Math.min(this.#ttlMs, ttlMs)
    this.#tier.set(key, payload, sentAt + lifetime)
  }

  /**
   * This process's invalidation was delivered: bypass the tier until every notice up to its sequence
   * arrived — not just its own. On Cluster notices are published after the deletions, by whichever
   * process invalidated, so an earlier invalidation's notice can arrive later; that one may be the notice
   * that lists a key this invalidation found already removed.
   */
  delivered(seq: number | undefined): void {
    if (seq === undefined || !this.#confirmed || this.#caughtUp(seq)) return
    this.#ownPending.set(seq, performance.now() + this.#maxLagMs)
  }

  #caughtUp(seq: number): boolean {
    const watermark = this.#log.watermark
    return watermark !== undefined && watermark >= seq
  }

  /** An invalidation could not be delivered (it is queued): its entries may be anywhere in the tier. */
  failed(): void {
    this.#tier.clear()
  }

  async close(): Promise<void> {
    this.#closed = true
    clearInterval(this.#timer)
    this.#tier.clear()
    const subscription = this.#subscription
    this.#subscription = undefined
    this.#generation += 1
    await subscription?.close()
  }

  #subscribe(): void {
    const generation = ++this.#generation
    const current = () => generation === this.#generation && !this.#closed
    const listener: NoticeListener = {
      ready: () => {
        if (current()) this.#ready()
      },
      lost: () => {
        if (current()) this.#drop('the notice subscription was lost', false)
      },
      notice: (notice) => {
        if (current()) this.#notice(notice)
      },
    }
    this.#subscription = this.#storage.subscribe(listener)
  }

  /**
   * The subscription is confirmed: fills are kept from now on, and the tier serves `maxLagMs` later —
   * invalidations that were in flight while it subscribed had that long to deliver their notices (their
   * numbers are below the baseline, so the lag check cannot wait for them).
   */
  #ready(): void {
    this.#confirmed = true
    this.#trustedSince = this.#log.mark
    this.#serveFrom = performance.now() + this.#maxLagMs
    const generation = this.#generation
    this.#storage.readSequence().then(
      (seq) => {
        if (generation === this.#generation && this.#confirmed) this.#log.baseline(seq)
      },
      () => {
        if (generation === this.#generation) this.#drop('the invalidation sequence cannot be read', true)
      },
    )
  }

  #notice(notice: InvalidationNotice): void {
    if (notice.restarted === true) {
      // The sequence restarted (first invalidation of the prefix, lost meta keys): the numbers it skipped
      // have no notice. Start over from it, with an empty tier: nothing older can matter any more.
      this.#tier.clear()
      this.#log.restart(notice.seq)
      this.#ownPending.clear()
      this.#expected = []
      return
    }
    if (notice.keys === undefined) this.#tier.clear()
    else for (const key of notice.keys) this.#tier.delete(key)
    if (!this.#log.record(notice.keys, notice.seq)) this.#drop('notices have a gap that does not close', true)
    for (const seq of this.#ownPending.keys()) if (this.#caughtUp(seq)) this.#ownPending.delete(seq)
  }

  /** Every `maxLagMs / 4`: start serving when due; read the sequence, and drop the tier if notices fell behind. */
  #tick(): void {
    if (!this.#confirmed) return
    if (
      this.#state !== 'ready' &&
      performance.now() >= this.#serveFrom &&
      this.#log.watermark !== undefined
    ) {
      this.#state = 'ready'
      this.#events.emit('l1', { state: 'ready' })
    }
    if (this.#heartbeat) return
    this.#heartbeat = true
    const generation = this.#generation
    this.#storage.readSequence().then(
      (seq) => {
        this.#heartbeat = false
        if (generation !== this.#generation || !this.#confirmed) return
        this.#check(seq, performance.now())
      },
      () => {
        this.#heartbeat = false
        if (generation === this.#generation) this.#drop('the invalidation sequence cannot be read', true)
      },
    )
  }

  #check(seq: number, now: number): void {
    // Compared with the previous heartbeat only: both came over the same connection, in order, while a
    // notice may well have overtaken this reply.
    const previous = this.#lastHeartbeat
    this.#lastHeartbeat = seq
    if (previous !== undefined && seq < previous) {
      this.#drop('the invalidation sequence went backwards', true)
      return
    }
    const watermark = this.#log.watermark
    this.#expected.push({ seq, deadline: now + this.#maxLagMs })
    while (this.#expected.length > 0 && this.#expected[0]!.deadline <= now) {
      const due = this.#expected.shift()!
      if (watermark === undefined || watermark < due.seq) {
        this.#drop(`notices lag more than ${this.#maxLagMs} ms`, true)
        return
      }
    }
    for (const deadline of this.#ownPending.values()) {
      if (deadline <= now) {
        this.#drop(
          `the notice of an invalidation of this process is more than ${this.#maxLagMs} ms late`,
          true,
        )
        return
      }
    }
  }

  /** Empties and bypasses the tier; with `resubscribe`, replaces a subscription that cannot be trusted. */
  #drop(reason: string, resubscribe: boolean): void {
    this.#tier.clear()
    this.#log.recordLoss()
    this.#ownPending.clear()
    this.#expected = []
    this.#lastHeartbeat = undefined
    this.#confirmed = false
    this.#trustedSince = Number.POSITIVE_INFINITY
    this.#serveFrom = Number.POSITIVE_INFINITY
    if (this.#state !== 'dropped') {
      this.#state = 'dropped'
      this.#events.emit('l1', { state: 'dropped', reason })
    }
    if (resubscribe && !this.#closed) {
      const old = this.#subscription
      this.#subscribe()
      void old?.close()
    }
  }
}
