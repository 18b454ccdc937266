/** The result model: what workloads produce, what the report, the JSON file and the chart read. */
import type { Contender } from '@cacheme/bench-peers/contract'

/** One mode (a library in one configuration) in one table. */
export interface ResultRow {
  readonly mode: string
  readonly role: Contender['role']
  /** `n/a`: the library cannot express the workload (see `reason`); `failed`: it threw (see `reason`). */
  readonly status: 'ok' | 'n/a' | 'failed'
  readonly reason?: string
  /** Median over rounds of the operations per second. */
  readonly opsPerSec?: number
  /** Median over rounds of (this mode's ops/s ÷ the baseline's ops/s in the same round). */
  readonly ratio?: number
  readonly ratioMin?: number
  readonly ratioMax?: number
  /** Latency percentiles over every operation of every round, µs. */
  readonly p50Us?: number
  readonly p95Us?: number
  readonly p99Us?: number
  /** Commands the server executed per operation (scripts' inner commands included). */
  readonly commandsPerOp?: number
  /** Workload-specific columns, e.g. `Date kept`, `round trips/op`. */
  readonly extra?: Readonly<Record<string, string | number>>
}

/** One table of the report. */
export interface ResultTable {
  readonly workload: string
  readonly title: string
  /** What the ratios are against (a mode name in `rows`). */
  readonly baseline: string
  /** What `opsPerSec` counts. */
  readonly unit: string
  readonly rounds: number
  readonly opsPerRound?: number
  readonly concurrency?: number
  readonly rows: readonly ResultRow[]
  readonly notes: readonly string[]
  /**
   * The machine's 1-minute load average when the table's workload started and ended: on a shared machine
   * it tells which tables ran under load (the ratios hold up better than the rates, not perfectly).
   */
  readonly load?: { readonly start: number; readonly end: number }
}

/** Everything one `pnpm bench` run measured. */
export interface Results {
  readonly command: string
  readonly startedAt: string
  readonly finishedAt: string
  readonly quick: boolean
  readonly machine: Readonly<Record<string, string | number>>
  readonly load: { readonly before: unknown; readonly after: unknown }
  readonly pinning: string
  readonly versions: Readonly<Record<string, string>>
  readonly tables: readonly ResultTable[]
}
