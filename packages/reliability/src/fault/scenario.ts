/**
 * Runs one fault scenario end to end and returns its figures:
 *
 * 1. start its own `redis-server` (or a 3 masters + 3 replicas Cluster) on free loopback ports;
 * 2. two cacheme instances with their own ioredis clients (default client options, as an application
 *    would create them) on one random prefix;
 * 3. warm up, inject the fault, lift it, wait until every instance serves hits again with nothing pending
 *    (bounded by `maxRecoveryMs`), run a short tail;
 * 4. stop the workload, let queued invalidations drain, compare what is left in Redis with the truth.
 *
 * Meant to run in a process of its own (`scripts/fault.ts`), so that unhandled rejections are counted
 * without a test runner's handlers in the way.
 */
import { randomUUID } from 'node:crypto'
import { type CachemeConfig, createCacheme, RedisStorage } from '@cacheme/core'
import { Cluster, Redis } from 'ioredis'
import { RedisClusterProcess } from '../infra/redis-cluster.js'
import { RedisServer } from '../infra/redis-server.js'
import { FAULTS, type FaultName } from './faults.js'
import type { Phase, PhaseFigures } from './phase-stats.js'
import { type StaleEntries, staleEntriesLeft } from './stale-entries.js'
import { Timeline, type TimelineSample } from './timeline.js'
import { Workload, type WorkloadOptions } from './workload.js'

export interface ScenarioOptions {
  readonly outageMs: number
  readonly warmMs: number
  readonly tailMs: number
  /** Give up waiting for recovery after this long (the figures then say so). */
  readonly maxRecoveryMs: number
  /** cacheme resilience settings; `{}` = cacheme's defaults. */
  readonly cacheme: Pick<CachemeConfig, 'operationTimeoutMs' | 'breakerCooldownMs' | 'breakerThreshold'>
  readonly workload: WorkloadOptions
}

export interface ScenarioResult {
  readonly scenario: FaultName
  readonly describe: string
  readonly options: ScenarioOptions
  /** The operation timeout in effect (the bound on extra latency per storage operation). */
  readonly operationTimeoutMs: number
  /** How long the fault lasted, from injection to lifted (ms). */
  readonly faultMs: number
  readonly phases: Record<Phase, PhaseFigures>
  readonly unhandledRejections: number
  /** Per instance: ms from the fault being lifted to the first cache hit (null: none within the bound). */
  readonly resumeMs: readonly (number | null)[]
  /** Per instance: pending invalidations after the final drain (must be 0). */
  readonly pendingAtEnd: readonly number[]
  readonly staleEntries: StaleEntries
  readonly clientErrors: number
  readonly samples: {
    readonly thrown: readonly string[]
    readonly stale: readonly string[]
    /** `error` event messages per phase with their counts. */
    readonly errors: Readonly<Record<string, number>>
  }
  readonly timeline: readonly TimelineSample[]
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
let unhandled = 0
process.on('unhandledRejection', () => {
  unhandled += 1
})

export async function runScenario(name: FaultName, options: ScenarioOptions): Promise<ScenarioResult> {
  const fault = FAULTS[name]
  const server = fault.target === 'single' ? await RedisServer.start() : undefined
  const cluster =
    fault.target === 'cluster' ? await RedisClusterProcess.start({ replicasPerMaster: 1 }) : undefined
  let clientErrors = 0
  const clients = [0, 1].map(() => {
    const client: Redis | Cluster = server ? new Redis(server.url) : new Cluster(cluster!.seeds)
    client.on('error', () => {
      clientErrors += 1
    })
    return client
  })
  const prefix = `fault:${randomUUID().slice(0, 8)}:`
  const instances = clients.map((client) =>
    createCacheme({ storage: new RedisStorage(client), prefix, ...options.cacheme }),
  )
  const workload = new Workload(instances, options.workload)
  const timeline = new Timeline(workload, 250)
  const unhandledBefore = unhandled
  try {
    workload.start()
    await sleep(options.warmMs)
    const faultStart = workload.stats.enter('outage')
    await fault.inject({ server, cluster, workload, prefix, outageMs: options.outageMs })
    const lifted = workload.stats.enter('recovery')
    workload.watchRecovery()
    const deadline = lifted + options.maxRecoveryMs
    while (performance.now() < deadline) {
      const resumed = workload.firstHits().every((t) => t !== undefined)
      if (resumed && instances.every((cm) => cm.pendingInvalidations === 0)) break
      await sleep(20)
    }
    workload.stats.enter('after')
    await sleep(options.tailMs)
    await workload.stop()
    timeline.stop()
    // Deliver whatever is still queued (bounded), then look at what Redis holds.
    for (let i = 0; i < 50 && instances.some((cm) => cm.pendingInvalidations > 0); i += 1) {
      await Promise.all(instances.map((cm) => cm.flushPendingInvalidations()))
      await sleep(100)
    }
    const staleEntries = await staleEntriesLeft(clients[0]!, prefix, options.workload.keys, workload.truth)
    return {
      scenario: name,
      describe: fault.describe,
      options,
      operationTimeoutMs: instances[0]!.config.operationTimeoutMs,
      faultMs: Math.round(lifted - faultStart),
      phases: workload.stats.figures(),
      unhandledRejections: unhandled - unhandledBefore,
      resumeMs: workload.firstHits().map((t) => (t === undefined ? null : Math.round(t - lifted))),
      pendingAtEnd: instances.map((cm) => cm.pendingInvalidations),
      staleEntries,
      clientErrors,
      samples: {
        thrown: workload.stats.thrownSamples,
        stale: workload.stats.staleSamples,
        errors: Object.fromEntries(workload.stats.errorMessages),
      },
      timeline: timeline.samples,
    }
  } finally {
    timeline.stop()
    await workload.stop()
    await Promise.all(instances.map((cm) => cm.close()))
    for (const client of clients) client.disconnect()
    await server?.stop()
    await cluster?.stop()
  }
}
