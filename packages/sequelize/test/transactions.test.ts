/**
 * The Sequelize 6 transaction mechanics the adapter is built on, checked on real databases rather than
 * trusted (they are the foundation of read-your-writes), and what the adapter makes of each:
 * - `t.commit()` awaits `afterCommit` callbacks → `await t.commit()` resolves after the invalidation;
 * - a savepoint's `afterCommit` runs at its release, before the outer COMMIT → merged, not delivered;
 * - a rolled-back savepoint runs no callback and ends with `finished === 'rollback'` → dropped;
 * - `afterCommit` runs even when COMMIT itself failed (PostgreSQL, deferred constraint) → delivered.
 *
 * On a SQLite file and PostgreSQL, where a transaction's rows are invisible to other connections until
 * COMMIT. An in-memory SQLite is one connection for everything: `shared-connection.test.ts`.
 */
import { describe, expect, it } from 'vitest'
import { isolatedDatabases } from './support/database.js'
import { useFixture } from './support/fixture.js'
import { defineSuiteModels } from './support/models.js'

class Rollback extends Error {}

describe.each(isolatedDatabases)('sequelize on %s: transactions', (database) => {
  const fixture = useFixture(database, defineSuiteModels)

  const userName = (f: ReturnType<typeof fixture>) =>
    f.counted(
      (id: number) => `User:${id}>name`,
      (id) => [`User:${id}`],
      async (id) => (await f.models.User.findByPk(id))?.name ?? null,
    )

  it('an unmanaged transaction: the value survives until t.commit(), which resolves after the invalidation', async () => {
    const f = fixture()
    const name = userName(f)
    const ada = await f.models.User.create({ name: 'ada' })
    await name(ada.id)
    const t = await f.sequelize.transaction()
    ada.name = 'ada lovelace'
    await ada.save({ transaction: t })
    expect(await f.hasEntry(`User:${ada.id}>name`)).toBe(true)

    await t.commit()

    // No wait, no retry: t.commit() awaited the afterCommit callback that delivered.
    expect(await f.hasEntry(`User:${ada.id}>name`)).toBe(false)
    expect(await name(ada.id)).toBe('ada lovelace')
  })

  it('an unmanaged t.rollback() invalidates nothing and leaves finished === "rollback"', async () => {
    const f = fixture()
    const name = userName(f)
    const ada = await f.models.User.create({ name: 'ada' })
    await name(ada.id)
    f.invalidated.length = 0
    const t = await f.sequelize.transaction()
    await f.models.User.update({ name: 'never' }, { where: { id: ada.id }, transaction: t })
    await t.rollback()

    expect((t as unknown as { finished: string }).finished).toBe('rollback')
    expect(f.invalidated).toEqual([])
    expect(await name(ada.id)).toBe('ada')
  })

  it("a savepoint's afterCommit runs at its release, before the outer COMMIT; the adapter delivers only at COMMIT", async () => {
    const f = fixture()
    const name = userName(f)
    const ada = await f.models.User.create({ name: 'ada' })
    await name(ada.id)
    const order: string[] = []
    await f.sequelize.transaction(async (outer) => {
      outer.afterCommit(() => {
        order.push('outer afterCommit')
      })
      const inner = await f.sequelize.transaction({ transaction: outer })
      inner.afterCommit(() => {
        order.push('savepoint afterCommit')
      })
      ada.name = 'ada lovelace'
      await ada.save({ transaction: inner })
      await inner.commit()
      order.push('savepoint released')
      expect(await f.hasEntry(`User:${ada.id}>name`)).toBe(true)
    })
    expect(order).toEqual(['savepoint afterCommit', 'savepoint released', 'outer afterCommit'])
    expect(await f.hasEntry(`User:${ada.id}>name`)).toBe(false)
  })

  it('a rolled-back savepoint runs no afterCommit, ends "rollback", and its changes are dropped at the outer COMMIT', async () => {
    const f = fixture()
    const title = f.counted(
      (id: number) => `Book:${id}>title`,
      (id) => [`Book:${id}`],
      async (id) => (await f.models.Book.findByPk(id))?.title ?? null,
    )
    const [dune, emma] = await f.models.Book.bulkCreate([{ title: 'Dune' }, { title: 'Emma' }])
    await title(dune!.id)
    await title(emma!.id)
    f.invalidated.length = 0
    let ran = false
    let savepoint: unknown
    await f.sequelize.transaction(async (outer) => {
      await f.models.Book.update({ title: 'Dune Messiah' }, { where: { id: dune!.id }, transaction: outer })
      await expect(
        f.sequelize.transaction({ transaction: outer }, async (inner) => {
          savepoint = inner
          inner.afterCommit(() => {
            ran = true
          })
          await f.models.Book.update({ title: 'never' }, { where: { id: emma!.id }, transaction: inner })
          throw new Rollback('savepoint only')
        }),
      ).rejects.toBeInstanceOf(Rollback)
    })
    expect(ran).toBe(false)
    expect((savepoint as { finished: string }).finished).toBe('rollback')
    expect([...f.invalidated].sort()).toEqual(['Book', `Book:${dune!.id}`])
    expect(await title(emma!.id)).toBe('Emma')
    expect(await title(dune!.id)).toBe('Dune Messiah')
    expect(title.computed).toBe(3)
  })

  it('a write whose hook runs in a savepoint of a savepoint is delivered once, at the outermost COMMIT', async () => {
    const f = fixture()
    const name = userName(f)
    const ada = await f.models.User.create({ name: 'ada' })
    await name(ada.id)
    const events: number[] = []
    f.cm.on('invalidate', () => events.push(1))
    await f.sequelize.transaction(async (outer) => {
      await f.sequelize.transaction({ transaction: outer }, async (middle) => {
        await f.sequelize.transaction({ transaction: middle }, async (inner) => {
          await ada.update({ name: 'ada lovelace' }, { transaction: inner })
        })
      })
      expect(events).toEqual([])
    })
    expect(events).toEqual([1])
    expect(await name(ada.id)).toBe('ada lovelace')
  })
})

describe('sequelize on postgres: a failed COMMIT', () => {
  const fixture = useFixture('postgres', defineSuiteModels)

  it('still runs afterCommit (finished === "commit"), and the adapter delivers: more than needed, never less', async () => {
    const f = fixture()
    const name = userName(f)
    const ada = await f.models.User.create({ name: 'ada' })
    await name(ada.id)
    await f.sequelize.query(
      'CREATE TABLE "Loan" ("userId" integer REFERENCES "User" ("id") DEFERRABLE INITIALLY DEFERRED)',
    )
    const t = await f.sequelize.transaction()
    ada.name = 'ada lovelace'
    await ada.save({ transaction: t })
    // Violates the deferred foreign key: checked, and failed, only by COMMIT.
    await f.sequelize.query('INSERT INTO "Loan" ("userId") VALUES (999999)', { transaction: t })

    await expect(t.commit()).rejects.toThrow(/foreign key/)

    expect((t as unknown as { finished: string }).finished).toBe('commit')
    expect(await f.hasEntry(`User:${ada.id}>name`)).toBe(false)
    expect(await name(ada.id)).toBe('ada') // the write was rolled back by the failed COMMIT
    await f.sequelize.query('DROP TABLE "Loan"')
  })

  function userName(f: ReturnType<typeof fixture>) {
    return f.counted(
      (id: number) => `User:${id}>name`,
      (id) => [`User:${id}`],
      async (id) => (await f.models.User.findByPk(id))?.name ?? null,
    )
  }
})
