/**
 * Workload 1 — hit: `keys` hot keys are cached first (untimed), then every call is a hit, cycling over the
 * keys, at concurrency 1 (the round trip dominates) and 64 (the client's CPU dominates).
 */
import { bentocacheTiered } from '@cacheme/bench-peers/bentocache'
import { handRolledContender, hitContenders, rawGetContender } from '../contenders/index.js'
import { makePayload, sizeLabel } from '../payload.js'
import type { ResultTable } from '../report/results.js'
import { measureCacheTable } from './cache-table.js'
import type { Workload } from './workload.js'

/** cacheme's rows also show their same-round ratio to the two modes the targets name (issue 11). */
const PAIRED = {
  '× hand-rolled': handRolledContender.name,
  '× bento tiered': bentocacheTiered.name,
}

export const hitWorkload: Workload = {
  id: 'hit',
  describe:
    'Cached reads of hot keys that are all in the cache: the call returns the stored value decoded. Ratio = calls/s ÷ calls/s of a raw ioredis `GET` of the same pre-serialized payload (which decodes nothing) in the same round; above 1 is faster than that floor (only an in-process tier can be).',
  async run(context) {
    const { settings, redis } = context
    const { keys, bytes, ops } = settings.hit
    const payload = makePayload(bytes)
    const tables: ResultTable[] = []
    for (const concurrency of settings.concurrencies) {
      tables.push(
        await measureCacheTable(context, {
          workload: 'hit',
          title: `Hit, ~${sizeLabel(bytes)} payload, ${keys} hot keys, concurrency ${concurrency}`,
          contenders: hitContenders,
          baseline: rawGetContender,
          endpoint: redis,
          concurrency,
          ops: ops[concurrency] ?? 1000,
          rounds: settings.rounds,
          ttlSeconds: 3600,
          payload,
          call: (_round, index) => ({ id: `k${index % keys}`, entity: `User:${index % keys}` }),
          prepare: async (client) => {
            for (let i = 0; i < keys; i += 1) await client.get(`k${i}`, `User:${i}`)
          },
          cleanEachSegment: false,
          pairedWith: PAIRED,
        }),
      )
    }
    return tables
  },
}
