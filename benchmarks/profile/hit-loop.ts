/**
 * A bare hit loop under V8's CPU profiler (the profiler `node --cpu-prof` uses, started through
 * `node:inspector` around the timed loop only, so that start-up and warm-up are not in the profile).
 * Starts its own pinned redis-server, caches 1000 hot keys, then runs `ops` hits at `concurrency` and writes
 * `<out>/<mode>-c<concurrency>.cpuprofile`; prints `{ mode, concurrency, ops, elapsedMs }` as JSON.
 *
 *   tsx profile/hit-loop.ts <cacheme|cacheme-json|cacheme-l1|cacheme-miss|raw-get|hand-rolled> <concurrency> <ops> <out dir>
 *
 * `cacheme-l1` hits the in-process tier; `cacheme-miss` profiles misses instead (a fresh key per call: read,
 * compute, guarded write).
 *
 * Run by profile-hit.sh, which then summarizes the profiles with summarize-profile.ts.
 */
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { join } from 'node:path'
import { createCacheme, jsonSerializer, RedisStorage } from '@cacheme/core'
import { Redis } from 'ioredis'
import { pinCpus } from '../src/infra/cpu-pinning.js'
import { startRedisServer } from '../src/infra/redis-server.js'
import { drive } from '../src/measure/drive.js'
import { makePayload } from '../src/payload.js'

const [mode = 'cacheme', concurrencyArg = '1', opsArg = '20000', out = '.'] = process.argv.slice(2)
const concurrency = Number(concurrencyArg)
const ops = Number(opsArg)
const KEYS = 1000

const pinning = pinCpus()
const server = await startRedisServer(pinning)
const redis = new Redis({ host: server.host, port: server.port })
const payload = makePayload(1000)

let hit: (i: number) => Promise<unknown>
if (mode.startsWith('cacheme')) {
  const cm = createCacheme({
    storage: new RedisStorage(redis),
    prefix: 'prof:',
    ...(mode === 'cacheme-json' ? { serializer: jsonSerializer() } : {}),
    ...(mode === 'cacheme-l1' ? { l1: { max: 10_000, ttl: 3600 } } : {}),
  })
  const cached = cm.wrap(async (id: number) => ({ ...payload, id }), {
    tag: 'profile',
    key: (c) => `Item:${c.args[0]}`,
    invalidKeys: (c) => [`User:${c.args[0]}`],
    timeout: 3600,
  })
  if (mode === 'cacheme-l1') {
    await cm.ready()
    while (cm.l1?.state !== 'ready') await new Promise((resolve) => setTimeout(resolve, 10))
  }
  let fresh = KEYS
  hit = mode === 'cacheme-miss' ? () => cached(fresh++) : (i) => cached(i % KEYS)
} else if (mode === 'raw-get' || mode === 'hand-rolled') {
  const text = JSON.stringify(payload)
  for (let i = 0; i < KEYS; i += 1) await redis.set(`prof:s${i}`, text)
  hit =
    mode === 'raw-get'
      ? (i) => redis.get(`prof:s${i % KEYS}`)
      : async (i) => JSON.parse((await redis.get(`prof:s${i % KEYS}`))!)
} else {
  throw new Error(
    `unknown mode '${mode}' → cacheme, cacheme-json, cacheme-l1, cacheme-miss, raw-get or hand-rolled`,
  )
}

for (let i = 0; i < KEYS; i += 1) await hit(i)
await drive(hit, Math.min(ops, 20_000), concurrency) // JIT warm-up, not profiled

const session = new Session()
session.connect()
await session.post('Profiler.enable')
await session.post('Profiler.setSamplingInterval', { interval: 50 })
await session.post('Profiler.start')
const segment = await drive(hit, ops, concurrency)
const { profile } = await session.post('Profiler.stop')
session.disconnect()
writeFileSync(join(out, `${mode}-c${concurrency}.cpuprofile`), JSON.stringify(profile))
process.stdout.write(`${JSON.stringify({ mode, concurrency, ops, elapsedMs: segment.elapsedMs })}\n`)

redis.disconnect()
await server.stop()
