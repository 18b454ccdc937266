/**
 * Workload 7 — coherence of the in-process tier across processes: how long after an invalidation in this
 * process another process stops serving its in-process copy (the staleness the `l1` option trades for its
 * hits). The other process (`infra/coherence-main.ts`, pinned to the Redis CPU so that its polling does
 * not take this process's CPU) holds the value in its tier and, once armed, reads it in a loop that yields
 * to I/O; the delay is from the moment this process's `invalidate()` resolved to the other process's
 * first read that returns the new value (clocks of one machine: `performance.timeOrigin + now()`).
 *
 * Baseline: a raw `PUBLISH` of the version and a raw subscriber in the other process — the pub/sub floor.
 * The rate column is rounds per second of this sequential loop (invalidate, wait until seen); read the
 * delay percentiles. A negative delay means the other process saw it before this one's call resolved.
 */
import type { ChildProcess } from 'node:child_process'
import { createCacheme, RedisStorage } from '@cacheme/core'
import { Redis } from 'ioredis'
import { startChildScript } from '../infra/child-script.js'
import { percentile } from '../measure/stats.js'
import type { ResultRow, ResultTable } from '../report/results.js'
import type { Workload, WorkloadContext } from './workload.js'

const RAW = 'raw PUBLISH → subscriber in another process (pub/sub floor)'
const CACHEME = 'cacheme l1: invalidate() → other process serves the new value'

/** Lines a child prints, one at a time. */
function lineReader(child: ChildProcess): () => Promise<string> {
  const queued: string[] = []
  const waiting: ((line: string) => void)[] = []
  let buffered = ''
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8')
    for (let newline = buffered.indexOf('\n'); newline !== -1; newline = buffered.indexOf('\n')) {
      const line = buffered.slice(0, newline)
      buffered = buffered.slice(newline + 1)
      const next = waiting.shift()
      if (next) next(line)
      else queued.push(line)
    }
  })
  return () => {
    const line = queued.shift()
    if (line !== undefined) return Promise.resolve(line)
    return new Promise((resolve) => waiting.push(resolve))
  }
}

async function measure(
  context: WorkloadContext,
  mode: 'cacheme' | 'raw',
  rounds: number,
): Promise<{ delaysUs: number[]; elapsedMs: number }> {
  const { redis, pinning } = context
  const prefix = `coh${mode}${Date.now()}:`
  const raw = new Redis({ host: redis.host, port: redis.port })
  await raw.set(`${prefix}db`, '0')
  const client = new Redis({ host: redis.host, port: redis.port })
  const cm = createCacheme({ storage: new RedisStorage(client), prefix })
  const child = await startChildScript(
    'coherence-main.ts',
    [redis.host, String(redis.port), prefix, mode],
    pinning,
    pinning.redisCpu,
  )
  const next = lineReader(child.child)
  const send = (line: string) => child.child.stdin!.write(`${line}\n`)
  const delaysUs: number[] = []
  const started = performance.now()
  try {
    await cm.invalidate('Warm:up') // the prefix's first invalidation restarts the sequence: not measured
    // Round 0, unmeasured: the other process reads version 0 and keeps it in its tier.
    send('arm 0')
    await next()
    await next()
    for (let version = 1; version <= rounds; version += 1) {
      send(`arm ${version}`)
      if ((await next()) !== 'armed') throw new Error('coherence child: expected armed')
      await raw.set(`${prefix}db`, String(version)) // the "commit", before the invalidation
      let done: number
      if (mode === 'raw') {
        await raw.publish(`${prefix}raw`, String(version))
        done = performance.timeOrigin + performance.now()
      } else {
        await cm.invalidate('Dep:1')
        done = performance.timeOrigin + performance.now()
      }
      const seen = await next()
      if (!seen.startsWith('seen ')) throw new Error(`coherence child: unexpected ${seen}`)
      delaysUs.push((Number(seen.slice(5)) - done) * 1000)
      // The child cached the value again with its read; let its tier hold it before the next round.
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
    return { delaysUs, elapsedMs: performance.now() - started }
  } finally {
    send('stop')
    child.child.stdin!.end()
    await child.rest
    await cm.close()
    client.disconnect()
    raw.disconnect()
  }
}

export const coherenceWorkload: Workload = {
  id: 'coherence',
  describe:
    'How long after an invalidation in this process another process stops serving its in-process copy (`l1` option): the staleness window the tier trades for hits without a round trip. Delay = from this process’s `invalidate()` resolving to the other process’s first read returning the new value; the baseline is a raw PUBLISH seen by a raw subscriber (the pub/sub floor). Ratio = rounds/s ÷ the baseline’s (sequential rounds: invalidate, wait until seen).',
  async run(context) {
    const { settings, log } = context
    const rounds = settings.quick ? 5 : 300
    log(`Coherence: ${rounds} invalidations, raw pub/sub and cacheme l1`)
    const results = new Map<string, { delaysUs: number[]; elapsedMs: number }>()
    for (const mode of ['raw', 'cacheme'] as const) results.set(mode, await measure(context, mode, rounds))
    const base = results.get('raw')!
    const rate = (r: { delaysUs: number[]; elapsedMs: number }) => r.delaysUs.length / (r.elapsedMs / 1000)
    const rows: ResultRow[] = [
      ['raw', RAW, 'baseline'],
      ['cacheme', CACHEME, 'cacheme'],
    ].map(([key, name, role]) => {
      const measured = results.get(key!)!
      const sorted = Float64Array.from(measured.delaysUs).sort()
      return {
        mode: name!,
        role: role as ResultRow['role'],
        status: 'ok',
        opsPerSec: rate(measured),
        ratio: rate(measured) / rate(base),
        p50Us: percentile(sorted, 50),
        p95Us: percentile(sorted, 95),
        p99Us: percentile(sorted, 99),
        extra: { 'max delay µs': Math.round(sorted.at(-1) ?? Number.NaN) },
      }
    })
    const table: ResultTable = {
      workload: 'coherence',
      title: `Coherence of the in-process tier across two processes, ${rounds} invalidations`,
      baseline: RAW,
      unit: 'rounds/s',
      rounds: 1,
      opsPerRound: rounds,
      rows,
      notes: [
        'p50/p95/p99 here are the delay in µs from the invalidating call resolving to the other process serving the new value (not call latencies).',
        'The other process is pinned to the Redis CPU and polls in a loop that yields to I/O only while a round is armed; its reads between notices are in-process hits.',
        'When notices lag (or the subscription is lost), the tier is dropped within about 1.25 × `maxLagMs` (default 100 ms) instead: that is the bound, this table is the usual case.',
      ],
    }
    return [table]
  },
}
