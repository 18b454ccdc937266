/**
 * Run settings, from the environment. The defaults are the full run that RESULTS.md is made from;
 * `BENCH_QUICK=1` shrinks every workload to a few operations (the CI smoke test), and each knob can be set
 * alone.
 *
 * | variable               | default (full)              | meaning                                              |
 * |------------------------|-----------------------------|------------------------------------------------------|
 * | `BENCH_ONLY`           | all                         | comma-separated workload ids (`hit,miss,…`)          |
 * | `BENCH_ROUNDS`         | 10                          | measured rounds per table (plus one warm-up round)   |
 * | `BENCH_QUICK`          | off                         | `1`: a few operations per workload, 1 round          |
 * | `BENCH_OUT`            | the benchmarks folder¹      | where RESULTS.md, results/latest.json, the chart go  |
 * | `BENCH_CHART`          | on                          | `0`: do not render the chart                         |
 * | `BENCH_PIN`            | on                          | `0`: no CPU pinning                                  |
 * | `BENCH_PATTERN_KEYS`   | 1000000                     | keys per pattern invalidation                        |
 * | `BENCH_DB`             | sqlite,postgres             | databases of the ORM workload                        |
 * | `BENCH_ORM`            | every `src/orm/*-orm.ts`    | ORMs of the ORM workload, e.g. `sequelize`           |
 * | `CACHEME_PG_URL`       | (harness starts PostgreSQL) | use this PostgreSQL instead                          |
 *
 * ¹ A quick run writes to `$TMPDIR/cacheme-bench-quick` unless `BENCH_OUT` is set. A run of only some workloads
 * (`BENCH_ONLY`) writes `results/<ids>.json` and leaves RESULTS.md, latest.json and the chart alone.
 */
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const WORKLOAD_IDS = [
  'hit',
  'decode',
  'miss',
  'invalidate',
  'coherence',
  'pattern',
  'orm-save',
  'round-trips',
] as const
export type WorkloadId = (typeof WORKLOAD_IDS)[number]

export interface Settings {
  readonly quick: boolean
  readonly only: readonly WorkloadId[]
  readonly rounds: number
  readonly outDir: string
  readonly chart: boolean
  /** Hit: hot keys, payload bytes, operations per segment by concurrency. */
  readonly hit: {
    readonly keys: number
    readonly bytes: number
    readonly ops: Readonly<Record<number, number>>
  }
  /** Miss + write: payload sizes, operations per segment by concurrency. */
  readonly miss: { readonly sizes: readonly number[]; readonly ops: Readonly<Record<number, number>> }
  /** Dependents per entity, and how many dependents are cached per round in total. */
  readonly invalidate: { readonly dependents: readonly number[]; readonly entriesPerRound: number }
  readonly pattern: { readonly keys: number; readonly rounds: number }
  readonly orm: {
    readonly databases: readonly ('sqlite' | 'postgres')[]
    readonly rows: number
    /** Plugin names to run (`BENCH_ORM`); `undefined` = all. */
    readonly names: readonly string[] | undefined
  }
  readonly roundTrips: { readonly ops: Readonly<Record<number, number>>; readonly delayMs: number }
  readonly concurrencies: readonly number[]
}

const number = (value: string | undefined, fallback: number): number => {
  if (value === undefined || value === '') return fallback
  const parsed = Number(value)
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`expected a positive number, got '${value}'`)
  return parsed
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const quick = env.BENCH_QUICK === '1'
  const only = (env.BENCH_ONLY ?? WORKLOAD_IDS.join(','))
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean)
  for (const id of only) {
    if (!(WORKLOAD_IDS as readonly string[]).includes(id)) {
      throw new Error(`BENCH_ONLY names '${id}' → use some of: ${WORKLOAD_IDS.join(', ')}`)
    }
  }
  const databases = (env.BENCH_DB ?? 'sqlite,postgres').split(',').map((db) => db.trim())
  for (const db of databases) {
    if (db !== 'sqlite' && db !== 'postgres')
      throw new Error(`BENCH_DB names '${db}' → use sqlite and/or postgres`)
  }
  return {
    quick,
    only: only as WorkloadId[],
    rounds: number(env.BENCH_ROUNDS, quick ? 1 : 10),
    // A quick run never overwrites the committed results unless asked to.
    outDir:
      env.BENCH_OUT ??
      (quick ? join(tmpdir(), 'cacheme-bench-quick') : fileURLToPath(new URL('..', import.meta.url))),
    chart: env.BENCH_CHART !== '0',
    concurrencies: [1, 64],
    hit: { keys: quick ? 20 : 1000, bytes: 1000, ops: quick ? { 1: 20, 64: 64 } : { 1: 5000, 64: 50_000 } },
    miss: { sizes: [1000, 10_000], ops: quick ? { 1: 10, 64: 64 } : { 1: 2000, 64: 20_000 } },
    invalidate: { dependents: [1, 100, 10_000], entriesPerRound: quick ? 200 : 20_000 },
    pattern: { keys: number(env.BENCH_PATTERN_KEYS, quick ? 2000 : 1_000_000), rounds: quick ? 1 : 3 },
    orm: {
      databases: databases as ('sqlite' | 'postgres')[],
      rows: quick ? 3 : 50,
      names: env.BENCH_ORM ? env.BENCH_ORM.split(',').map((name) => name.trim()) : undefined,
    },
    roundTrips: { ops: quick ? { 1: 5, 64: 64 } : { 1: 300, 64: 3000 }, delayMs: 1 },
  }
}
