/**
 * Randomized, bounded stress test through real Sequelize writes: one writer commits new versions of a few
 * rows (plain saves, managed transactions, savepoints, unmanaged `t.commit()`), readers read them through
 * cached functions in two "processes" — the writer's cacheme (adapter attached) and a second cacheme on
 * the same Redis and prefix (no adapter, as in another process). Inside each transaction another process
 * reads the row (on PostgreSQL it sees the old committed version and caches it). Invariant: a read that
 * starts after the committing call resolved never returns an older version.
 *
 * The second test runs the same workload with the adapter fooled into invalidating **before** COMMIT (its
 * hooks are shown options without the transaction — test-only, the adapter is unchanged) and checks that
 * this workload does catch it: on PostgreSQL the in-transaction read re-caches the old row after the
 * early invalidation, and it is served after COMMIT. (On in-memory SQLite every statement shares one
 * connection, readers see uncommitted rows, and invalidating early is not observable there.)
 */
import { type Cacheme, createCacheme, RedisStorage } from '@cacheme/core'
import { Redis } from 'ioredis'
import type { Sequelize } from 'sequelize'
import { describe, expect, it } from 'vitest'
import { sequelizeAdapter } from '../src/index.js'
import { type Database, databases } from './support/database.js'
import { type Fixture, redisUrl, useFixture } from './support/fixture.js'
import { defineSuiteModels, type SuiteModels } from './support/models.js'

const ROWS = 3
const READERS = 4
const READS_PER_READER = 50
const WRITES = 30

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, Math.floor(Math.random() * 2)))

async function stress(f: Fixture<SuiteModels>): Promise<string[]> {
  const { Book } = f.models
  const other = new Redis(redisUrl(), { maxRetriesPerRequest: 1 })
  const processB = createCacheme({ storage: new RedisStorage(other), prefix: f.cm.config.prefix })
  try {
    const rows = await Book.bulkCreate(Array.from({ length: ROWS }, () => ({ title: 'v0' })))
    const ids = rows.map((row) => row.id)
    const committed = new Map<number, number>(ids.map((id) => [id, 0]))
    const version = (cm: Cacheme) =>
      cm.cacheme<[number], number>({
        key: (c) => `Book:${c.args[0]}>version`,
        invalidKeys: (c) => [`Book:${c.args[0]}`],
      })(async function version(id: number) {
        await pause()
        const row = await Book.findByPk(id, { transaction: null, rejectOnEmpty: true })
        return Number(row.title.slice(1))
      })
    const readers = [version(f.cm), version(processB)]
    const violations: string[] = []
    /** More work before COMMIT, during which another process reads (and may cache) the row. */
    const openFor = async (id: number) => {
      await readers[1]!(id)
      await new Promise<void>((resolve) => setTimeout(resolve, 3))
    }

    const reader = async (n: number) => {
      for (let i = 0; i < READS_PER_READER; i += 1) {
        const id = ids[Math.floor(Math.random() * ids.length)]!
        const floor = committed.get(id)!
        const seen = await readers[(n + i) % 2]!(id)
        if (seen < floor) violations.push(`book ${id}: read v${seen} after v${floor} committed`)
      }
    }
    const writer = async () => {
      const latest = new Map(committed)
      for (let i = 0; i < WRITES; i += 1) {
        const id = ids[Math.floor(Math.random() * ids.length)]!
        const next = latest.get(id)! + 1
        latest.set(id, next)
        const title = `v${next}`
        const mode = i % 4
        const row = await Book.findByPk(id, { rejectOnEmpty: true })
        if (mode === 0) await row.update({ title })
        else if (mode === 1)
          await f.sequelize.transaction(async (transaction) => {
            await row.update({ title }, { transaction })
            await openFor(id)
          })
        else if (mode === 2)
          await f.sequelize.transaction(async (outer) => {
            await f.sequelize.transaction({ transaction: outer }, async (transaction) => {
              await Book.update({ title }, { where: { id }, transaction })
              await openFor(id)
            })
          })
        else {
          const transaction = await f.sequelize.transaction()
          await row.update({ title }, { transaction })
          await openFor(id)
          await transaction.commit()
        }
        committed.set(id, next) // the committing call resolved
        await pause()
      }
    }

    await Promise.all([writer(), ...Array.from({ length: READERS }, (_, n) => reader(n))])
    for (const read of readers) {
      for (const id of ids) {
        const seen = await read(id)
        if (seen !== committed.get(id))
          violations.push(`book ${id}: final read v${seen}, v${committed.get(id)} committed`)
      }
    }
    return violations
  } finally {
    await processB.close()
    other.disconnect()
  }
}

/** The same Sequelize, but the adapter's hooks see no transaction: it invalidates at the write, before COMMIT. */
function hidingTransactions(sequelize: Sequelize): Sequelize {
  const strip = (arg: unknown) =>
    arg && typeof arg === 'object' && Object.hasOwn(arg, 'transaction') ? { ...arg, transaction: null } : arg
  return new Proxy(sequelize, {
    get(target, property, receiver) {
      if (property !== 'addHook') return Reflect.get(target, property, receiver)
      return (type: string, name: string, fn: (...args: unknown[]) => unknown) =>
        (target.addHook as (t: string, n: string, f: unknown) => unknown).call(
          target,
          type,
          name,
          (...args: unknown[]) => fn(...args.map(strip)),
        )
    },
  })
}

describe.each(databases)('sequelize on %s: freshness under concurrency', (database: Database) => {
  const fixture = useFixture(database, defineSuiteModels)

  it('no read that starts after save()/commit()/transaction() resolved sees an older row, in either process', async () => {
    expect(await stress(fixture())).toEqual([])
  })
})

describe('sequelize on postgres: the stress test catches an adapter that invalidates before COMMIT', () => {
  const fixture = useFixture('postgres', defineSuiteModels, { attach: false })

  it('invalidating at the write instead of after COMMIT serves stale rows', async () => {
    const f = fixture()
    const detach = await f.cm.attach(sequelizeAdapter(hidingTransactions(f.sequelize)))
    try {
      expect((await stress(f)).length).toBeGreaterThan(0)
    } finally {
      await detach()
    }
  })
})
