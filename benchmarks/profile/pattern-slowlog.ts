/**
 * How long the slowest single command of a pattern invalidation keeps Redis busy — measured by Redis
 * itself: SLOWLOG with `slowlog-log-slower-than 0` records every command's execution time inside the
 * server (excluding network and queueing), on the harness's own redis-server (never the shared test
 * services). The target (issue 12): no command above ~10 ms, whatever the size of the data.
 *
 *   pnpm --filter @cacheme/benchmarks profile:pattern      # PATTERN_KEYS=100000 PATTERN_HOT=50000 by default
 *
 * Seeds PATTERN_KEYS cached values under a prefix, one of them… all registered in one invalidation set of
 * PATTERN_HOT members (a "hot" invalid key), plus a neighbour prefix; runs `cm.invalidatePattern('*')`;
 * reports calls, max and p99 server time per command. For contrast it then times `cm.invalidate('Hot')`
 * on a set of the same size — one script over the whole set, the path pattern invalidation avoids.
 */
import { createCacheme, RedisStorage } from '@cacheme/core'
import { Redis } from 'ioredis'
import { pinCpus } from '../src/infra/cpu-pinning.js'
import { startRedisServer } from '../src/infra/redis-server.js'
import { measureSlowlog, reportSlowlog } from './slowlog.js'

const KEYS = Number(process.env.PATTERN_KEYS ?? 100_000)
const HOT = Number(process.env.PATTERN_HOT ?? 50_000)
const server = await startRedisServer(pinCpus())
const redis = new Redis({ host: server.host, port: server.port })

/** Writes the layout cacheme would (values + one big invalidation set + a tag set) with pipelines. */
async function seed(prefix: string): Promise<void> {
  for (let start = 0; start < KEYS; start += 5000) {
    const pipeline = redis.pipeline()
    for (let i = start; i < Math.min(KEYS, start + 5000); i++) {
      pipeline.hset(`${prefix}Item:${i}`, 'base', `cm1:[{"id":1},${i}]`)
      if (i < HOT) pipeline.sadd(`${prefix}Hot:invalid`, `${prefix}Item:${i}`)
      pipeline.sadd(`${prefix}Group:${i % 1000}:invalid`, `${prefix}Item:${i}`)
    }
    await pipeline.exec()
  }
}

try {
  console.log(
    `load average ${(await import('node:os'))
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')} on ${(await import('node:os')).cpus().length} cores`,
  )
  console.log(
    `redis ${server.version}: ${KEYS} values, one invalidation set of ${HOT} members, 1000 small sets`,
  )
  await seed('P:')
  await seed('N:') // a neighbour prefix the run must leave alone
  const cm = createCacheme({ storage: new RedisStorage(redis), prefix: 'P:' })
  const pattern = await measureSlowlog(redis, () => cm.invalidatePattern('*'))
  reportSlowlog("cm.invalidatePattern('*')", pattern.entries, pattern.wallMs)
  console.log(
    `keys left: ${await redis.dbsize()} (expected ${KEYS + 1000 + 1} of the neighbour + 3 race-guard meta keys of P:)`,
  )
  await seed('P:')
  const single = await measureSlowlog(redis, () => cm.invalidate('Hot'))
  reportSlowlog(
    `for contrast, cm.invalidate('Hot') over ${HOT} members in one script`,
    single.entries,
    single.wallMs,
  )
} finally {
  redis.disconnect()
  await server.stop()
}
