/**
 * Prototype measurements for the hit-path optimisation (issue 11): what each candidate lever is worth,
 * measured with raw ioredis building blocks and cacheme's public API on the harness's own pinned
 * redis-server, modes interleaved round by round, ratios against a raw `GET` of the same round.
 * Nothing here changes cacheme; it bounds what changing it could gain.
 *
 *   pnpm --filter @cacheme/benchmarks profile:levers     # BENCH_ROUNDS=5 by default
 *
 * The modes build cacheme's hit up piece by piece — the commands (one vs two, Promise.all vs a pipeline
 * vs one script), the decode (devalue vs JSON), a per-call timeout timer, extra promise hops — then the
 * real cacheme hit, with the default and the JSON serializer and on an auto-pipelining client.
 */
import { createCacheme, devalueSerializer, jsonSerializer, RedisStorage } from '@cacheme/core'
import { Redis } from 'ioredis'
import { pinCpus } from '../src/infra/cpu-pinning.js'
import { startRedisServer } from '../src/infra/redis-server.js'
import { drive } from '../src/measure/drive.js'
import { interleave, type ModePlan } from '../src/measure/interleave.js'
import { summarize } from '../src/measure/summarize.js'
import { makePayload } from '../src/payload.js'
import { renderTable } from '../src/report/markdown.js'

const KEYS = 1000
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const OPS: Record<number, number> = { 1: 3000, 64: 30_000 }

const pinning = pinCpus()
const server = await startRedisServer(pinning)
const endpoint = { host: server.host, port: server.port }
const redis = new Redis(endpoint)
const autoRedis = new Redis({ ...endpoint, enableAutoPipelining: true })
const payload = makePayload(1000)
const devalue = devalueSerializer()
const jsonText = JSON.stringify(payload)
const devalueText = devalue.serialize(payload)

// Raw layouts: a string per key (JSON) and a hash field per key (cacheme's encoding), plus a "seq" key.
for (let i = 0; i < KEYS; i += 1) {
  await redis.set(`L:s${i}`, jsonText)
  await redis.hset(`L:h${i}`, 'base', devalueText)
}
await redis.set('L:seq', '1')
const readBoth = `return { redis.call('HGET', KEYS[1], ARGV[1]), redis.call('GET', KEYS[2]) }`
const sha = (await redis.script('LOAD', readBoth)) as string

function withTimer<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), 1000)
    timer.unref()
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}
// Six nested async functions around the same read: the number of awaits between cacheme's entry point and
// the storage call in the current hit path (call → #lookup → run → #run → withTimeout → read).
const hop = async <T>(work: () => Promise<T>, depth: number): Promise<T> =>
  depth === 0 ? work() : await hop(work, depth - 1)

const readTwo = (i: number) => Promise.all([redis.hget(`L:h${i % KEYS}`, 'base'), redis.get('L:seq')])

function cachemeHit(client: Redis, json: boolean) {
  const cm = createCacheme({
    storage: new RedisStorage(client),
    prefix: `lv${json ? 'j' : 'd'}${client === autoRedis ? 'a' : ''}:`,
    ...(json ? { serializer: jsonSerializer() } : {}),
  })
  const cached = cm.wrap(async (id: number) => ({ ...payload, id }), {
    tag: 'lever',
    key: (c) => `Item:${c.args[0]}`,
    invalidKeys: (c) => [`User:${c.args[0]}`],
    timeout: 3600,
  })
  return {
    warm: async () => {
      for (let i = 0; i < KEYS; i += 1) await cached(i)
    },
    hit: (i: number) => cached(i % KEYS),
  }
}

const cmDefault = cachemeHit(redis, false)
const cmJson = cachemeHit(redis, true)
const cmAuto = cachemeHit(autoRedis, false)
for (const c of [cmDefault, cmJson, cmAuto]) await c.warm()

const modes: { name: string; run: (i: number) => Promise<unknown> }[] = [
  { name: 'GET (baseline)', run: (i) => redis.get(`L:s${i % KEYS}`) },
  { name: 'HGET', run: (i) => redis.hget(`L:h${i % KEYS}`, 'base') },
  { name: 'HGET + GET seq, Promise.all (cacheme’s read today)', run: readTwo },
  {
    name: 'HGET + GET seq, pipeline()',
    run: (i) =>
      redis
        .pipeline()
        .hget(`L:h${i % KEYS}`, 'base')
        .get('L:seq')
        .exec(),
  },
  {
    name: 'one EVALSHA returning both',
    run: (i) => redis.evalsha(sha, 2, `L:h${i % KEYS}`, 'L:seq', 'base'),
  },
  { name: 'GET + JSON.parse', run: async (i) => JSON.parse((await redis.get(`L:s${i % KEYS}`))!) },
  {
    name: 'HGET + devalue decode',
    run: async (i) => devalue.deserialize((await redis.hget(`L:h${i % KEYS}`, 'base'))!),
  },
  { name: 'HGET + GET + devalue decode', run: async (i) => devalue.deserialize((await readTwo(i))[0]!) },
  {
    name: 'HGET + GET + devalue + timeout timer',
    run: async (i) => devalue.deserialize((await withTimer(readTwo(i)))[0]!),
  },
  {
    name: 'HGET + GET + devalue + 6 async hops',
    run: async (i) => devalue.deserialize((await hop(() => readTwo(i), 6))[0]!),
  },
  { name: 'cacheme hit (default devalue)', run: (i) => cmDefault.hit(i) },
  { name: 'cacheme hit, jsonSerializer()', run: (i) => cmJson.hit(i) },
  { name: 'GET, enableAutoPipelining client', run: (i) => autoRedis.get(`L:s${i % KEYS}`) },
  { name: 'cacheme hit, enableAutoPipelining client', run: (i) => cmAuto.hit(i) },
]

const log = (line: string) => process.stderr.write(`${line}\n`)
console.log(
  `\nHit-path levers, ${ROUNDS} rounds, redis ${server.version}, node ${process.version}, pinning: ${pinning.summary}`,
)
for (const concurrency of [1, 64]) {
  const plans: ModePlan[] = modes.map((mode) => ({
    name: mode.name,
    segment: () => drive(mode.run, OPS[concurrency]!, concurrency),
  }))
  const outcomes = await interleave(plans, ROUNDS, log)
  const rows = summarize(
    modes.map((mode) => ({ name: mode.name, role: 'baseline' as const })),
    outcomes,
    'GET (baseline)',
  )
  console.log(
    `\n${renderTable({ workload: 'levers', title: `Levers, concurrency ${concurrency}`, baseline: 'GET (baseline)', unit: 'calls/s', rounds: ROUNDS, opsPerRound: OPS[concurrency]!, concurrency, rows, notes: [] })}`,
  )
}

// CPU-only: what one promise hop and one timer cost, without Redis.
const N = 200_000
const resolved = Promise.resolve(1)
async function timeIt(run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 10_000; i += 1) await run()
  const started = performance.now()
  for (let i = 0; i < N; i += 1) await run()
  return ((performance.now() - started) * 1e6) / N
}
const flat = await timeIt(() => resolved)
const deep = await timeIt(() => hop(() => resolved, 6))
const timed = await timeIt(() => withTimer(resolved))
console.log(
  `\nCPU only, ${N} calls: await of a resolved promise ${flat.toFixed(0)} ns; through 6 async hops ${deep.toFixed(0)} ns (${((deep - flat) / 6).toFixed(0)} ns per hop); with a timeout timer ${timed.toFixed(0)} ns (${(timed - flat).toFixed(0)} ns for the timer).`,
)

redis.disconnect()
autoRedis.disconnect()
await server.stop()
