/**
 * The memory soak: a cached function churns through fresh keys with a short `timeout` at a steady rate,
 * each entry registered in three invalidation sets (`SoakA:<i mod a>`, `SoakB:<i mod b>`, `SoakAll`) and
 * one tag, with a trickle of invalidations; memory, key count and the cardinality of the shared sets are
 * sampled as it runs. Then the churn stops and, after every TTL has passed, one more sample shows what
 * stays behind.
 *
 * `persistentMember: true` adds the case: one entry *without* timeout that shares `SoakAll` and
 * the tag, which makes those two sets persistent.
 *
 * Levels off? `growth` compares the highest reading of the last third of the churn with the highest of
 * the middle third: about 1.0 when memory levelled off, well above when it keeps growing.
 */
import { type Cacheme, createCacheme } from '@cacheme/core'
import { Cluster, type Redis } from 'ioredis'
import { Random } from '../stats/random.js'
import { type MemoryReading, openTarget, type SoakTargetName } from './soak-target.js'

export interface SoakOptions {
  readonly target: SoakTargetName
  readonly durationMs: number
  readonly ttlMs: number
  readonly ratePerSec: number
  readonly concurrency: number
  readonly sampleEveryMs: number
  /** Distinct `SoakA` and `SoakB` invalid keys. */
  readonly setsA: number
  readonly setsB: number
  readonly invalidationsPerSec: number
  readonly persistentMember: boolean
  /** MemoryStorage's `maxEntries`. */
  readonly maxEntries?: number
}

export interface SoakSample extends MemoryReading {
  /** ms since the churn started. */
  readonly t: number
  readonly writes: number
}

export interface SoakResult {
  readonly options: SoakOptions
  readonly samples: readonly SoakSample[]
  /** After the churn stopped and every TTL (+ the sets' 1 s margin) passed. */
  readonly settled: SoakSample
  readonly writes: number
  /** Highest sampled `keys` during the churn (≈ live entries + sets). */
  readonly peakKeys: number
  readonly growth: { readonly bytes: number; readonly keys: number; readonly setMembers: number }
  /** Keys left under the prefix after settling, by kind (Redis targets). */
  readonly leftover: Readonly<Record<string, number>>
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
const PREFIX = 'soak:'

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const target = await openTarget(options.target, { maxEntries: options.maxEntries })
  const cm = createCacheme({ storage: target.storage, prefix: PREFIX })
  const sets = [`${PREFIX}SoakAll:invalid`, `${PREFIX}#cm:tag:soak`]
  const random = new Random(7)
  try {
    const entry = churned(cm, options)
    if (options.persistentMember) await persistent(cm)()
    const samples: SoakSample[] = []
    let writes = 0
    let running = true
    const started = performance.now()
    const sampler = (async () => {
      while (running) {
        await sleep(options.sampleEveryMs)
        samples.push({ t: Math.round(performance.now() - started), writes, ...(await target.read(sets)) })
      }
    })()
    const invalidator = (async () => {
      if (options.invalidationsPerSec <= 0) return
      while (running) {
        await sleep(1000 / options.invalidationsPerSec)
        await cm.invalidate(`SoakA:${random.int(options.setsA)}`)
      }
    })()
    let next = 0
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (performance.now() - started < options.durationMs) {
          const i = next++
          // Pace the churn: write i is due at i / rate seconds into the run.
          const due = started + (i * 1000) / options.ratePerSec
          const wait = due - performance.now()
          if (wait > 0) await sleep(wait)
          // MemoryStorage answers in microtasks: without a macrotask turn now and then, a churn that is
          // behind schedule would starve the sampler's timer (and every other timer) for the whole run.
          else if (i % 64 === 0) await new Promise<void>((resolve) => setImmediate(resolve))
          await entry(i)
          writes += 1
        }
      }),
    )
    running = false
    await Promise.all([sampler, invalidator])
    await sleep(options.ttlMs + 1000 + 1500)
    const settled: SoakSample = {
      t: Math.round(performance.now() - started),
      writes,
      ...(await target.read(sets)),
    }
    return {
      options,
      samples,
      settled,
      writes,
      peakKeys: Math.max(...samples.map((s) => s.keys)),
      growth: growthOf(samples),
      leftover: await leftover(target.client),
    }
  } finally {
    await cm.close()
    await target.stop()
  }
}

/** The churned function: a fresh key per call, three invalid keys, one tag, the soak's timeout. */
function churned(cm: Cacheme, options: SoakOptions) {
  return cm.cacheme<[number], string>({
    key: (c) => `Soak:${c.args[0]}`,
    invalidKeys: (c) => [
      `SoakA:${c.args[0] % options.setsA}`,
      `SoakB:${c.args[0] % options.setsB}`,
      'SoakAll',
    ],
    tag: 'soak',
    timeout: options.ttlMs / 1000,
  })(async (i) => `value of entry ${i}: ${'x'.repeat(48)}`)
}

/** The case: one entry without timeout in the shared set and tag. */
function persistent(cm: Cacheme) {
  return cm.cacheme<[], string>({ key: () => 'SoakForever', invalidKeys: () => ['SoakAll'], tag: 'soak' })(
    async () => 'kept forever',
  )
}

function growthOf(samples: readonly SoakSample[]): SoakResult['growth'] {
  const third = Math.floor(samples.length / 3)
  const middle = samples.slice(third, 2 * third)
  const last = samples.slice(2 * third)
  const ratio = (pick: (s: SoakSample) => number) => {
    const m = Math.max(...middle.map(pick))
    const l = Math.max(...last.map(pick))
    return m > 0 ? Math.round((l / m) * 100) / 100 : 0
  }
  if (middle.length === 0 || last.length === 0) return { bytes: 0, keys: 0, setMembers: 0 }
  return {
    bytes: ratio((s) => s.bytes),
    keys: ratio((s) => s.keys),
    setMembers: ratio((s) => s.setMembers.reduce((a, b) => a + b, 0)),
  }
}

/** Keys still present under the prefix, grouped as meta / set / tag / value. */
async function leftover(client: Redis | Cluster | undefined): Promise<Record<string, number>> {
  if (client === undefined) return {}
  const out: Record<string, number> = {}
  const nodes = client instanceof Cluster ? client.nodes('master') : [client]
  for (const node of nodes) {
    let cursor = '0'
    do {
      const [nextCursor, keys] = await node.scan(cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 1000)
      cursor = nextCursor
      for (const key of keys) {
        const kind = key.includes('#cm:{meta}')
          ? 'meta'
          : key.includes('#cm:tag:')
            ? 'tag'
            : key.endsWith(':invalid')
              ? 'set'
              : 'value'
        out[kind] = (out[kind] ?? 0) + 1
      }
    } while (cursor !== '0')
  }
  return out
}
