/**
 * The bad-input corpus: each case feeds cacheme one kind of bad (or merely unusual) input and reports
 * what happened as a short outcome label; the table states the outcome each case must have. Labels are
 * built by `outcomes.ts`, so the vocabulary is small and the same everywhere:
 *
 * | label                                   | meaning                                                           |
 * |-----------------------------------------|-------------------------------------------------------------------|
 * | `throws E_…`                            | the call rejected with a `CachemeError` of that code               |
 * | `cached`                                | the function's value was returned and the next call was a hit       |
 * | `returned, not cached, error E_…`       | the value was returned every time, never cached; an `error` event  |
 * | `miss (error E_…), recomputed, cached`  | a stored payload was unusable: recomputed, overwritten, then a hit  |
 * | `crash: …` / `hang`                     | never acceptable: a non-cacheme error, or no answer within 10 s     |
 *
 * Cases that are defects today are in `defects.ts` with the outcome they should have; the fix phase
 * moves them here.
 */
import type { Cacheme, CachemeConfig } from '@cacheme/core'
import type { Redis } from 'ioredis'

export type CorpusStorage = 'redis' | 'memory'

export interface CaseContext {
  readonly storage: CorpusStorage
  /** This case's own prefix (every case gets a fresh one). */
  readonly prefix: string
  /** Raw client on the corpus's own redis-server (also set for memory cases, for neighbour checks). */
  readonly redis: Redis
  /** A cacheme on this case's storage and prefix; its `error` events are collected in `errors`. */
  make(config?: CachemeConfig): Cacheme
  /** Codes of the `error` events of every instance `make` created. */
  readonly errors: string[]
  /** Prefixes other than `prefix` this case wrote under (e.g. a prefix case); checked for confinement. */
  allowPrefix(prefix: string): void
}

export interface CorpusCase {
  readonly group: string
  readonly name: string
  readonly storages: readonly CorpusStorage[]
  /** The documented outcome. */
  readonly expected: string
  run(ctx: CaseContext): Promise<string>
}

export const BOTH: readonly CorpusStorage[] = ['redis', 'memory']
export const REDIS: readonly CorpusStorage[] = ['redis']
