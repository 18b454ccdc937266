/**
 * The consistency harness, bounded: 4 OS processes on one real database (a SQLite file, then a
 * PostgreSQL schema), reading cached functions computed from it and writing through an ORM adapter
 * (TypeORM, Sequelize, MikroORM), interleaved operations from a fixed seed — 10,000 per database, 4,000
 * through MikroORM, whose queries cost about twice TypeORM's CPU (the 10,000-operation MikroORM figures
 * are in docs/consistency.md, with their command). After every committed write, no later read in any
 * process may return a value computed from older rows: the figure is the number of stale reads, and it
 * must be 0 — also at rest, where every cached read must equal the final rows.
 *
 * And the harness must be able to fail: with the race guard disabled (a test-only storage wrapper) and
 * with a test-only adapter that invalidates before COMMIT, the same harness must count stale reads.
 */
import { describe, expect, it } from 'vitest'
import type { ConsistencyResult } from '../src/consistency/coordinator.js'
import { runScript } from '../src/report/run-script.js'

const run = async (driver: string, db: string, variant: string, ops: number) =>
  (
    await runScript<ConsistencyResult[]>(
      'consistency',
      ['--driver', driver, '--db', db, '--variant', variant, '--ops', String(ops), '--json'],
      170_000,
    )
  ).result[0]!

// The race guard is the storage's, not the adapter's: the no-guard bug is planted once (TypeORM); the
// before-commit bug is each adapter's own, so each driver proves the harness catches it.
const PLANTED: Record<string, string[]> = {
  typeorm: ['no-guard', 'before-commit'],
  sequelize: ['before-commit'],
  'mikro-orm': ['before-commit'],
}
/** Operations per worker process (4 workers) of the correct runs. */
const OPS: Record<string, number> = { typeorm: 2500, sequelize: 2500, 'mikro-orm': 1000 }

describe.each(Object.keys(PLANTED))('consistency across 4 processes over a real database (%s)', (driver) => {
  const total = OPS[driver]! * 4
  it.each(['sqlite', 'postgres'])(
    `%s: ${total.toLocaleString('en')} interleaved operations, stale reads: 0`,
    async (db) => {
      const r = await run(driver, db, 'correct', OPS[driver]!)
      expect(r.driver).toBe(driver)
      expect(r.operations).toBe(total)
      expect(r.threw).toBe(0)
      expect(r.reads).toBeGreaterThan(total * 0.7)
      expect(r.hits).toBeGreaterThan(total * 0.1)
      expect(Object.values(r.writes).every((n) => n > 0)).toBe(true)
      expect(r.staleReads).toBe(0)
      expect(r.atRest.checked).toBeGreaterThan(0)
      expect(r.atRest.stale).toBe(0)
    },
  )

  it.each(PLANTED[driver]!)(
    'sqlite with the %s bug planted: the harness counts stale reads',
    async (variant) => {
      const r = await run(driver, 'sqlite', variant, 1000)
      expect(r.threw).toBe(0)
      expect(r.staleReads).toBeGreaterThan(0)
    },
  )
})
