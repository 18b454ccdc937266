/**
 * Workload 5 — ORM `save()` with and without each cacheme adapter that exists (`src/orm/*-orm.ts`), on
 * SQLite (in memory) and PostgreSQL. Modes, interleaved on the same database:
 * - `without adapter` — the baseline;
 * - `adapter, delivery off` — the adapter attached to a cacheme with `enabled: false`: the ORM's event
 *   dispatch + the adapter's translation and buffering, no Redis work (the adapter's own cost);
 * - `adapter → Redis` — every committed save awaits its invalidation (read-your-writes, the default);
 * - `adapter → Redis, background` — `delivery: 'background'`: the save does not wait for it.
 * Before each segment every row's value is cached (untimed), so each timed save really removes an entry.
 */
import { readdirSync } from 'node:fs'
import { createCacheme, RedisStorage } from '@cacheme/core'
import { Redis } from 'ioredis'
import { deleteMatching } from '../infra/keyspace.js'
import { acquirePostgres, type Postgres } from '../infra/postgres.js'
import { drive } from '../measure/drive.js'
import { interleave, type ModePlan } from '../measure/interleave.js'
import { summarize } from '../measure/summarize.js'
import type { Database, OrmPlugin } from '../orm/orm-plugin.js'
import type { ResultTable } from '../report/results.js'
import type { Workload, WorkloadContext } from './workload.js'

const MODES = [
  'without adapter',
  'adapter, delivery off',
  'adapter → Redis',
  'adapter → Redis, background',
] as const

/** Every `src/orm/<name>-orm.ts`. */
async function plugins(): Promise<OrmPlugin[]> {
  const dir = new URL('../orm/', import.meta.url)
  const files = readdirSync(dir)
    .filter((file) => /-orm\.ts$/.test(file))
    .sort()
  return Promise.all(
    files.map(async (file) => ((await import(new URL(file, dir).href)) as { default: OrmPlugin }).default),
  )
}

/** What one timed operation is: a `save()`, or a 2-row transaction (when the plugin offers one). */
type Operation = 'save' | 'transaction'

async function table(
  context: WorkloadContext,
  plugin: OrmPlugin,
  database: Database,
  pg: Postgres | undefined,
  operation: Operation = 'save',
): Promise<ResultTable | undefined> {
  const { settings, redis, admin, log } = context
  const what = operation === 'save' ? 'save()' : '2-row transaction'
  const title = `${plugin.name} ${what} on ${database === 'sqlite' ? 'SQLite (in memory)' : 'PostgreSQL'}`
  const fixture = await plugin.open(database, pg?.url)
  if (operation === 'transaction' && !fixture.saveTwoInTransaction) {
    await fixture.close()
    return undefined
  }
  log(`${title}: ${MODES.length} modes × ${settings.rounds} rounds × ${settings.orm.rows} rows`)
  const client = new Redis({ host: redis.host, port: redis.port })
  const prefix = `borm${Math.random().toString(36).slice(2, 8)}:`
  const cm = createCacheme({ storage: new RedisStorage(client), prefix })
  const disabled = createCacheme({ enabled: false })
  const ids = await fixture.seed(settings.orm.rows)
  const cachedTitle = cm.wrap(async (id: number) => fixture.title(id), {
    tag: 'benchTitle',
    key: (c) => `BenchBook:${c.args[0]}>title`,
    invalidKeys: (c) => [fixture.invalidKey(c.args[0])],
  })
  let counter = 0
  const plans: ModePlan[] = MODES.map((mode) => ({
    name: mode,
    segment: async () => {
      for (const id of ids) await cachedTitle(id)
      const detach =
        mode === 'adapter → Redis'
          ? await fixture.attach(cm, {})
          : mode === 'adapter → Redis, background'
            ? await fixture.attach(cm, { delivery: 'background' })
            : mode === 'adapter, delivery off'
              ? await fixture.attach(disabled, {})
              : undefined
      try {
        if (operation === 'save') {
          return await drive((i) => fixture.save(ids[i]!, `title ${++counter}`), ids.length, 1)
        }
        const pairs = Math.floor(ids.length / 2)
        return await drive(
          (i) => fixture.saveTwoInTransaction!(ids[2 * i]!, ids[2 * i + 1]!, `title ${++counter}`),
          pairs,
          1,
        )
      } finally {
        await detach?.()
      }
    },
  }))
  try {
    const outcomes = await interleave(plans, settings.rounds, log)
    return {
      workload: 'orm-save',
      title,
      baseline: 'without adapter',
      unit: operation === 'save' ? 'saves/s' : 'transactions/s',
      rounds: settings.rounds,
      opsPerRound: operation === 'save' ? ids.length : Math.floor(ids.length / 2),
      concurrency: 1,
      rows: summarize(
        MODES.map((name) => ({ name, role: name === 'without adapter' ? 'baseline' : 'cacheme' })),
        outcomes,
        'without adapter',
      ),
      notes:
        database === 'postgres'
          ? [
              'PostgreSQL from `scripts/services.sh` runs with `fsync=off`: saves are faster than on a durable database, so the fixed Redis round trip weighs more here (see packages/typeorm/README.md for a durable run).',
            ]
          : [],
    }
  } finally {
    await cm.close()
    await deleteMatching(admin, `${prefix}*`)
    client.disconnect()
    await fixture.close()
  }
}

export const ormSaveWorkload: Workload = {
  id: 'orm-save',
  describe:
    'An ORM `save()` (UPDATE of a loaded entity) with each cacheme adapter attached, against the same save without it. Ratio = saves/s ÷ saves/s without the adapter in the same round (1.00 = free). With an adapter attached every committed save removes the cached value of that row.',
  async run(context) {
    const { databases } = context.settings.orm
    const pg = databases.includes('postgres') ? acquirePostgres(context.log) : undefined
    const out: ResultTable[] = []
    try {
      const names = context.settings.orm.names
      for (const plugin of await plugins()) {
        if (names && !names.includes(plugin.name)) continue
        for (const database of databases) {
          for (const operation of ['save', 'transaction'] as const) {
            const result = await table(context, plugin, database, pg, operation)
            if (result) out.push(result)
          }
        }
      }
    } finally {
      pg?.release()
    }
    return out
  },
}
