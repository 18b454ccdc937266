/**
 * Counters of the fault workload, per phase of a scenario. A call or invalidation belongs to the phase
 * in which it *started*.
 *
 * - `before`: warm-up, Redis healthy;
 * - `outage`: from the fault's injection until it is lifted (process resumed, restarted, port back, or
 *   replica promoted);
 * - `recovery`: from then until every instance serves hits again and has no pending invalidation;
 * - `after`: a short tail of normal operation.
 */
import { type Summary, summarize } from '../stats/summary.js'

export const PHASES = ['before', 'outage', 'recovery', 'after'] as const
export type Phase = (typeof PHASES)[number]

/** The figures of one phase. */
export interface PhaseFigures {
  /** Cached calls made (reads). */
  readonly calls: number
  /** Calls that rejected (must be 0: cacheme fails open). */
  readonly threw: number
  /** Reads that returned a version older than one whose invalidation resolved through the same instance. */
  readonly staleOwn: number
  /** Reads older than an invalidation that resolved through another instance (another process). */
  readonly staleCross: number
  /** Reads served from the cache. */
  readonly hits: number
  /** Cache overhead per call: call duration minus the function's own compute time (ms). */
  readonly extraLatencyMs: Summary
  /** `error` events emitted by the instances. */
  readonly errorEvents: number
  /** Invalidations issued, and how many of those were queued (storage unreachable). */
  readonly invalidations: number
  readonly queuedInvalidations: number
}

class PhaseCounters {
  calls = 0
  threw = 0
  staleOwn = 0
  staleCross = 0
  hits = 0
  errorEvents = 0
  invalidations = 0
  queuedInvalidations = 0
  readonly extra: number[] = []

  figures(): PhaseFigures {
    const { calls, threw, staleOwn, staleCross, hits, errorEvents, invalidations, queuedInvalidations } = this
    return {
      calls,
      threw,
      staleOwn,
      staleCross,
      hits,
      extraLatencyMs: summarize(this.extra),
      errorEvents,
      invalidations,
      queuedInvalidations,
    }
  }
}

export class PhaseStats {
  #phase: Phase = 'before'
  readonly #started = new Map<Phase, number>([['before', performance.now()]])
  readonly #counters = new Map<Phase, PhaseCounters>(PHASES.map((p) => [p, new PhaseCounters()]))
  /** First few messages of calls that threw, for the report. */
  readonly thrownSamples: string[] = []
  /** First few stale reads, for the report. */
  readonly staleSamples: string[] = []
  /** `error` event messages by phase, counted (bounded to 20 distinct messages). */
  readonly errorMessages = new Map<string, number>()

  /** Counts one `error` event message under the current phase. */
  error(message: string): void {
    const key = `${this.#phase}: ${message}`
    if (this.errorMessages.has(key) || this.errorMessages.size < 20) {
      this.errorMessages.set(key, (this.errorMessages.get(key) ?? 0) + 1)
    }
  }

  get phase(): Phase {
    return this.#phase
  }

  /** Moves to `phase` now; returns the time (performance.now()). */
  enter(phase: Phase): number {
    const now = performance.now()
    this.#phase = phase
    this.#started.set(phase, now)
    return now
  }

  /** When `phase` began (performance.now()), if it did. */
  startedAt(phase: Phase): number | undefined {
    return this.#started.get(phase)
  }

  /** The counters of the current phase (what a call starting now is attributed to). */
  current(): PhaseCounters {
    return this.#counters.get(this.#phase)!
  }

  /** Counters of an explicit phase (a call attributes its result to the phase it started in). */
  of(phase: Phase): PhaseCounters {
    return this.#counters.get(phase)!
  }

  figures(): Record<Phase, PhaseFigures> {
    return Object.fromEntries(PHASES.map((p) => [p, this.#counters.get(p)!.figures()])) as Record<
      Phase,
      PhaseFigures
    >
  }
}
