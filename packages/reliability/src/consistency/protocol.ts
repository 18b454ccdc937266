/** Messages between the consistency coordinator and its worker processes (Node IPC, JSON). */
import type { AdapterMode, DatabaseTarget } from './orm-driver.js'
import type { WriteKind } from './schema.js'

export interface WorkerConfig {
  readonly index: number
  readonly workers: number
  /** Seed of this worker's operation sequence. */
  readonly seed: number
  /** Seed of the rows (the same for every process: `seedData(authors, posts, dataSeed)`). */
  readonly dataSeed: number
  readonly ops: number
  /** Share of operations that are reads (0..1). */
  readonly readShare: number
  readonly driver: string
  readonly database: DatabaseTarget
  readonly mode: AdapterMode
  /** false: the race guard is disabled (test-only GuardlessStorage). */
  readonly guard: boolean
  readonly redisUrl: string
  readonly prefix: string
  readonly truthPath: string
  readonly authors: number
  readonly posts: number
  /** Upper bound of the pause inside a cached function between its two queries (ms). */
  readonly computePauseMs: number
  /** Upper bound of how long a transaction stays open after its writes (ms). */
  readonly holdMs: number
}

export interface WorkerResult {
  readonly index: number
  readonly reads: number
  readonly hits: number
  readonly writes: Readonly<Record<WriteKind, number>>
  /** Writes retried after SQLITE_BUSY. */
  readonly retries: number
  readonly staleReads: number
  readonly staleSamples: readonly string[]
  /** Calls (reads or writes) that rejected unexpectedly. */
  readonly threw: number
  readonly thrownSamples: readonly string[]
  readonly errorEvents: Readonly<Record<string, number>>
  readonly durationMs: number
}

export interface VerifyResult {
  /** Cached reads of every post and author at rest. */
  readonly checked: number
  /** Of those, how many are not exactly the final committed rows. */
  readonly stale: number
  readonly samples: readonly string[]
}

export type ToWorker =
  | { readonly type: 'config'; readonly config: WorkerConfig }
  | { readonly type: 'go' }
  | { readonly type: 'verify' }
  | { readonly type: 'exit' }

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly result: WorkerResult }
  | { readonly type: 'verified'; readonly result: VerifyResult }
  | { readonly type: 'failed'; readonly message: string }
