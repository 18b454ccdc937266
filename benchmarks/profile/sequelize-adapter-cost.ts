/**
 * The Sequelize adapter's own work per `save()`, in **CPU time** of this process — robust on a shared,
 * noisy machine where wall-clock ratios swing by ±50 % between rounds (see benchmarks/README.md). Modes,
 * interleaved and rotated every round, each a block of saves of loaded rows:
 * - `without adapter`;
 * - `adapter, delivery off`: attached to a cacheme with `enabled: false` — Sequelize's hook dispatch plus
 *   the adapter's translation and buffering, no Redis work.
 * The adapter's cost is the CPU difference per save; it is compared with the wall time of a PostgreSQL
 * save (the target: ≤ 5 %). PostgreSQL comes from `scripts/services.sh` (or `CACHEME_PG_URL`).
 *
 *   pnpm --filter @cacheme/benchmarks profile:sequelize      # BENCH_ROUNDS=30 by default
 */
import { randomUUID } from 'node:crypto'
import { createCacheme, type Detach } from '@cacheme/core'
import { sequelizeAdapter } from '@cacheme/sequelize'
import { DataTypes, type Model, Sequelize } from 'sequelize'
import { acquirePostgres } from '../src/infra/postgres.js'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30)
const SAVES = 200
const log = (line: string) => process.stderr.write(`${line}\n`)

async function measure(database: 'sqlite' | 'postgres', pgUrl: string | undefined) {
  const schema = `prof_${randomUUID().replaceAll('-', '').slice(0, 10)}`
  const sequelize =
    database === 'sqlite'
      ? new Sequelize({ dialect: 'sqlite', storage: ':memory:', logging: false })
      : new Sequelize(pgUrl!, { logging: false, dialectOptions: { options: `-c search_path=${schema}` } })
  if (database === 'postgres') await sequelize.query(`CREATE SCHEMA "${schema}"`)
  const Book = sequelize.define('BenchBook', { title: DataTypes.STRING }, { timestamps: false })
  await sequelize.sync()
  const rows: Model[] = await Book.bulkCreate(Array.from({ length: 50 }, (_, i) => ({ title: `t${i}` })))
  const disabled = createCacheme({ enabled: false })
  let n = 0
  const modes = ['without adapter', 'adapter, delivery off'] as const
  const wall: Record<string, number[]> = { [modes[0]]: [], [modes[1]]: [] }
  const cpu: Record<string, number[]> = { [modes[0]]: [], [modes[1]]: [] }
  for (let round = 0; round <= ROUNDS; round += 1) {
    const order: readonly (typeof modes)[number][] = round % 2 === 0 ? modes : [...modes].reverse()
    for (const mode of order) {
      const detach: Detach | undefined =
        mode === 'without adapter' ? undefined : await disabled.attach(sequelizeAdapter(sequelize))
      const c0 = process.cpuUsage()
      const t0 = performance.now()
      for (let i = 0; i < SAVES; i += 1) {
        const row = rows[i % rows.length]!
        row.set('title', `v${++n}`)
        await row.save()
      }
      const t1 = performance.now()
      const c1 = process.cpuUsage(c0)
      await detach?.()
      if (round === 0) continue // warm-up
      wall[mode]!.push(((t1 - t0) * 1000) / SAVES)
      cpu[mode]!.push((c1.user + c1.system) / SAVES)
    }
  }
  if (database === 'postgres') await sequelize.query(`DROP SCHEMA "${schema}" CASCADE`)
  await sequelize.close()
  const med = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!
  return modes.map((mode) => ({ mode, wallUs: med(wall[mode]!), cpuUs: med(cpu[mode]!) }))
}

const pg = acquirePostgres(log)
try {
  const results = { sqlite: await measure('sqlite', undefined), postgres: await measure('postgres', pg.url) }
  console.log(`\n${ROUNDS} interleaved rounds × ${SAVES} saves per mode; medians per save\n`)
  console.log('| database | mode | wall µs | CPU µs (this process) |')
  console.log('|---|---|---:|---:|')
  for (const [database, rows] of Object.entries(results)) {
    for (const row of rows) {
      console.log(`| ${database} | ${row.mode} | ${row.wallUs.toFixed(0)} | ${row.cpuUs.toFixed(1)} |`)
    }
  }
  const pgSave = results.postgres[0]!.wallUs
  for (const [database, [without, withAdapter]] of Object.entries(results)) {
    const own = withAdapter!.cpuUs - without!.cpuUs
    console.log(
      `\n${database}: the adapter's own CPU per save: ${own.toFixed(1)} µs = ${((own / pgSave) * 100).toFixed(1)} % of a PostgreSQL save (${pgSave.toFixed(0)} µs wall)`,
    )
  }
} finally {
  pg.release()
}
