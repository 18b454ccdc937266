/**
 * The newest invalidation sequence this instance has seen in any storage reply — the race guard's
 * snapshot for misses — and the one place that watches the sequence for going backwards.
 *
 * Why remember it instead of reading it with every read: the snapshot is only needed when a read misses,
 * but a read cannot know in advance that it will miss, and reading the sequence with every hit doubled
 * the server commands of a hit (~8 µs of client CPU each, benchmarks/PROFILE.md). A snapshot *older* than
 * the true sequence is conservative for the guard: a write is rejected when one of its guard names was
 * logged after the snapshot, so an old snapshot can only cause extra rejections, never let a stale value
 * through. Any value the server returned before a computation started is at most the sequence at that
 * moment, so {@link snapshot} — the value of the newest reply observed so far — is a sound snapshot for a
 * miss that is about to compute.
 *
 * Freshness: reads ask for the sequence (one more command in the same round trip) while nothing was
 * observed yet, and once the remembered value is older than {@link SEQUENCE_MAX_AGE_MS} — then by one read
 * at a time (under load that is one extra command per millisecond, not per read). A local invalidation
 * observes the sequence it logged, and a write the guard rejected makes the next read refresh. The cost
 * of the remembered value being old is bounded: a miss is rejected needlessly only when one of its guard
 * names was invalidated by *another* process in the last {@link SEQUENCE_MAX_AGE_MS} (plus a round trip)
 * before the miss computed; the value is then simply not cached that time, and the next miss (which
 * refreshes first) caches it.
 *
 * Going backwards: on one connection the server executes requests in the order they were sent and the
 * sequence only grows, so a lower value in the reply to a *newer* request (tickets order them, see
 * {@link SequenceTracker.ticket}) means the server lost or rolled back its meta keys (a restart from an older snapshot, a
 * failover to a lagging replica). The tracker then adopts the lower value — never keeping a snapshot
 * above the server's sequence, which would not be conservative — and counts the regression
 * ({@link regressions}) and tells its listener ({@link onRegression}): the invalidation component then
 * treats it like lost meta keys (restart the sequence above everything seen, invalidate everything).
 *
 * Limits: between a regression on the server and the first reply showing it, snapshots taken from the
 * remembered value are too high (at most {@link SEQUENCE_MAX_AGE_MS} of them under load, since reads
 * refresh); the same window existed before, between a snapshot read and a regression.
 */

/** How old (ms) the remembered sequence may be before a read refreshes it. */
export const SEQUENCE_MAX_AGE_MS = 1

/** The remembered invalidation sequence of one instance (one storage and prefix). */
export class SequenceTracker {
  readonly #maxAgeMs: number
  #latest: number | undefined
  /** Ticket of the request `#latest` came from. */
  #latestTicket = 0
  #tickets = 0
  #observedAt = Number.NEGATIVE_INFINITY
  /** Reads in flight that were asked to bring the sequence back. */
  #refreshing = 0
  #regressions = 0
  #onRegression: ((highest: number, now: number) => void) | undefined

  /** @param maxAgeMs see {@link SEQUENCE_MAX_AGE_MS} (only tests pass another value). */
  constructor(maxAgeMs = SEQUENCE_MAX_AGE_MS) {
    this.#maxAgeMs = maxAgeMs
  }

  /**
   * A sound race-guard snapshot for a miss about to compute: the sequence of the newest reply observed,
   * or `undefined` when none was (the miss then does not write).
   */
  get snapshot(): number | undefined {
    return this.#latest
  }

  /** How often a newer reply showed a lower sequence than an older one (see the module doc). */
  get regressions(): number {
    return this.#regressions
  }

  /**
   * A ticket for a request about to be sent whose reply carries the sequence (an invalidation, a lock
   * read): tickets order replies by when their requests were sent, which is the order the server
   * executed them in on one connection, whatever order their continuations run in.
   */
  ticket(): number {
    this.#tickets += 1
    return this.#tickets
  }

  /**
   * Should the read about to be sent also fetch the sequence? Yes while nothing is known (every read,
   * until the first answer), and when the value is stale and no other read is already fetching it.
   * @returns a ticket (pass it to {@link observe}, or to {@link settled} if the read fails), or 0: do not
   *   ask.
   */
  claim(): number {
    if (this.#latest !== undefined) {
      if (this.#refreshing > 0 || performance.now() - this.#observedAt <= this.#maxAgeMs) return 0
    }
    this.#refreshing += 1
    return this.ticket()
  }

  /** A claimed read settled without a sequence (it failed). */
  settled(ticket: number): void {
    if (ticket > 0 && this.#refreshing > 0) this.#refreshing -= 1
  }

  /**
   * The sequence `seq` came back with the request of `ticket`. The newest request's value is kept: a
   * higher one is newer; a lower one from a *newer* request is a regression (the server went backwards,
   * and only the lower value is a sound snapshot). A reply of an older request arriving late is ignored.
   * @returns true when this reply showed a regression (the caller must not trust what came with it).
   */
  observe(seq: number, ticket: number, claimed = false): boolean {
    if (claimed) this.settled(ticket)
    if (ticket <= this.#latestTicket) return false
    const regressed = this.#latest !== undefined && seq < this.#latest
    const highest = this.#latest
    this.#latest = seq
    this.#latestTicket = ticket
    this.#observedAt = performance.now()
    if (regressed) {
      this.#regressions += 1
      this.#onRegression?.(highest!, seq)
    }
    return regressed
  }

  /**
   * Told of every regression, with the highest sequence seen before and the lower one seen now (the
   * invalidation component treats it like lost meta keys, see `invalidations.ts`). One listener.
   */
  onRegression(listener: (highest: number, now: number) => void): void {
    this.#onRegression = listener
  }

  /** The next read refreshes (a write was rejected: the snapshot may be behind another process). */
  stale(): void {
    this.#observedAt = Number.NEGATIVE_INFINITY
  }
}
