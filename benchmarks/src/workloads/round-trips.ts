/**
 * Workload 6 — the hit and the miss through a proxy that adds ≥ 1 ms to every round trip, so that the
 * number of *sequential* round trips a library needs per call shows directly in its latency (on loopback a
 * round trip is ~0.05 ms and hides behind CPU costs). At concurrency 1, `round trips/call` = the call's
 * median latency ÷ the median latency of a raw `PING` through the same proxy, measured in the same run.
 */
import { Redis } from 'ioredis'
import { missContenders, RAW_MISS_LABEL, rawGetContender } from '../contenders/index.js'
import { startChildScript } from '../infra/child-script.js'
import { drive } from '../measure/drive.js'
import { percentile } from '../measure/stats.js'
import { makePayload, sizeLabel } from '../payload.js'
import type { ResultTable } from '../report/results.js'
import { measureCacheTable } from './cache-table.js'
import type { Workload } from './workload.js'

const HOT_KEYS = 200

export const roundTripsWorkload: Workload = {
  id: 'round-trips',
  describe:
    'The same hit and miss + write as above, but every client talks to Redis through a TCP proxy that holds each request for 1 ms (a network hop). Ratio = calls/s ÷ the raw ioredis `GET` (hit) or `GET` + `SET EX` (miss) through the same proxy. At concurrency 1, "round trips/call" = median call latency ÷ median `PING` latency through the proxy.',
  async run(context) {
    const { settings, redis, pinning, log } = context
    const { delayMs, ops } = settings.roundTrips
    const proxy = await startChildScript(
      'delay-proxy-main.ts',
      [redis.host, String(redis.port), String(delayMs)],
      pinning,
      pinning.redisCpu,
    )
    const endpoint = { host: '127.0.0.1', port: Number(proxy.firstLine) }
    try {
      const ping = new Redis(endpoint)
      await ping.ping()
      const calibration = await drive(() => ping.ping(), settings.quick ? 5 : 200, 1)
      ping.disconnect()
      const pingP50Us = percentile(Float64Array.from(calibration.latenciesUs).sort(), 50)
      log(`round trips: PING through the ${delayMs} ms proxy, p50 ${(pingP50Us / 1000).toFixed(2)} ms`)
      const roundTrips =
        (concurrency: number) =>
        (row: { p50Us?: number }): Record<string, number> =>
          concurrency === 1 && row.p50Us !== undefined ? { 'round trips/call': row.p50Us / pingP50Us } : {}
      const notes = [
        `A raw PING through the proxy: median ${(pingP50Us / 1000).toFixed(2)} ms (the unit of "round trips/call").`,
      ]
      const payload = makePayload(settings.hit.bytes)
      const tables: ResultTable[] = []
      for (const kind of ['hit', 'miss'] as const) {
        for (const concurrency of settings.concurrencies) {
          tables.push(
            await measureCacheTable(context, {
              workload: 'round-trips',
              title: `${kind === 'hit' ? 'Hit' : 'Miss + write'} through a ${delayMs} ms proxy, ~${sizeLabel(settings.hit.bytes)} payload, concurrency ${concurrency}`,
              contenders: missContenders,
              baseline: rawGetContender,
              ...(kind === 'miss' ? { baselineLabel: RAW_MISS_LABEL } : {}),
              endpoint,
              concurrency,
              ops: ops[concurrency] ?? 100,
              rounds: settings.rounds,
              ttlSeconds: kind === 'hit' ? 3600 : 60,
              payload,
              call:
                kind === 'hit'
                  ? (_round, index) => ({ id: `k${index % HOT_KEYS}`, entity: `User:${index % HOT_KEYS}` })
                  : (round, index) => ({ id: `m${round}-${index}`, entity: `User:${index}` }),
              ...(kind === 'hit'
                ? {
                    prepare: async (client) => {
                      await drive((i) => client.get(`k${i}`, `User:${i}`), HOT_KEYS, 64)
                    },
                  }
                : {}),
              cleanEachSegment: kind === 'miss',
              notes,
              derive: roundTrips(concurrency),
            }),
          )
        }
      }
      return tables
    } finally {
      proxy.child.stdin!.end()
      await proxy.rest
    }
  },
}
