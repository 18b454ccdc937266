/**
 * Run profiles of the fault harness.
 *
 * - `ci`: what the tests run — a 1.5 s outage, a 500 ms operation timeout and a 1 s breaker cooldown, so
 *   that a scenario takes seconds. Recovery times measured here reflect those settings.
 * - `defaults`: cacheme's own defaults (1 s timeout, 5 s cooldown, 5 failures) and 3 s outages — the
 *   figures an application gets out of the box, recovery time included.
 */
import type { ScenarioOptions } from './scenario.js'
import type { WorkloadOptions } from './workload.js'

export const WORKLOAD: WorkloadOptions = {
  seed: 9,
  loops: 8,
  keys: 300,
  rows: 60,
  writeEveryMs: 15,
  computeMs: 2,
}

export const PROFILES = {
  ci: {
    outageMs: 1500,
    warmMs: 800,
    tailMs: 300,
    maxRecoveryMs: 10_000,
    cacheme: { operationTimeoutMs: 500, breakerCooldownMs: 1000 },
    workload: WORKLOAD,
  },
  defaults: {
    outageMs: 3000,
    warmMs: 2000,
    tailMs: 2000,
    maxRecoveryMs: 30_000,
    cacheme: {},
    workload: WORKLOAD,
  },
} satisfies Record<string, ScenarioOptions>

export type ProfileName = keyof typeof PROFILES
