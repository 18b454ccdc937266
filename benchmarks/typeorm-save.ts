/**
 * Benchmark (not a test): latency of TypeORM `repository.save()` (an UPDATE of a loaded entity) with and
 * without the cacheme adapter attached, on SQLite (better-sqlite3, in memory) and PostgreSQL.
 *
 * Method: one DataSource per database and three modes, interleaved round by round in rotating order so
 * that drift (JIT, caches, the machine) hits all of them equally, on the same DataSource:
 * - `without adapter` — the baseline;
 * - `adapter, delivery off` — the adapter attached to a cacheme with `enabled: false`: TypeORM's event
 *   dispatch + the adapter's translation and buffering, but no Redis work (the adapter's own cost);
 * - `adapter → Redis` — the real thing: every committed save awaits one invalidation round trip.
 * - `adapter → Redis, background` — `delivery: 'background'`: the save does not wait for that round trip
 *   (cached reads in the process do; other processes may see the old value for one round trip).
 * At the start of each round every row's value is cached (untimed), and each round saves every row once,
 * so with the adapter every timed save really removes a cache entry. Overheads are ratios of the medians
 * (and of the p95s) against the baseline measured in the same run.
 *
 *   eval "$(bash scripts/services.sh start --only redis,pg)" && pnpm --filter @cacheme/benchmarks bench
 *
 * Environment: CACHEME_REDIS_URL (required), CACHEME_PG_URL (required unless BENCH_DB=sqlite),
 * BENCH_DB=sqlite,postgres  BENCH_ROUNDS=40  BENCH_ROWS=50 (rows = saves per round and mode).
 */
import 'reflect-metadata'
import { randomUUID } from 'node:crypto'
import { createCacheme, RedisStorage } from '@cacheme/core'
import { typeormAdapter } from '@cacheme/typeorm'
import { Redis } from 'ioredis'
import { Column, DataSource, type DataSourceOptions, Entity, PrimaryGeneratedColumn } from 'typeorm'

@Entity('BenchBook')
class BenchBook {
  @PrimaryGeneratedColumn()
  id!: number

  @Column({ type: 'varchar' })
  title!: string
}

type Database = 'sqlite' | 'postgres'
const MODES = [
  'without adapter',
  'adapter, delivery off',
  'adapter → Redis',
  'adapter → Redis, background',
] as const
type Mode = (typeof MODES)[number]

const env = (name: string): string => {
  const value = process.env[name]
  if (!value)
    throw new Error(`${name} is not set → eval "$(bash scripts/services.sh start --only redis,pg)" first`)
  return value
}
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40)
const ROWS = Number(process.env.BENCH_ROWS ?? 50)
const DATABASES = (process.env.BENCH_DB ?? 'sqlite,postgres').split(',') as Database[]

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index]!
}

async function open(database: Database): Promise<{ ds: DataSource; close: () => Promise<void> }> {
  const schema = `bench_${randomUUID().replaceAll('-', '').slice(0, 10)}`
  const options: DataSourceOptions =
    database === 'sqlite'
      ? { type: 'better-sqlite3', database: ':memory:', entities: [BenchBook] }
      : { type: 'postgres', url: env('CACHEME_PG_URL'), schema, entities: [BenchBook] }
  const ds = await new DataSource(options).initialize()
  if (database === 'postgres') await ds.query(`CREATE SCHEMA "${schema}"`)
  await ds.synchronize()
  return {
    ds,
    close: async () => {
      if (database === 'postgres') await ds.query(`DROP SCHEMA "${schema}" CASCADE`)
      await ds.destroy()
    },
  }
}

async function bench(database: Database, redis: Redis): Promise<Map<Mode, number[]>> {
  const { ds, close } = await open(database)
  const prefix = `bench${randomUUID()}:`
  const cm = createCacheme({ storage: new RedisStorage(redis), prefix })
  const disabled = createCacheme({ enabled: false })
  const repo = ds.getRepository(BenchBook)
  const books = await repo.save(Array.from({ length: ROWS }, (_, i) => repo.create({ title: `book ${i}` })))
  const title = cm.wrap(async (id: number) => (await repo.findOneBy({ id }))?.title, {
    tag: 'benchTitle',
    key: (c) => `BenchBook:${c.args[0]}>title`,
    invalidKeys: (c) => [`BenchBook:${c.args[0]}`],
  })
  const samples = new Map<Mode, number[]>(MODES.map((mode) => [mode, []]))
  let counter = 0
  const round = async (mode: Mode, record: boolean): Promise<void> => {
    for (const book of books) await title(book.id)
    const detach =
      mode === 'adapter → Redis'
        ? await cm.attach(typeormAdapter(ds))
        : mode === 'adapter → Redis, background'
          ? await cm.attach(typeormAdapter(ds, { delivery: 'background' }))
          : mode === 'adapter, delivery off'
            ? await disabled.attach(typeormAdapter(ds))
            : undefined
    try {
      for (const book of books) {
        book.title = `title ${++counter}`
        const start = process.hrtime.bigint()
        await repo.save(book)
        const elapsed = Number(process.hrtime.bigint() - start) / 1000
        if (record) samples.get(mode)!.push(elapsed)
      }
    } finally {
      await detach?.()
    }
  }
  // Warm-up (JIT, connection pool, Lua script cache), not recorded.
  for (const mode of MODES) await round(mode, false)
  for (let r = 0; r < ROUNDS; r++) {
    for (let i = 0; i < MODES.length; i++) await round(MODES[(r + i) % MODES.length]!, true)
  }
  await cm.close()
  // Leave nothing behind in the shared Redis: everything under our prefix, meta keys included.
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500)
    cursor = next
    if (keys.length > 0) await redis.unlink(...keys)
  } while (cursor !== '0')
  await close()
  return samples
}

async function main(): Promise<void> {
  const redis = new Redis(env('CACHEME_REDIS_URL'), { maxRetriesPerRequest: 1 })
  const rows: string[] = []
  try {
    for (const database of DATABASES) {
      const samples = await bench(database, redis)
      const stats = new Map(
        [...samples].map(([mode, values]) => {
          const sorted = [...values].sort((a, b) => a - b)
          return [
            mode,
            { n: sorted.length, median: percentile(sorted, 50), p95: percentile(sorted, 95) },
          ] as const
        }),
      )
      const base = stats.get('without adapter')!
      for (const [mode, s] of stats) {
        const overhead = (value: number, baseline: number): string =>
          mode === 'without adapter' ? 'baseline' : `${((value / baseline - 1) * 100).toFixed(1)} %`
        const delta = mode === 'without adapter' ? '' : `+${(s.median - base.median).toFixed(0)}`
        rows.push(
          `| ${database} | ${mode} | ${s.n} | ${s.median.toFixed(0)} | ${s.p95.toFixed(0)} | ${delta} | ${overhead(s.median, base.median)} | ${overhead(s.p95, base.p95)} |`,
        )
      }
    }
  } finally {
    await redis.quit()
  }
  console.log(
    `\nTypeORM repository.save() (UPDATE of a loaded entity), ${ROUNDS} interleaved rounds × ${ROWS} saves per mode\n`,
  )
  console.log(
    '| database | mode | saves | median µs | p95 µs | Δ median µs | overhead (median) | overhead (p95) |',
  )
  console.log('|---|---|---:|---:|---:|---:|---:|---:|')
  for (const row of rows) console.log(row)
  console.log(`\nnode ${process.version}, ${new Date().toISOString()}`)
}

await main()
