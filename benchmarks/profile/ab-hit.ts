/**
 * A/B of the cacheme hit (and miss) between builds of `@cacheme/core` in one process, on the harness's
 * own pinned redis-server, modes interleaved round by round, ratios against a raw `GET` of the same
 * round — how each optimisation lever was measured before/after (issue 11), robust to a noisy machine
 * because every build runs in every round.
 *
 *   AB_BUILDS=before=/tmp/old/dist/index.js,lever1=/tmp/l1/dist/index.js pnpm --filter @cacheme/benchmarks profile:ab
 *
 * The workspace build always runs too, as `current`. Without `AB_BUILDS` that is an A/A run against
 * itself (to see the noise). `BENCH_ROUNDS` (default 5), `AB_MISS=1` adds the miss + write.
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

const builds: { name: string; core: Core }[] = []
for (const spec of (process.env.AB_BUILDS ?? 'again=').split(',')) {
  const [name, path] = spec.split('=') as [string, string]
  builds.push({ name, core: path ? ((await import(pathToFileURL(path).href)) as Core) : current })
}
builds.push({ name: 'current', core: current })
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
const opened = builds.map((build) => ({ name: build.name, ...cacheme(build.core, build.name) }))
for (const build of opened) for (let i = 0; i < KEYS; i += 1) await build.cached(String(i))

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

console.log(
  `\nA/B, ${ROUNDS} rounds, builds: ${process.env.AB_BUILDS ?? '(workspace, A/A)'}, load ${(await import('node:os')).loadavg()[0]}`,
)
for (const concurrency of [1, 64]) {
  await table(`Hit, concurrency ${concurrency}`, concurrency, OPS[concurrency]!, [
    { name: 'raw GET', run: (i) => redis.get(`ab:s${i % KEYS}`) },
    { name: 'GET + JSON.parse', run: async (i) => JSON.parse((await redis.get(`ab:s${i % KEYS}`))!) },
    ...opened.map((build) => ({
      name: `cacheme ${build.name}`,
      run: (i: number) => build.cached(String(i % KEYS)),
    })),
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
      ...opened.map((build) => ({ name: `cacheme ${build.name}`, run: () => build.cached(`m${fresh++}`) })),
    ])
  }
}

for (const client of [redis, ...opened.map((build) => build.client)]) client.disconnect()
await server.stop()
