/**
 * Client CPU time per hit (`process.cpuUsage()`, user + system, ÷ calls), modes interleaved round by
 * round, on the harness's own pinned redis-server: what a hit costs the client, which is what bounds
 * throughput at concurrency 64. Unlike a wall-clock ratio it barely moves when other processes load the
 * machine (they take wall time, not this process's CPU time), so it is how a lever is judged on a busy
 * box. Reports the median over rounds and each mode's CPU relative to the hand-rolled `GET` + `JSON.parse`.
 *
 * Besides the two baselines, two floors a cacheme hit cannot go below, built on raw ioredis: `HGET` of the
 * entry's field (cacheme's layout keeps an entry as a hash field), and that `HGET` plus the default
 * serializer's decode of the `cm2:` payload (type-faithful: the `Date` comes back as a `Date`). What a
 * cacheme hit costs above the second floor is cacheme's own work (timeout, breaker, race-guard sequence,
 * key parsing, stampede map, events).
 *
 *   pnpm --filter @cacheme/benchmarks profile:cpu            # workspace build
 *   AB_BUILDS=before=/tmp/old/dist/index.js pnpm --filter @cacheme/benchmarks profile:cpu
 *
 * `BENCH_ROUNDS` (default 9), `CPU_OPS` (calls per segment, default 40000), `CPU_CONCURRENCY` (default 64).
 */
import { pathToFileURL } from 'node:url'
import * as current from '@cacheme/core'
import { Redis } from 'ioredis'
import { pinCpus } from '../src/infra/cpu-pinning.js'
import { startRedisServer } from '../src/infra/redis-server.js'
import { drive } from '../src/measure/drive.js'
import { makePayload } from '../src/payload.js'

type Core = typeof current
const KEYS = 1000
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9)
const OPS = Number(process.env.CPU_OPS ?? 40_000)
const CONCURRENCY = Number(process.env.CPU_CONCURRENCY ?? 64)

const builds: { name: string; core: Core }[] = []
for (const spec of (process.env.AB_BUILDS ?? '').split(',').filter(Boolean)) {
  const [name, path] = spec.split('=') as [string, string]
  builds.push({ name, core: (await import(pathToFileURL(path).href)) as Core })
}
builds.push({ name: 'current', core: current })

const pinning = pinCpus()
const server = await startRedisServer(pinning)
const endpoint = { host: server.host, port: server.port }
const payload = makePayload(1000)
const jsonText = JSON.stringify(payload)

// Every mode on its own connection, as in the hit workload.
const rawClient = new Redis(endpoint)
const handClient = new Redis(endpoint)
const hgetClient = new Redis(endpoint)
const decodeClient = new Redis(endpoint)
const serializer = current.defaultSerializer()
const cm2Payload = serializer.serialize(payload)
for (let i = 0; i < KEYS; i += 1) {
  await rawClient.set(`cpu:s${i}`, jsonText)
  await rawClient.hset(`cpu:h${i}`, 'base', jsonText)
  await rawClient.hset(`cpu:d${i}`, 'base', cm2Payload)
}

const modes: { name: string; run: (i: number) => Promise<unknown> }[] = [
  { name: 'raw GET', run: (i) => rawClient.get(`cpu:s${i % KEYS}`) },
  {
    name: 'hand-rolled GET + JSON.parse',
    run: async (i) => JSON.parse((await handClient.get(`cpu:s${i % KEYS}`))!),
  },
  { name: 'raw HGET (floor: the layout)', run: (i) => hgetClient.hget(`cpu:h${i % KEYS}`, 'base') },
  {
    name: 'HGET + cm2 decode (floor: layout + types)',
    run: async (i) => serializer.deserialize((await decodeClient.hget(`cpu:d${i % KEYS}`, 'base'))!),
  },
]
const clients = [rawClient, handClient, hgetClient, decodeClient]
for (const build of builds) {
  const client = new Redis(endpoint)
  clients.push(client)
  const cm = build.core.createCacheme({
    storage: new build.core.RedisStorage(client),
    prefix: `cpu-${build.name}:`,
  })
  const cached = cm.wrap(async (id: string) => ({ ...payload, id }), {
    tag: 'cpu',
    key: (c) => `Item:${c.args[0]}`,
    invalidKeys: (c) => [`User:${c.args[0]}`],
    timeout: 3600,
  })
  for (let i = 0; i < KEYS; i += 1) await cached(String(i))
  modes.push({ name: `cacheme ${build.name}`, run: (i) => cached(String(i % KEYS)) })
}

const samples = new Map<string, number[]>(modes.map((mode) => [mode.name, []]))
for (let round = 0; round <= ROUNDS; round += 1) {
  for (let k = 0; k < modes.length; k += 1) {
    const mode = modes[(round + k) % modes.length]!
    const before = process.cpuUsage()
    await drive(mode.run, OPS, CONCURRENCY)
    const used = process.cpuUsage(before)
    if (round > 0) samples.get(mode.name)!.push((used.user + used.system) / OPS)
  }
  process.stderr.write(`  round ${round}/${ROUNDS} done\n`)
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
const hand = median(samples.get('hand-rolled GET + JSON.parse')!)
const { loadavg } = await import('node:os')
console.log(
  `\nCPU per hit, ~1 KB payload, concurrency ${CONCURRENCY}, ${ROUNDS} rounds × ${OPS} calls, load ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}, ${pinning.summary}\n`,
)
console.log('| mode | CPU µs/hit (median) | range | hand-rolled CPU ÷ mode CPU |')
console.log('|---|---:|---:|---:|')
for (const [name, values] of samples) {
  const m = median(values)
  console.log(
    `| ${name} | ${m.toFixed(2)} | ${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)} | ${(hand / m).toFixed(2)} |`,
  )
}
for (const client of clients) client.disconnect()
await server.stop()
