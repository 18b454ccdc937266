/**
 * Workload 2 — miss + write: every call is for a key not in the cache, so each one reads (miss), runs the
 * cached function and stores its value. Fresh keys every round; the keys are deleted between segments.
 */
import { handRolledContender, missContenders, RAW_MISS_LABEL, rawGetContender } from '../contenders/index.js'
import { makePayload, sizeLabel } from '../payload.js'
import type { ResultTable } from '../report/results.js'
import { measureCacheTable } from './cache-table.js'
import type { Workload } from './workload.js'

export const missWorkload: Workload = {
  id: 'miss',
  describe:
    'Cached calls that all miss: read, run the function, store the value (cacheme: value + invalidation set + tag + TTL, race-guarded, in one script). Ratio = calls/s ÷ calls/s of a raw ioredis `GET` (miss) + `SET … EX` of a pre-serialized payload in the same round.',
  async run(context) {
    const { settings, redis } = context
    const tables: ResultTable[] = []
    for (const bytes of settings.miss.sizes) {
      const payload = makePayload(bytes)
      for (const concurrency of settings.concurrencies) {
        tables.push(
          await measureCacheTable(context, {
            workload: 'miss',
            title: `Miss + write, ~${sizeLabel(bytes)} payload with a Date, concurrency ${concurrency}`,
            contenders: missContenders,
            baseline: rawGetContender,
            baselineLabel: RAW_MISS_LABEL,
            endpoint: redis,
            concurrency,
            ops: settings.miss.ops[concurrency] ?? 1000,
            rounds: settings.rounds,
            ttlSeconds: 60,
            payload,
            call: (round, index) => ({ id: `m${round}-${index}`, entity: `User:${index}` }),
            cleanEachSegment: true,
            pairedWith: { '× hand-rolled': handRolledContender.name },
          }),
        )
      }
    }
    return tables
  },
}
