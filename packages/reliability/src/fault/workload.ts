/**
 * The bounded workload every fault scenario runs: several concurrent reader loops over a few hundred keys
 * through two cacheme instances ("two processes" sharing one Redis and prefix), each value computed from
 * two rows, and a writer that periodically commits a row and invalidates it, alternating instances. Every
 * read is checked against {@link GroundTruth}; every figure is attributed to a {@link Phase}.
 *
 * Bounded by design: a fixed number of loops and keys, and the loops stop when `stop()` is called; the
 * scenario decides how long each phase lasts.
 */
import type { Cacheme } from '@cacheme/core'
import { Random } from '../stats/random.js'
import { GroundTruth, layout, type PairValue } from './ground-truth.js'
import { type Phase, PhaseStats } from './phase-stats.js'

export interface WorkloadOptions {
  readonly seed: number
  /** Concurrent reader loops (spread over the instances). */
  readonly loops: number
  /** Distinct cache keys. */
  readonly keys: number
  /** Rows, i.e. invalid keys `Row:<n>`; each value depends on two of them. */
  readonly rows: number
  /** Pause of the writer between two commits (ms). */
  readonly writeEveryMs: number
  /** Upper bound of the simulated database time of one compute (ms, uniform). */
  readonly computeMs: number
}

/** Call counters per instance, sampled into the timeline. */
interface InstanceState {
  readonly cm: Cacheme
  hits: number
  computes: number
  /** performance.now() of the first value served from Redis after `watchRecovery()`, if any yet. */
  firstHitAt: number | undefined
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export class Workload {
  readonly truth: GroundTruth
  readonly stats = new PhaseStats()
  readonly options: WorkloadOptions
  readonly #instances: InstanceState[]
  readonly #random: Random
  readonly #fns: ((k: number, probe: { computeMs: number }) => Promise<PairValue>)[]
  #active = false
  #writerPaused = false
  #loops: Promise<void>[] = []
  #writesInFlight = 0
  #watchFrom: number | undefined
  /** Computations running now, by `instance:k` (tells a joined computation from a storage hit). */
  readonly #running = new Map<string, number>()

  constructor(instances: readonly Cacheme[], options: WorkloadOptions) {
    this.options = options
    this.truth = new GroundTruth(options.rows, instances.length)
    this.#random = new Random(options.seed)
    this.#instances = instances.map((cm) => ({ cm, hits: 0, computes: 0, firstHitAt: undefined }))
    this.#fns = this.#instances.map((state, i) => this.#define(state, i))
    for (const state of this.#instances) {
      state.cm.on('hit', () => {
        state.hits += 1
        this.stats.current().hits += 1
      })
      state.cm.on('error', (event) => {
        this.stats.current().errorEvents += 1
        this.stats.error(`${event.operation}: ${event.error.message.split(' → ')[0]}`)
      })
    }
  }

  get instances(): readonly Cacheme[] {
    return this.#instances.map((state) => state.cm)
  }

  /** From now on, remember each instance's first hit (time until caching resumes after a fault). */
  watchRecovery(): void {
    this.#watchFrom = performance.now()
    for (const state of this.#instances) state.firstHitAt = undefined
  }

  /** performance.now() of each instance's first hit since `watchRecovery()` (undefined: none yet). */
  firstHits(): (number | undefined)[] {
    return this.#instances.map((state) => state.firstHitAt)
  }

  /** Hits and computes so far, per instance (the timeline samples these). */
  counters(): { hits: number; computes: number }[] {
    return this.#instances.map(({ hits, computes }) => ({ hits, computes }))
  }

  start(): void {
    this.#active = true
    const loops = Array.from({ length: this.options.loops }, (_, n) => this.#reader(n))
    this.#loops = [...loops, this.#writer()]
  }

  /** Stops every loop and waits for the calls in flight. */
  async stop(): Promise<void> {
    this.#active = false
    await Promise.all(this.#loops)
  }

  /** Holds the writer (no new commits) and waits for the invalidations in flight; see `kill-restart-rdb`. */
  async pauseWriter(): Promise<void> {
    this.#writerPaused = true
    while (this.#writesInFlight > 0) await sleep(5)
  }

  resumeWriter(): void {
    this.#writerPaused = false
  }

  /** The cached function of one instance: reads two rows with simulated database time in between. */
  #define(state: InstanceState, index: number) {
    const { rows, computeMs } = this.options
    const random = this.#random.fork(1000 + index)
    return state.cm.cacheme<[number, { computeMs: number }], PairValue>({
      key: (c) => layout(c.args[0], rows).key,
      invalidKeys: (c) => [`Row:${c.result.a}`, `Row:${c.result.b}`],
      tag: 'fault-workload',
    })(async (k, probe) => {
      const started = performance.now()
      const id = `${index}:${k}`
      state.computes += 1
      this.#running.set(id, (this.#running.get(id) ?? 0) + 1)
      try {
        const { a, b } = layout(k, rows)
        const va = this.truth.version(a)
        await sleep(random.next() * computeMs)
        const vb = this.truth.version(b)
        probe.computeMs = performance.now() - started
        return { k, a, va, b, vb }
      } finally {
        this.#running.set(id, this.#running.get(id)! - 1)
      }
    })
  }

  async #reader(n: number): Promise<void> {
    const random = this.#random.fork(n)
    const instance = n % this.#instances.length
    const fn = this.#fns[instance]!
    while (this.#active) {
      const k = random.int(this.options.keys)
      const { a, b } = layout(k, this.options.rows)
      const phase: Phase = this.stats.phase
      const counters = this.stats.of(phase)
      const fa = this.truth.floors(instance, a)
      const fb = this.truth.floors(instance, b)
      const probe = { computeMs: 0 }
      const joinable = (this.#running.get(`${instance}:${k}`) ?? 0) > 0
      const started = performance.now()
      counters.calls += 1
      try {
        const value = await fn(k, probe)
        counters.extra.push(performance.now() - started - probe.computeMs)
        const source = probe.computeMs > 0 ? 'computed' : joinable ? 'joined' : 'cache'
        // Caching has resumed when a value comes from Redis again (a joined computation is no proof).
        const state = this.#instances[instance]!
        if (source === 'cache' && this.#watchFrom !== undefined && state.firstHitAt === undefined) {
          state.firstHitAt = performance.now()
        }
        if (value.va < fa.own || value.vb < fb.own) {
          counters.staleOwn += 1
          this.#sample(`${phase}: own stale (${source}) ${JSON.stringify(value)} floors ${fa.own}/${fb.own}`)
        } else if (value.va < fa.any || value.vb < fb.any) {
          counters.staleCross += 1
          this.#sample(
            `${phase}: cross stale (${source}) ${JSON.stringify(value)} floors ${fa.any}/${fb.any}`,
          )
        }
      } catch (error) {
        counters.threw += 1
        if (this.stats.thrownSamples.length < 5) this.stats.thrownSamples.push(String(error))
      }
      // Yield so the loops interleave even when every call is answered from memory (open breaker).
      await sleep(0)
    }
  }

  async #writer(): Promise<void> {
    const random = this.#random.fork(999)
    let turn = 0
    while (this.#active) {
      await sleep(this.options.writeEveryMs)
      if (this.#writerPaused || !this.#active) continue
      const instance = turn++ % this.#instances.length
      const cm = this.#instances[instance]!.cm
      const row = random.int(this.options.rows)
      const counters = this.stats.current()
      this.#writesInFlight += 1
      try {
        const version = this.truth.commit(row)
        counters.invalidations += 1
        await cm.invalidate(`Row:${row}`)
        if (cm.pendingInvalidations > 0) counters.queuedInvalidations += 1
        this.truth.invalidated(instance, row, version)
      } catch (error) {
        counters.threw += 1
        if (this.stats.thrownSamples.length < 5) this.stats.thrownSamples.push(`invalidate: ${String(error)}`)
      } finally {
        this.#writesInFlight -= 1
      }
    }
  }

  #sample(text: string): void {
    if (this.stats.staleSamples.length < 10) this.stats.staleSamples.push(text)
  }
}
