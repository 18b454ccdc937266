/**
 * The consistency harness: 4 OS processes, one real database, cached reads and ORM writes interleaved at
 * random from a seed; the figure is the number of stale reads (docs/consistency.md).
 *
 *   pnpm --filter @cacheme/reliability consistency                          # sqlite + postgres, correct
 *   pnpm --filter @cacheme/reliability consistency --variant all            # + the broken variants
 *   pnpm --filter @cacheme/reliability consistency --db sqlite --ops 25000  # longer
 *
 * Options: --db sqlite|postgres|all (default all; postgres needs CACHEME_PG_URL), --variant
 * correct|no-guard|before-commit|background|all (comma-separated), --seed N, --ops N (operations per
 * worker, default 2500 → 10,000 in total), --workers N, --driver typeorm|sequelize|mikro-orm, --json.
 */
import { parseArgs } from 'node:util'
import {
  type ConsistencyResult,
  type Database,
  runConsistency,
  VARIANTS,
  type Variant,
} from '../src/consistency/coordinator.js'
import { print, printResult, table } from '../src/report/output.js'

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'all' },
    variant: { type: 'string', default: 'correct' },
    seed: { type: 'string', default: '12' },
    ops: { type: 'string', default: '2500' },
    workers: { type: 'string', default: '4' },
    driver: { type: 'string', default: 'typeorm' },
    authors: { type: 'string', default: '8' },
    posts: { type: 'string', default: '32' },
    'read-share': { type: 'string', default: '0.85' },
    'pause-ms': { type: 'string', default: '3' },
    'hold-ms': { type: 'string', default: '10' },
    json: { type: 'boolean', default: false },
  },
})

const databases: Database[] =
  values.db === 'all' ? ['sqlite', 'postgres'] : (values.db.split(',') as Database[])
const variants: Variant[] =
  values.variant === 'all' ? [...VARIANTS] : (values.variant.split(',') as Variant[])
for (const v of variants)
  if (!VARIANTS.includes(v)) throw new Error(`unknown --variant ${v} → one of ${VARIANTS.join(', ')}`)

const results: ConsistencyResult[] = []
for (const variant of variants) {
  for (const database of databases) {
    const result = await runConsistency(
      {
        database,
        variant,
        seed: Number(values.seed),
        workers: Number(values.workers),
        opsPerWorker: Number(values.ops),
        authors: Number(values.authors),
        posts: Number(values.posts),
        readShare: Number(values['read-share']),
        computePauseMs: Number(values['pause-ms']),
        holdMs: Number(values['hold-ms']),
        pgUrl: process.env.CACHEME_PG_URL,
      },
      values.driver,
    )
    results.push(result)
    if (!values.json) {
      print(
        `${variant} on ${database}: stale reads: ${result.staleReads} of ${result.reads} reads (${result.operations} operations, ${result.durationMs} ms)`,
      )
      for (const line of [...result.staleSamples, ...result.thrownSamples, ...result.atRest.samples])
        print(`  ${line}`)
    }
  }
}
if (!values.json) {
  print(
    `\n${table([
      [
        'variant',
        'db',
        'seed',
        'operations',
        'reads',
        'hits',
        'writes',
        'rollbacks',
        'retries',
        'threw',
        'stale reads',
        'stale at rest',
      ],
      ...results.map((r) => [
        r.options.variant,
        r.options.database,
        r.options.seed,
        r.operations,
        r.reads,
        r.hits,
        Object.values(r.writes).reduce((a, b) => a + b, 0) - r.writes.rollback,
        r.writes.rollback,
        r.retries,
        r.threw,
        r.staleReads,
        `${r.atRest.stale}/${r.atRest.checked}`,
      ]),
    ])}`,
  )
}
printResult(results)
