/**
 * Defect reproductions that need a scenario of their own (the others are `corpus --defects`, `fault
 * --scenario kill-restart-stale-rdb|flapping`, `fault --profile defaults` and `soak`). Each prints its
 * figure next to the wanted one.
 *
 *   pnpm --filter @cacheme/reliability repro              # all of them
 *   pnpm --filter @cacheme/reliability repro oom slow-recovery
 */
import { print, printResult } from '../src/report/output.js'
import { REPRODUCTIONS } from '../src/repro/index.js'

const names = process.argv.slice(2).filter((arg) => !arg.startsWith('--'))
const json = process.argv.includes('--json')
const selected = names.length === 0 ? Object.keys(REPRODUCTIONS) : names
const results: Record<string, unknown> = {}
for (const name of selected) {
  const repro = REPRODUCTIONS[name]
  if (repro === undefined)
    throw new Error(
      `unknown reproduction ${JSON.stringify(name)} → one of ${Object.keys(REPRODUCTIONS).join(', ')}`,
    )
  const observed = await repro.run()
  results[name] = observed
  if (!json) {
    print(`\n## ${name} (${repro.defect})\nmeasures: ${repro.measures}`)
    for (const [key, value] of Object.entries(observed)) print(`  ${key}: ${value}`)
    print(`wanted: ${repro.wanted}`)
  }
}
printResult(results)
