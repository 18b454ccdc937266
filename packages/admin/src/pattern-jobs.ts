/**
 * Pattern invalidations run as background jobs of the admin process, so that a long run never holds an
 * HTTP request open: the POST starts the job and redirects to its page, which refreshes itself (a
 * `<meta http-equiv="refresh">`, no JavaScript) and shows the progress bar until the job ends. A job is
 * either a dry run (count + sample, deletes nothing) or a real run started from a finished dry run, whose
 * match count is the progress bar's 100 %.
 *
 * Every real run ends in the history (done, cancelled or failed, with what it removed and how long it
 * took). Cancelling aborts the run's `AbortSignal`: core stops between two bounded steps.
 *
 * Bounded: at most {@link MAX_RUNNING} jobs run at once, and the {@link MAX_KEPT} most recent are kept for
 * their pages. Limits: jobs live in this process; behind a load balancer, serve the admin from one
 * process (or with sticky sessions) so that a job's page reaches the process running it.
 */
import { randomBytes } from 'node:crypto'
import { assertPattern, type Cacheme, type PatternProgress, type PatternResult } from '@cacheme/core'
import type { HistoryStore } from './history-store.js'

/** Jobs running at the same time. */
export const MAX_RUNNING = 4
/** Finished jobs kept. */
export const MAX_KEPT = 50

/** One pattern job. */
export interface PatternJob {
  readonly id: string
  readonly pattern: string
  readonly dryRun: boolean
  readonly user: string
  readonly startedAt: number
  /** Keys the dry run matched (real runs). */
  readonly expected: number | undefined
  status: 'running' | 'done' | 'cancelled' | 'failed'
  progress: PatternProgress
  result: PatternResult | undefined
  error: string | undefined
  finishedAt: number | undefined
  /** True once the history record of a real run was written (false if the storage refused it). */
  recorded: boolean | undefined
  /** The real run started from this dry run, if any. */
  followUp: string | undefined
  /** Settles when the job has ended and its history record is written. */
  done: Promise<void>
}

/** Thrown when too many jobs run. */
export class BusyError extends Error {}

/** The jobs of one admin. */
export class PatternJobs {
  readonly #cm: Cacheme
  readonly #history: HistoryStore
  readonly #jobs = new Map<string, PatternJob>()
  readonly #controllers = new Map<string, AbortController>()
  readonly #scanCount: number | undefined

  constructor(cm: Cacheme, history: HistoryStore, scanCount: number | undefined) {
    this.#cm = cm
    this.#history = history
    this.#scanCount = scanCount
  }

  /**
   * Starts a job (the pattern is validated by core first: a bad one throws before anything runs).
   * @throws BusyError when {@link MAX_RUNNING} jobs are running; CachemeError `E_INVALID_PATTERN`
   */
  start(options: { pattern: string; dryRun: boolean; user: string; expected?: number }): PatternJob {
    if (this.#controllers.size >= MAX_RUNNING)
      throw new BusyError(`${MAX_RUNNING} pattern jobs are already running`)
    assertPattern(options.pattern)
    const job: PatternJob = {
      id: randomBytes(9).toString('base64url'),
      pattern: options.pattern,
      dryRun: options.dryRun,
      user: options.user,
      startedAt: Date.now(),
      expected: options.expected,
      status: 'running',
      progress: { matched: 0, deleted: 0, steps: 0 },
      result: undefined,
      error: undefined,
      finishedAt: undefined,
      recorded: undefined,
      followUp: undefined,
      done: Promise.resolve(),
    }
    const controller = new AbortController()
    this.#jobs.set(job.id, job)
    this.#controllers.set(job.id, controller)
    this.#trim()
    job.done = this.#run(job, controller)
    return job
  }

  /** A job by id. */
  get(id: string): PatternJob | undefined {
    return this.#jobs.get(id)
  }

  /** Asks a running job to stop between two steps. @returns whether it was running. */
  cancel(id: string): boolean {
    const controller = this.#controllers.get(id)
    controller?.abort()
    return controller !== undefined
  }

  /** Waits up to `ms` for a job to finish (so quick runs render their result at once). */
  async settle(job: PatternJob, ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined
    await Promise.race([job.done, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))])
    clearTimeout(timer)
  }

  /** Cancels every running job and waits for them to end (the admin is closing). */
  async close(): Promise<void> {
    const running = [...this.#controllers.keys()].map((id) => this.#jobs.get(id)?.done)
    for (const controller of this.#controllers.values()) controller.abort()
    await Promise.all(running)
  }

  async #run(job: PatternJob, controller: AbortController): Promise<void> {
    try {
      const result = await this.#cm.invalidatePattern(job.pattern, {
        dryRun: job.dryRun,
        signal: controller.signal,
        scanCount: this.#scanCount,
        sampleSize: 100,
        onProgress: (progress) => {
          job.progress = progress
        },
      })
      job.result = result
      job.progress = result
      job.status = result.cancelled ? 'cancelled' : 'done'
    } catch (error) {
      job.status = 'failed'
      job.error = error instanceof Error ? error.message : String(error)
    } finally {
      job.finishedAt = Date.now()
      this.#controllers.delete(job.id)
    }
    if (!job.dryRun) {
      const { stored } = await this.#history.record({
        at: job.startedAt,
        user: job.user,
        action: 'pattern',
        target: job.pattern,
        removed: job.progress.deleted,
        outcome: job.status as 'done' | 'cancelled' | 'failed',
        durationMs: job.finishedAt - job.startedAt,
        expected: job.expected,
        error: job.error,
      })
      job.recorded = stored
    }
  }

  /** Drops the oldest finished jobs beyond {@link MAX_KEPT}. */
  #trim(): void {
    for (const [id, job] of this.#jobs) {
      if (this.#jobs.size <= MAX_KEPT) return
      if (job.status !== 'running') this.#jobs.delete(id)
    }
  }
}
