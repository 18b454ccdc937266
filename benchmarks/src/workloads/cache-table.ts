/**
 * One table of cached calls (hit, miss, or either through the delaying proxy): opens every contender on
 * its own namespace, prepares it untimed, then runs interleaved rounds of `ops` calls at `concurrency`
 * and summarizes them against the baseline contender.
 *
 * Per segment it also counts the server commands executed and how often the cached function ran, so a
 * table shows both what a call costs and what it does (a "hit" segment that ran the function is not
 * measuring hits).
 */
import { randomBytes } from 'node:crypto'
import type { CacheClient, Contender, Endpoint } from '@cacheme/bench-peers/contract'
import { deleteMatching } from '../infra/keyspace.js'
import { commandCount } from '../measure/command-stats.js'
import { drive } from '../measure/drive.js'
import { interleave, type ModePlan } from '../measure/interleave.js'
import { type ModeInfo, pairedRatio, summarize } from '../measure/summarize.js'
import type { ResultRow, ResultTable } from '../report/results.js'
import type { WorkloadContext } from './workload.js'

export interface CacheTableSpec {
  readonly workload: string
  readonly title: string
  readonly contenders: readonly Contender[]
  /** The contender every ratio is against (must be in `contenders`). */
  readonly baseline: Contender
  /**
   * What the baseline's row is called in this table, when its contender name says less than it does here
   * (on a miss the raw `GET` contender also runs `SET … EX`).
   */
  readonly baselineLabel?: string
  readonly endpoint: Endpoint
  readonly concurrency: number
  readonly ops: number
  readonly rounds: number
  readonly ttlSeconds: number
  /** What the cached function returns. */
  readonly payload: unknown
  /** The id (and the entity it depends on) of call `index` of round `round`. */
  readonly call: (round: number, index: number) => { id: string; entity: string }
  /** Untimed, once after opening (e.g. warm the hot keys). */
  readonly prepare?: (client: CacheClient) => Promise<void>
  /** Untimed, after each segment: delete the contender's keys (misses need fresh keys every round). */
  readonly cleanEachSegment: boolean
  readonly notes?: readonly string[]
  /** Extra per-row columns computed from the summarized row (e.g. round trips per call). */
  readonly derive?: (row: ResultRow) => Record<string, string | number>
  /**
   * Paired same-round ratios of cacheme's rows against other modes, as extra columns: column label →
   * mode name (e.g. `{ '× hand-rolled': 'hand-rolled GET + JSON.parse / SET EX' }`).
   */
  readonly pairedWith?: Readonly<Record<string, string>>
}

/** `b3f2a-cacheme`: unique per table and contender, free of glob metacharacters. */
export function namespaceFor(contender: Contender): string {
  const slug = contender.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 24)
  return `b${randomBytes(3).toString('hex')}-${slug}`
}

/** Does a value read back from the cache still carry its `Date`? (Type fidelity, measured.) */
async function dateKept(client: CacheClient): Promise<string> {
  await client.get('typecheck', 'User:typecheck')
  const value = await client.get('typecheck', 'User:typecheck')
  if (typeof value === 'string') return 'not decoded'
  return (value as { createdAt?: unknown } | undefined)?.createdAt instanceof Date ? 'yes' : 'no'
}

interface Opened {
  readonly contender: Contender
  readonly client: CacheClient
  readonly namespace: string
  readonly loads: { count: number }
  readonly dateKept: string
}

export async function measureCacheTable(
  context: WorkloadContext,
  spec: CacheTableSpec,
): Promise<ResultTable> {
  const { admin, log } = context
  log(`${spec.title}: ${spec.contenders.length} modes × ${spec.rounds} rounds × ${spec.ops} calls`)
  const opened: Opened[] = []
  const failed = new Map<string, string>()
  for (const contender of spec.contenders) {
    const namespace = namespaceFor(contender)
    const loads = { count: 0 }
    let client: CacheClient | undefined
    try {
      client = await contender.open({
        endpoint: spec.endpoint,
        namespace,
        ttlSeconds: spec.ttlSeconds,
        load: async () => {
          loads.count += 1
          return spec.payload
        },
      })
      const kept = await dateKept(client)
      await spec.prepare?.(client)
      opened.push({ contender, client, namespace, loads, dateKept: kept })
    } catch (error) {
      failed.set(contender.name, error instanceof Error ? error.message : String(error))
      await client?.close().catch(() => {})
      await deleteMatching(admin, `*${namespace}*`)
    }
  }
  const plans: ModePlan[] = opened.map((entry) => ({
    name: entry.contender.name,
    segment: async (round) => {
      entry.loads.count = 0
      const before = await commandCount(admin)
      const segment = await drive(
        (index) => {
          const { id, entity } = spec.call(round, index)
          return entry.client.get(id, entity)
        },
        spec.ops,
        spec.concurrency,
      )
      const commands = (await commandCount(admin)) - before
      const loads = entry.loads.count
      if (spec.cleanEachSegment) await deleteMatching(admin, `*${entry.namespace}*`)
      return { ...segment, commands, loads }
    },
  }))
  const outcomes = await interleave(plans, spec.rounds, log)
  for (const [name, error] of failed) outcomes.set(name, { segments: [], error })
  for (const entry of opened) {
    await entry.client.close().catch(() => {})
    await deleteMatching(admin, `*${entry.namespace}*`)
  }
  const modes: ModeInfo[] = spec.contenders.map((contender) => ({
    name: contender.name,
    role: contender.role,
    extra: { 'Date kept': opened.find((entry) => entry.contender === contender)?.dateKept ?? '' },
  }))
  const baseline = spec.baselineLabel ?? spec.baseline.name
  const rows = summarize(modes, outcomes, spec.baseline.name).map((summarized) => {
    const row = summarized.mode === spec.baseline.name ? { ...summarized, mode: baseline } : summarized
    if (row.status !== 'ok') return row
    const extra: Record<string, string | number> = { ...row.extra, ...spec.derive?.(row) }
    for (const [label, other] of Object.entries(spec.pairedWith ?? {})) {
      const ratio = row.role === 'cacheme' ? pairedRatio(outcomes, row.mode, other) : undefined
      extra[label] = ratio === undefined ? '' : ratio
    }
    return { ...row, extra }
  })
  return {
    workload: spec.workload,
    title: spec.title,
    baseline,
    unit: 'calls/s',
    rounds: spec.rounds,
    opsPerRound: spec.ops,
    concurrency: spec.concurrency,
    rows,
    notes: spec.notes ?? [],
  }
}
