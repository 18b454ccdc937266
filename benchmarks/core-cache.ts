/**
 * Benchmark (not a test): latency of a cacheme hit and miss against the bare minimum the same work costs
 * with raw ioredis, measured side by side in one run on the same Redis.
 *
 * - `raw hit`: `HGET` + devalue parse — what any Redis cache hit costs at least (1 round trip).
 * - `cacheme hit`: a decorated call served from Redis (1 round trip: HGET + GET seq pipelined).
 * - `raw miss`: `HGET` (miss), then one pipeline `HSET` + 2×`SADD` + `PEXPIRE` — a naive cache with no
 *   race guard and no atomicity (2 round trips).
 * - `cacheme miss`: a decorated call on a fresh key: read + one Lua script that checks the race guard and
 *   writes value + 2 invalid sets + tag + TTLs atomically (2 round trips).
 * - `memory hit`: the embedded MemoryStorage, for reference.
 * Modes are interleaved round by round in rotating order; the ratio is each mode's median against its raw
 * counterpart's median from the same run.
 *
 *   eval "$(bash scripts/services.sh start --only redis)" && pnpm --filter @cacheme/benchmarks bench:core
 *
 * Environment: CACHEME_REDIS_URL (required), BENCH_ROUNDS=30, BENCH_OPS=200 (calls per round and mode).
 */
import { randomUUID } from 'node:crypto'
import { createCacheme, MemoryStorage, RedisStorage } from '@cacheme/core'
import { parse, stringify } from 'devalue'
import { Redis } from 'ioredis'

const url = process.env.CACHEME_REDIS_URL
if (!url)
  throw new Error(
    'CACHEME_REDIS_URL is not set → eval "$(bash scripts/services.sh start --only redis)" first',
  )
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30)
const OPS = Number(process.env.BENCH_OPS ?? 200)

const redis = new Redis(url)
const prefix = `bench${randomUUID().slice(0, 8)}:`
const cm = createCacheme({ storage: new RedisStorage(redis), prefix })
const mem = createCacheme({ storage: new MemoryStorage(), prefix })
const value = { id: 1, name: 'Ada Lovelace', tags: ['a', 'b'], at: new Date(0) }

const cachedHit = cm.cacheme<[number], typeof value>({
  key: (c) => `Hit:${c.args[0]}`,
  invalidKeys: (c) => `User:${c.args[0]}`,
})(async function hit(_id: number) {
  return value
})
let missCounter = 0
const cachedMiss = cm.cacheme<[number], typeof value>({
  key: (c) => `Miss:${c.args[0]}`,
  invalidKeys: (c) => [`User:${c.args[0]}`, 'Users'],
  timeout: 60,
})(async function miss(_id: number) {
  return value
})
const memHit = mem.cacheme<[number], typeof value>({ key: (c) => `Hit:${c.args[0]}` })(async function memHit(
  _id: number,
) {
  return value
})

const modes = {
  'raw hit': async (i: number) => {
    const payload = await redis.hget(`${prefix}Raw:${i % 50}`, 'base')
    parse(payload!)
  },
  'cacheme hit': async (i: number) => {
    await cachedHit(i % 50)
  },
  'raw miss': async () => {
    const id = ++missCounter
    const hash = `${prefix}RawMiss:${id}`
    await redis.hget(hash, 'base')
    await redis
      .pipeline()
      .hset(hash, 'base', stringify(value))
      .sadd(`${prefix}User:${id}:invalid`, hash)
      .sadd(`${prefix}Users:invalid`, hash)
      .pexpire(hash, 60_000)
      .exec()
  },
  'cacheme miss': async () => {
    await cachedMiss(++missCounter)
  },
  'memory hit': async (i: number) => {
    await memHit(i % 50)
  },
} as const
type Mode = keyof typeof modes
const baselineOf: Record<Mode, Mode> = {
  'raw hit': 'raw hit',
  'cacheme hit': 'raw hit',
  'raw miss': 'raw miss',
  'cacheme miss': 'raw miss',
  'memory hit': 'raw hit',
}

// Warm-up (untimed): fill the hit keys, load the Lua scripts, let the JIT settle.
for (let i = 0; i < 50; i += 1) {
  await redis.hset(`${prefix}Raw:${i}`, 'base', stringify(value))
  await cachedHit(i)
  await memHit(i)
}
for (const run of Object.values(modes)) for (let i = 0; i < 200; i += 1) await run(i)

const samples = new Map<Mode, number[]>(Object.keys(modes).map((mode) => [mode as Mode, []]))
const names = Object.keys(modes) as Mode[]
for (let round = 0; round < ROUNDS; round += 1) {
  for (let k = 0; k < names.length; k += 1) {
    const mode = names[(round + k) % names.length]!
    for (let i = 0; i < OPS; i += 1) {
      const started = process.hrtime.bigint()
      await modes[mode](i)
      samples.get(mode)!.push(Number(process.hrtime.bigint() - started) / 1000)
    }
  }
}

const stat = (mode: Mode) => {
  const sorted = [...samples.get(mode)!].sort((a, b) => a - b)
  return { median: sorted[Math.floor(sorted.length / 2)]!, p95: sorted[Math.ceil(sorted.length * 0.95) - 1]! }
}
console.log(
  `\ncacheme core: ${ROUNDS} rounds × ${OPS} calls per mode, Redis ${(await redis.info('server')).match(/redis_version:(\S+)/)?.[1]}, Node ${process.version}\n`,
)
console.log('| mode | calls | median µs | p95 µs | vs baseline (median) |')
console.log('|---|---:|---:|---:|---:|')
for (const mode of names) {
  const { median, p95 } = stat(mode)
  const base = baselineOf[mode]
  const ratio = base === mode ? 'baseline' : `${(median / stat(base).median).toFixed(2)}× ${base}`
  console.log(
    `| ${mode} | ${samples.get(mode)!.length} | ${median.toFixed(1)} | ${p95.toFixed(1)} | ${ratio} |`,
  )
}

await cm.invalidatePattern('*')
for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 }))
  if (keys.length) await redis.unlink(...keys)
redis.disconnect()
