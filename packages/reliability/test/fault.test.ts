/**
 * The real-process fault harness, bounded (profile `ci`: 1.5 s outages, 500 ms operation timeout, 1 s
 * breaker cooldown). Each scenario runs in its own process (`scripts/fault.ts`) against redis-server
 * processes it starts itself.
 *
 * Every scenario must show: no call threw, no unhandled rejection, cache overhead per call during the
 * outage bounded by the operation timeout, nothing pending at the end, and caching resumed in both
 * instances. On a single Redis also: no read older than an invalidation that resolved through the same
 * instance (in any phase), no stale read in either instance once recovery is over, and every
 * invalidation issued during the outage applied (no stale entry left in Redis).
 *
 * Not asserted, because they are known defects (issue 9 and what the harness found; `pnpm fault
 * --scenario all`, `--profile defaults` and `pnpm repro` reproduce them, the package README lists them):
 * stale reads served to the *other* instance during recovery while one instance still holds queued
 * invalidations; the time to resume with default settings; and on Cluster, stale reads after a
 * failover in the instance that invalidated, because a timed-out invalidation's field deletion is
 * abandoned after its set was popped (`pnpm repro abandoned-invalidation`: 20 of 20 reads stale).
 */
import { describe, expect, it } from 'vitest'
import { CI_FAULT_NAMES, FAULTS } from '../src/fault/faults.js'
import type { ScenarioResult } from '../src/fault/scenario.js'
import { runScript } from '../src/report/run-script.js'

const scenario = async (name: string): Promise<ScenarioResult> => {
  const { result } = await runScript<ScenarioResult[]>('fault', ['--scenario', name, '--json'], 170_000)
  return result[0]!
}

/** What every scenario must show (see the module doc). */
function expectFailOpen(r: ScenarioResult): void {
  const phases = Object.values(r.phases)
  expect(phases.reduce((sum, p) => sum + p.calls, 0)).toBeGreaterThan(1000)
  expect(r.phases.outage.calls).toBeGreaterThan(0)
  expect(r.phases.outage.invalidations).toBeGreaterThan(0)
  expect(phases.map((p) => p.threw)).toEqual([0, 0, 0, 0])
  expect(r.unhandledRejections).toBe(0)
  expect(r.phases.before.staleOwn + r.phases.before.staleCross).toBe(0)
  // A call makes at most two storage operations (read, then write), each bounded by the timeout; the
  // extra 500 ms is scheduling slack on a shared 2-core machine, far below what a hang would cost.
  expect(r.phases.outage.extraLatencyMs.max).toBeLessThanOrEqual(2 * r.operationTimeoutMs + 500)
  expect(r.pendingAtEnd).toEqual([0, 0])
  expect(r.staleEntries.present).toBeGreaterThan(0)
  expect(r.resumeMs.every((ms) => ms !== null)).toBe(true)
}

const single = CI_FAULT_NAMES.filter((name) => FAULTS[name].target === 'single')
const cluster = CI_FAULT_NAMES.filter((name) => FAULTS[name].target === 'cluster')

describe('faults injected into real redis-server processes', () => {
  it.each(single)(
    '%s: fails open, never stale in the invalidating process, not stale anywhere after recovery, nothing lost',
    async (name) => {
      const r = await scenario(name)
      expectFailOpen(r)
      expect(Object.values(r.phases).map((p) => p.staleOwn)).toEqual([0, 0, 0, 0])
      expect(r.phases.after.staleCross).toBe(0)
      expect(r.staleEntries.stale).toBe(0)
    },
  )

  it.each(cluster)(
    '%s (3 masters + 3 replicas): fails open through the failover and resumes caching, nothing left pending',
    async (name) => expectFailOpen(await scenario(name)),
  )
})
