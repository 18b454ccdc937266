/**
 * A/B of the cacheme hit (and miss) between two builds of `@cacheme/core` in one process, on the
 * harness's own pinned redis-server, modes interleaved round by round, ratios against a raw `GET` of the
 * same round — how each optimisation lever was measured before/after (issue 11), robust to a noisy
 * machine because both builds run in every round.
 *
 *   CORE_BEFORE=/path/to/old/dist/index.js pnpm --filter @cacheme/benchmarks profile:ab
 *
 * `CORE_BEFORE` defaults to the workspace build itself (an A/A run, to see the noise). `BENCH_ROUNDS`
 * (default 5), `AB_MISS=1` adds the miss + write.
 */
import { pathToFileURL } from 'node:url'
import * as current from '@cacheme/core'
import { Redis } from 'ioredis'
import { pinCpus } from '../src/infra/cpu-pinning.js'
import { startRedisServer } from '../src/infra/redis-server.js'
import { drive } from '../src/measure/drive.js'
import { interleave, type ModePlan } from '../src/measure/interleave.js'
import { summarize } from '../src/measure/summarize.js'
import { makePayload } from '../src/payload.js'
import { renderTable } from '../src/report/markdown.js'

type Core = typeof current
const KEYS = 1000
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const OPS: Record<number, number> = { 1: 3000, 64: 30_000 }
const MISS_OPS: Record<number, number> = { 1: 1000, 64: 5000 }

const before: Core = process.env.CORE_BEFORE
  ? ((await import(pathToFileURL(process.env.CORE_BEFORE).href)) as Core)
  : current
const pinning = pinCpus()
const server = await startRedisServer(pinning)
const endpoint = { host: server.host, port: server.port }
const redis = new Redis(endpoint)
const payload = makePayload(1000)
const jsonText = JSON.stringify(payload)
for (let i = 0; i < KEYS; i += 1) await redis.set(`ab:s${i}`, jsonText)

function cacheme(core: Core, name: string) {
  const client = new Redis(endpoint)
  const cm = core.createCacheme({ storage: new core.RedisStorage(client), prefix: `ab-${name}:` })
  const cached = cm.wrap(async (id: string) => ({ ...payload, id }), {
    tag: 'ab',
    key: (c) => `Item:${c.args[0]}`,
    invalidKeys: (c) => [`User:${c.args[0]}`],
    timeout: 3600,
  })
  return { cached, client }
}
const a = cacheme(before, 'before')
const b = cacheme(current, 'after')
for (let i = 0; i < KEYS; i += 1) {
  await a.cached(String(i))
  await b.cached(String(i))
}

const log = (line: string) => process.stderr.write(`${line}\n`)
const table = async (
  title: string,
  concurrency: number,
  ops: number,
  modes: { name: string; run: (i: number) => Promise<unknown> }[],
) => {
  const plans: ModePlan[] = modes.map((mode) => ({
    name: mode.name,
    segment: () => drive(mode.run, ops, concurrency),
  }))
  const outcomes = await interleave(plans, ROUNDS, log)
  const rows = summarize(
    modes.map((mode) => ({ name: mode.name, role: 'baseline' as const })),
    outcomes,
    modes[0]!.name,
  )
  console.log(
    `\n${renderTable({ workload: 'ab', title, baseline: modes[0]!.name, unit: 'calls/s', rounds: ROUNDS, opsPerRound: ops, concurrency, rows, notes: [] })}`,
  )
}

console.log(`\nA/B, ${ROUNDS} rounds, before = ${process.env.CORE_BEFORE ?? '(workspace, A/A)'}`)
for (const concurrency of [1, 64]) {
  await table(`Hit, concurrency ${concurrency}`, concurrency, OPS[concurrency]!, [
    { name: 'raw GET', run: (i) => redis.get(`ab:s${i % KEYS}`) },
    { name: 'GET + JSON.parse', run: async (i) => JSON.parse((await redis.get(`ab:s${i % KEYS}`))!) },
    { name: 'cacheme before', run: (i) => a.cached(String(i % KEYS)) },
    { name: 'cacheme after', run: (i) => b.cached(String(i % KEYS)) },
  ])
}
if (process.env.AB_MISS === '1') {
  let fresh = 0
  for (const concurrency of [1, 64]) {
    await table(`Miss + write, concurrency ${concurrency}`, concurrency, MISS_OPS[concurrency]!, [
      {
        name: 'raw GET + SET EX',
        run: async () => {
          const key = `ab:m${fresh++}`
          if ((await redis.get(key)) === null) await redis.set(key, jsonText, 'EX', 3600)
        },
      },
      { name: 'cacheme before', run: () => a.cached(`m${fresh++}`) },
      { name: 'cacheme after', run: () => b.cached(`m${fresh++}`) },
    ])
  }
}

for (const client of [redis, a.client, b.client]) client.disconnect()
await server.stop()
