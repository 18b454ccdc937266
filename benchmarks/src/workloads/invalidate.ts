/**
 * Workload 3 — invalidate one entity with N dependents (N = 1, 100, 10 000).
 *
 * Each round, untimed: cache `entities × N` values, each depending on one entity (concurrency 64). Timed:
 * invalidate each entity once, one after the other. Untimed again: read one dependent of each entity and
 * check that the cached function runs (the value is really gone); a dependent still served from the cache
 * is counted under `stale after` and makes the row suspect.
 */
import type { CacheClient, Contender } from '@cacheme/bench-peers/contract'
import { invalidateContenders, rawUnlinkContender } from '../contenders/index.js'
import { deleteMatching } from '../infra/keyspace.js'
import { commandCount } from '../measure/command-stats.js'
import { drive } from '../measure/drive.js'
import { interleave, type ModePlan } from '../measure/interleave.js'
import { summarize } from '../measure/summarize.js'
import { makePayload } from '../payload.js'
import type { ResultRow, ResultTable } from '../report/results.js'
import { namespaceFor } from './cache-table.js'
import type { Workload, WorkloadContext } from './workload.js'

interface Opened {
  readonly contender: Contender
  readonly client: CacheClient
  readonly namespace: string
  readonly loads: { count: number }
  stale: number
}

async function table(context: WorkloadContext, dependents: number): Promise<ResultTable> {
  const { settings, admin, log, redis } = context
  const entities = Math.max(1, Math.min(200, Math.floor(settings.invalidate.entriesPerRound / dependents)))
  const title = `Invalidate one entity with ${dependents.toLocaleString('en-US')} dependent${dependents === 1 ? '' : 's'}`
  log(`${title}: ${entities} entities per round`)
  const payload = makePayload(100)
  const opened: Opened[] = []
  const rows: ResultRow[] = []
  for (const contender of invalidateContenders) {
    const namespace = namespaceFor(contender)
    const loads = { count: 0 }
    const client = await contender.open({
      endpoint: redis,
      namespace,
      ttlSeconds: 600,
      load: async () => {
        loads.count += 1
        return payload
      },
    })
    if (client.invalidateEntity === undefined) {
      await client.close()
      rows.push({
        mode: contender.name,
        role: contender.role,
        status: 'n/a',
        reason: contender.cannot?.dependents ?? 'cannot invalidate by entity',
      })
      continue
    }
    opened.push({ contender, client, namespace, loads, stale: 0 })
  }
  const plans: ModePlan[] = opened.map((entry) => ({
    name: entry.contender.name,
    segment: async (round) => {
      const entity = (e: number) => `Ent:${round}-${e}`
      await drive(
        (i) => entry.client.get(`d${round}-${i}`, entity(Math.floor(i / dependents))),
        entities * dependents,
        64,
      )
      const before = await commandCount(admin)
      const segment = await drive((e) => entry.client.invalidateEntity!(entity(e)), entities, 1)
      const commands = (await commandCount(admin)) - before
      entry.loads.count = 0
      for (let e = 0; e < entities; e += 1) await entry.client.get(`d${round}-${e * dependents}`, entity(e))
      entry.stale += entities - entry.loads.count
      await deleteMatching(admin, `*${entry.namespace}*`)
      return { ...segment, commands }
    },
  }))
  const outcomes = await interleave(plans, settings.rounds, log)
  for (const entry of opened) {
    await entry.client.close().catch(() => {})
    await deleteMatching(admin, `*${entry.namespace}*`)
  }
  const measured = summarize(
    opened.map((entry) => ({ name: entry.contender.name, role: entry.contender.role })),
    outcomes,
    rawUnlinkContender.name,
  ).map((row) => {
    const entry = opened.find((candidate) => candidate.contender.name === row.mode)!
    return { ...row, extra: { ...row.extra, 'stale after': entry.stale } }
  })
  return {
    workload: 'invalidate',
    title,
    baseline: rawUnlinkContender.name,
    unit: 'invalidations/s',
    rounds: settings.rounds,
    opsPerRound: entities,
    concurrency: 1,
    rows: [...measured, ...rows],
    notes: [
      `Each round caches ${entities} × ${dependents.toLocaleString('en-US')} values (untimed), then times ${entities} invalidation${entities === 1 ? '' : 's'}; the p50/p99 columns are the time of one invalidation (target for 10 000 dependents: < 50 ms).`,
      'bentocache tags are lazy: `deleteByTag` records an invalidation time and the entries are dropped when next read, so its invalidation cost moves to the reads.',
      '`stale after` counts dependents still served from the cache after their entity was invalidated (checked once per entity and round); it must be 0.',
    ],
  }
}

export const invalidateWorkload: Workload = {
  id: 'invalidate',
  describe:
    'Invalidating one entity (a row) that N cached values depend on. Ratio = invalidations/s ÷ invalidations/s of one raw `UNLINK` of the N keys by a caller that already knows them — the floor; a library has to find the dependents first.',
  async run(context) {
    const out: ResultTable[] = []
    for (const dependents of context.settings.invalidate.dependents)
      out.push(await table(context, dependents))
    return out
  },
}
