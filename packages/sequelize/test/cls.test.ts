/**
 * CLS-managed transactions (`Sequelize.useCLS(namespace)`, cls-hooked): writes inside
 * `sequelize.transaction(async () => ...)` pass no `transaction` option, Sequelize fills it from the
 * namespace before the hooks run, and the adapter defers to the COMMIT of that transaction exactly as when
 * it is passed explicitly (on a SQLite file and PostgreSQL; the in-memory case is in
 * `shared-connection.test.ts`). `useCLS` is process-wide, so this file has the process to itself (vitest runs
 * each test file in its own fork).
 */
import { createNamespace } from 'cls-hooked'
import { Sequelize } from 'sequelize'
import { describe, expect, it } from 'vitest'
import { isolatedDatabases } from './support/database.js'
import { type Fixture, useFixture } from './support/fixture.js'
import { defineSuiteModels, type SuiteModels } from './support/models.js'

Sequelize.useCLS(createNamespace('cacheme-sequelize-test'))

class Rollback extends Error {}

/** Read outside any CLS transaction (`transaction: null`), as another request would. */
const bookTitle = (f: Fixture<SuiteModels>) =>
  f.counted(
    (id: number) => `Book:${id}>title`,
    (id) => [`Book:${id}`],
    async (id) => (await f.models.Book.findByPk(id, { transaction: null }))?.title ?? null,
  )

describe.each(isolatedDatabases)('sequelize on %s with CLS', (database) => {
  const fixture = useFixture(database, defineSuiteModels)

  it('writes without a transaction option join the CLS transaction: invalidated at COMMIT, when the call resolves', async () => {
    const f = fixture()
    const title = bookTitle(f)
    const book = await f.models.Book.create({ title: 'Dune' })
    const user = await f.models.User.create({ name: 'ada' })
    await title(book.id)

    await f.sequelize.transaction(async () => {
      await book.update({ title: 'Dune Messiah' })
      await book.addUsers([user.id])
      await f.models.Book.update({ title: 'Dune Messiah' }, { where: { id: book.id } })
      expect(await f.hasEntry(`Book:${book.id}>title`)).toBe(true)
    })

    expect(await f.hasEntry(`Book:${book.id}>title`)).toBe(false)
    expect(f.invalidated).toEqual(expect.arrayContaining([`Book:${book.id}:users`, `User:${user.id}:books`]))
    expect(await title(book.id)).toBe('Dune Messiah')
  })

  it('a CLS transaction that rolls back invalidates nothing', async () => {
    const f = fixture()
    const title = bookTitle(f)
    const book = await f.models.Book.create({ title: 'Dune' })
    await title(book.id)
    f.invalidated.length = 0

    await expect(
      f.sequelize.transaction(async () => {
        await book.update({ title: 'never' })
        await f.models.Book.destroy({ where: { id: book.id }, force: true })
        throw new Rollback('roll back')
      }),
    ).rejects.toBeInstanceOf(Rollback)

    expect(f.invalidated).toEqual([])
    expect(await title(book.id)).toBe('Dune')
  })

  it('a savepoint opened from the CLS transaction drops only its own changes when it rolls back', async () => {
    const f = fixture()
    const title = bookTitle(f)
    const [dune, emma] = await f.models.Book.bulkCreate([{ title: 'Dune' }, { title: 'Emma' }])
    await title(dune!.id)
    await title(emma!.id)

    await f.sequelize.transaction(async (outer) => {
      await dune!.update({ title: 'Dune Messiah' })
      await expect(
        f.sequelize.transaction({ transaction: outer }, async () => {
          await emma!.update({ title: 'never' }) // CLS now holds the savepoint
          throw new Rollback('savepoint only')
        }),
      ).rejects.toBeInstanceOf(Rollback)
    })

    expect(await title(dune!.id)).toBe('Dune Messiah')
    expect(await title(emma!.id)).toBe('Emma')
    expect(title.computed).toBe(3)
  })
})

describe('sequelize on an in-memory SQLite with CLS', () => {
  const fixture = useFixture('sqlite', defineSuiteModels)

  it('a CLS savepoint and transaction that roll back leave no value read from their uncommitted rows', async () => {
    const f = fixture()
    const title = bookTitle(f) // on the one shared connection: sees the uncommitted rows
    const [dune, emma] = await f.models.Book.bulkCreate([{ title: 'Dune' }, { title: 'Emma' }])

    await expect(
      f.sequelize.transaction(async (outer) => {
        await dune!.update({ title: 'never' })
        await expect(
          f.sequelize.transaction({ transaction: outer }, async () => {
            await emma!.update({ title: 'never either' })
            expect(await title(emma!.id)).toBe('never either')
            throw new Rollback('savepoint only')
          }),
        ).rejects.toBeInstanceOf(Rollback)
        expect(await title(emma!.id)).toBe('Emma')
        expect(await title(dune!.id)).toBe('never')
        throw new Rollback('roll back')
      }),
    ).rejects.toBeInstanceOf(Rollback)

    expect(await title(dune!.id)).toBe('Dune')
    expect(await title(emma!.id)).toBe('Emma')
  })
})
