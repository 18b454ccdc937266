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

type Entry = [id: number, at: number, micros: number, args: string[]]

async function measure(run: () => Promise<unknown>): Promise<{ wallMs: number; entries: Entry[] }> {
  await redis.config('SET', 'slowlog-max-len', '10000000')
  await redis.config('SET', 'slowlog-log-slower-than', '0')
  await redis.slowlog('RESET')
  const started = performance.now()
  await run()
  const wallMs = performance.now() - started
  const entries = (await redis.slowlog('GET', -1)) as Entry[]
  await redis.config('SET', 'slowlog-log-slower-than', '10000')
  return { wallMs, entries }
}

function report(title: string, entries: Entry[], wallMs: number): void {
  const byCommand = new Map<string, number[]>()
  for (const [, , micros, args] of entries) {
    const name = String(args[0]).toUpperCase()
    if (name === 'SLOWLOG' || name === 'CONFIG') continue
    const list = byCommand.get(name) ?? []
    list.push(micros)
    byCommand.set(name, list)
  }
  console.log(`\n${title} (wall ${wallMs.toFixed(0)} ms)`)
  console.log('| command | calls | median µs | p99 µs | p99.9 µs | max µs |')
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |')
  for (const [name, list] of [...byCommand].sort()) {
    list.sort((a, b) => a - b)
    const at = (q: number) => list[Math.min(list.length - 1, Math.floor(list.length * q))] ?? 0
    console.log(`| ${name} | ${list.length} | ${at(0.5)} | ${at(0.99)} | ${at(0.999)} | ${list.at(-1)} |`)
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
  const pattern = await measure(() => cm.invalidatePattern('*'))
  report("cm.invalidatePattern('*')", pattern.entries, pattern.wallMs)
  console.log(
    `keys left: ${await redis.dbsize()} (expected ${KEYS + 1000 + 1} of the neighbour + 3 race-guard meta keys of P:)`,
  )
  await seed('P:')
  const single = await measure(() => cm.invalidate('Hot'))
  report(
    `for contrast, cm.invalidate('Hot') over ${HOT} members in one script`,
    single.entries,
    single.wallMs,
  )
} finally {
  redis.disconnect()
  await server.stop()
}
