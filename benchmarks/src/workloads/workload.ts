/** What every workload gets and returns. */
import type { Redis } from 'ioredis'
import type { Pinning } from '../infra/cpu-pinning.js'
import type { RedisServer } from '../infra/redis-server.js'
import type { ResultTable } from '../report/results.js'
import type { Settings, WorkloadId } from '../settings.js'

export interface WorkloadContext {
  readonly settings: Settings
  readonly redis: RedisServer
  /** An ioredis client for housekeeping and server counters (never timed). */
  readonly admin: Redis
  readonly pinning: Pinning
  /** Progress, to stderr. */
  readonly log: (line: string) => void
}

export interface Workload {
  readonly id: WorkloadId
  /** One paragraph for the report: what is measured and how to read the ratio. */
  readonly describe: string
  run(context: WorkloadContext): Promise<ResultTable[]>
}
