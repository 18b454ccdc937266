/**
 * A coarse timeline of a scenario (one sample per bucket): how many calls each instance served from the
 * cache and how many it computed, and its pending invalidations. It shows at a glance when caching
 * stopped and when it resumed; the figures are in `PhaseStats`.
 */
import type { Workload } from './workload.js'

export interface TimelineSample {
  /** Milliseconds since the scenario started. */
  readonly t: number
  readonly phase: string
  /** Per instance: hits / computes in this bucket, pending invalidations at its end. */
  readonly hits: readonly number[]
  readonly computes: readonly number[]
  readonly pending: readonly number[]
}

export class Timeline {
  readonly samples: TimelineSample[] = []
  readonly #timer: NodeJS.Timeout
  readonly #origin = performance.now()

  constructor(workload: Workload, bucketMs: number) {
    let last = workload.counters()
    this.#timer = setInterval(() => {
      const now = workload.counters()
      this.samples.push({
        t: Math.round(performance.now() - this.#origin),
        phase: workload.stats.phase,
        hits: now.map((c, i) => c.hits - last[i]!.hits),
        computes: now.map((c, i) => c.computes - last[i]!.computes),
        pending: workload.instances.map((cm) => cm.pendingInvalidations),
      })
      last = now
    }, bucketMs)
  }

  stop(): void {
    clearInterval(this.#timer)
  }
}
