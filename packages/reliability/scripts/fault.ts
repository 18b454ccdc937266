/**
 * The real-process fault harness. Runs scenarios (see src/fault/faults.ts) against redis-server processes
 * it starts itself and prints their figures.
 *
 *   pnpm --filter @cacheme/reliability fault                       # every CI scenario, ci profile
 *   pnpm --filter @cacheme/reliability fault --scenario sigstop --profile defaults
 *   pnpm --filter @cacheme/reliability fault --scenario kill-restart-stale-rdb   # a defect reproduction
 *
 * Options: --scenario a,b|all|ci (default ci: every non-reproduction scenario), --profile ci|defaults,
 * --outage-ms N, --seed N, --timeline (print the hit/compute timeline), --json (RESULT line only).
 */
import { parseArgs } from 'node:util'
import { CI_FAULT_NAMES, FAULT_NAMES, FAULTS, type FaultName } from '../src/fault/faults.js'
import { PROFILES, type ProfileName } from '../src/fault/profiles.js'
import { runScenario, type ScenarioResult } from '../src/fault/scenario.js'
import { print, printResult, table } from '../src/report/output.js'

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'ci' },
    profile: { type: 'string', default: 'ci' },
    'outage-ms': { type: 'string' },
    seed: { type: 'string' },
    timeline: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
})

const profileName = values.profile as ProfileName
const base = PROFILES[profileName]
if (base === undefined)
  throw new Error(`unknown --profile ${JSON.stringify(values.profile)} → use ci or defaults`)
const options = {
  ...base,
  outageMs: values['outage-ms'] === undefined ? base.outageMs : Number(values['outage-ms']),
  workload: { ...base.workload, seed: values.seed === undefined ? base.workload.seed : Number(values.seed) },
}
const selected: FaultName[] =
  values.scenario === 'all'
    ? FAULT_NAMES
    : values.scenario === 'ci'
      ? CI_FAULT_NAMES
      : (values.scenario.split(',') as FaultName[])
for (const name of selected) {
  if (!(name in FAULTS))
    throw new Error(`unknown --scenario ${JSON.stringify(name)} → one of ${FAULT_NAMES.join(', ')}`)
}

const results: ScenarioResult[] = []
for (const name of selected) {
  const result = await runScenario(name, options)
  results.push(result)
  if (!values.json) report(result)
}
if (!values.json) summary(results)
printResult(results)

function report(r: ScenarioResult): void {
  const p = r.phases
  print(`\n## ${r.scenario}: ${r.describe} (profile ${profileName}, fault lasted ${r.faultMs} ms)`)
  print(
    table([
      [
        'phase',
        'calls',
        'threw',
        'stale own',
        'stale cross',
        'hits',
        'extra p50',
        'extra p99',
        'extra max',
        'errors',
        'inval',
        'queued',
      ],
      ...(['before', 'outage', 'recovery', 'after'] as const).map((phase) => [
        phase,
        p[phase].calls,
        p[phase].threw,
        p[phase].staleOwn,
        p[phase].staleCross,
        p[phase].hits,
        p[phase].extraLatencyMs.p50,
        p[phase].extraLatencyMs.p99,
        p[phase].extraLatencyMs.max,
        p[phase].errorEvents,
        p[phase].invalidations,
        p[phase].queuedInvalidations,
      ]),
    ]),
  )
  print(
    `unhandled rejections ${r.unhandledRejections}; caching resumed after ${r.resumeMs.map((ms) => (ms === null ? 'never' : `${ms} ms`)).join(' / ')}; ` +
      `pending at end ${r.pendingAtEnd.join('/')}; stale entries left in Redis ${r.staleEntries.stale} of ${r.staleEntries.present}`,
  )
  for (const line of [...r.samples.thrown, ...r.samples.stale, ...r.staleEntries.samples]) print(`  ${line}`)
  for (const [message, count] of Object.entries(r.samples.errors)) print(`  error x${count} ${message}`)
  if (values.timeline) {
    for (const s of r.timeline)
      print(
        `  ${String(s.t).padStart(6)} ${s.phase.padEnd(8)} hits ${s.hits.join('/')} computes ${s.computes.join('/')} pending ${s.pending.join('/')}`,
      )
  }
}

function summary(all: readonly ScenarioResult[]): void {
  print('\n## summary')
  print(
    table([
      [
        'scenario',
        'calls',
        'threw',
        'unhandled',
        'stale own',
        'stale cross (after fault)',
        'outage extra p99/max ms',
        'inval during outage',
        'stale left',
        'resume ms',
      ],
      ...all.map((r) => {
        const calls = Object.values(r.phases).reduce((sum, f) => sum + f.calls, 0)
        const threw = Object.values(r.phases).reduce((sum, f) => sum + f.threw, 0)
        const phases = Object.values(r.phases)
        const own = phases.reduce((sum, f) => sum + f.staleOwn, 0)
        const cross = phases.reduce((sum, f) => sum + f.staleCross, 0)
        const crossAfter = r.phases.recovery.staleCross + r.phases.after.staleCross
        return [
          r.scenario,
          calls,
          threw,
          r.unhandledRejections,
          own,
          `${cross} (${crossAfter})`,
          `${r.phases.outage.extraLatencyMs.p99}/${r.phases.outage.extraLatencyMs.max}`,
          r.phases.outage.invalidations,
          r.staleEntries.stale,
          r.resumeMs.map((ms) => ms ?? 'never').join('/'),
        ]
      }),
    ]),
  )
}
