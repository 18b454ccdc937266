/**
 * What one miss + write costs Redis itself (SLOWLOG, execution time inside the server): cacheme's read
 * and guarded write script against the hand-rolled `GET` + `SET EX` — the server side of the miss tables
 * in RESULTS.md, where cacheme runs 12 server commands per miss and a plain cache 2.
 *
 *   pnpm --filter @cacheme/benchmarks profile:miss-server      # MISS_CALLS=2000 by default
 *
 * ~1 KB payload with a Date, one invalid key and a tag per value (as in the miss workload), concurrency 1.
 */
import { createCacheme, RedisStorage } from '@cacheme/core'
import { Redis } from 'ioredis'
import { pinCpus } from '../src/infra/cpu-pinning.js'
import { startRedisServer } from '../src/infra/redis-server.js'
import { makePayload } from '../src/payload.js'
import { type Entry, measureSlowlog, reportSlowlog } from './slowlog.js'

const CALLS = Number(process.env.MISS_CALLS ?? 2000)
const server = await startRedisServer(pinCpus())
const redis = new Redis({ host: server.host, port: server.port })
const payload = makePayload(1000)

/** Server µs per miss, counting only the commands the client sent (not those run inside a script). */
function perMiss(entries: Entry[], topLevel: readonly string[]): number {
  let micros = 0
  for (const [, , us, args] of entries) if (topLevel.includes(String(args[0]).toUpperCase())) micros += us
  return micros / CALLS
}

try {
  const { loadavg } = await import('node:os')
  console.log(
    `load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}, redis ${server.version}, ${CALLS} misses each`,
  )
  const cm = createCacheme({ storage: new RedisStorage(redis), prefix: 'M:' })
  const cached = cm.wrap(async (id: number) => ({ ...payload, id }), {
    tag: 'miss',
    key: (c) => `Item:${c.args[0]}`,
    invalidKeys: (c) => [`User:${c.args[0]}`],
    timeout: 3600,
  })
  await cached(-1) // the storage check and script loading, outside the measurement
  const cacheme = await measureSlowlog(redis, async () => {
    for (let i = 0; i < CALLS; i += 1) await cached(i)
  })
  reportSlowlog('cacheme miss + guarded write (HGET, then one EVALSHA)', cacheme.entries, cacheme.wallMs)
  const text = JSON.stringify(payload)
  const hand = await measureSlowlog(redis, async () => {
    for (let i = 0; i < CALLS; i += 1) {
      const key = `H:${i}`
      if ((await redis.get(key)) === null) await redis.set(key, text, 'EX', 3600)
    }
  })
  reportSlowlog('hand-rolled GET + SET EX', hand.entries, hand.wallMs)
  console.log(
    `\nserver µs per miss: cacheme ${perMiss(cacheme.entries, ['HGET', 'EVALSHA']).toFixed(1)} (HGET + EVALSHA; the occasional GET of the sequence not counted), hand-rolled ${perMiss(hand.entries, ['GET', 'SET']).toFixed(1)}`,
  )
} finally {
  redis.disconnect()
  await server.stop()
}
