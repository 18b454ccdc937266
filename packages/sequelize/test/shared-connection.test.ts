/**
 * Sequelize's sqlite dialect serves an in-memory database from **one connection** for every statement:
 * readers see a transaction's uncommitted rows, and a statement sent without `transaction` while one is
 * open runs inside it. The adapter then invalidates a change when it is made, again when its transaction
 * or savepoint rolls back, and nothing again at COMMIT (core's `sharedConnection: 'private'`). A SQLite
 * **file** gets a connection per transaction — isolated, so it keeps after-COMMIT delivery (as PostgreSQL;
 * the rest of those tests run on both in `transactions.test.ts`).
 */
import { Sequelize } from 'sequelize'
import { describe, expect, it } from 'vitest'
import { sequelizeAdapter } from '../src/index.js'
import { type Fixture, useFixture } from './support/fixture.js'
import { defineSuiteModels, type SuiteModels } from './support/models.js'

type F = Fixture<SuiteModels>

const bookTitle = (f: F) =>
  f.counted(
    (id: number) => `Book:${id}>title`,
    (id) => [`Book:${id}`],
    async (id) => (await f.models.Book.findByPk(id))?.title ?? null,
  )

/** How many `invalidate` events named `key` since `from`. */
const times = (f: F, key: string, from: number) => f.invalidated.slice(from).filter((k) => k === key).length

describe('sequelize on an in-memory SQLite: one connection for every statement', () => {
  const fixture = useFixture('sqlite', defineSuiteModels)

  it('a change inside a transaction is invalidated once, when made, and nothing again at COMMIT', async () => {
    const f = fixture()
    const title = bookTitle(f)
    const book = await f.models.Book.create({ title: 'Dune' })
    await title(book.id)
    const before = f.invalidated.length
    const t = await f.sequelize.transaction()
    await book.update({ title: 'Dune Messiah' }, { transaction: t })

    // Every reader shares the connection and sees the uncommitted title: the old value is gone already.
    expect(await f.hasEntry(`Book:${book.id}>title`)).toBe(false)
    expect(await title(book.id)).toBe('Dune Messiah')
    await t.commit()

    // Nobody else can open an in-memory database: nobody saw the old row after the change.
    expect(times(f, `Book:${book.id}`, before)).toBe(1)
    expect(await title(book.id)).toBe('Dune Messiah')
  })

  it('t.rollback() resolves after the rolled-back change is invalidated again', async () => {
    const f = fixture()
    const title = bookTitle(f)
    const book = await f.models.Book.create({ title: 'Dune' })
    const t = await f.sequelize.transaction()
    await f.models.Book.update({ title: 'never' }, { where: { id: book.id }, transaction: t })
    expect(await title(book.id)).toBe('never') // cached from the uncommitted row
    const before = f.invalidated.length

    await t.rollback()

    expect(f.invalidated.slice(before)).toContain(`Book:${book.id}`)
    expect(await title(book.id)).toBe('Dune')
  })

  it('a write sent without `transaction` while a transaction is open is rolled back with it, and not served afterwards', async () => {
    const f = fixture()
    const title = bookTitle(f)
    const book = await f.models.Book.create({ title: 'Dune' })
    const other = await f.models.Book.create({ title: 'Emma' })
    await title(other.id)
    // This transaction writes nothing itself; only its BEGIN tells the adapter it is open.
    const t = await f.sequelize.transaction()
    await book.update({ title: 'Dune Messiah' }) // no transaction option: runs inside `t` on the one connection
    expect(await title(book.id)).toBe('Dune Messiah')

    await t.rollback()

    expect((await f.models.Book.findByPk(book.id))?.title).toBe('Dune') // SQLite undid the write
    expect(await title(book.id)).toBe('Dune')
    expect(await f.hasEntry(`Book:${other.id}>title`)).toBe(true)
  })

  it('a write without `transaction` inside an open savepoint is invalidated again when the savepoint rolls back', async () => {
    const f = fixture()
    const title = bookTitle(f)
    const book = await f.models.Book.create({ title: 'Dune' })
    await f.sequelize.transaction(async (t) => {
      const savepoint = await f.sequelize.transaction({ transaction: t })
      await book.update({ title: 'Dune Messiah' })
      expect(await title(book.id)).toBe('Dune Messiah')
      await savepoint.rollback()
      expect(await title(book.id)).toBe('Dune')
    })
    expect(await title(book.id)).toBe('Dune')
  })

  it("a second transaction whose BEGIN fails rolls back the first one's work on the shared connection; its changes are invalidated again", async () => {
    const f = fixture()
    const title = bookTitle(f)
    const book = await f.models.Book.create({ title: 'Dune' })
    const first = await f.sequelize.transaction()
    await book.update({ title: 'Dune Messiah' }, { transaction: first })
    expect(await title(book.id)).toBe('Dune Messiah')

    // SQLite refuses a nested BEGIN; Sequelize answers with a ROLLBACK, which ends `first` too.
    await expect(f.sequelize.transaction()).rejects.toThrow(/cannot start a transaction within a transaction/)

    expect((await f.models.Book.findByPk(book.id))?.title).toBe('Dune')
    expect(await title(book.id)).toBe('Dune')
    await first.rollback().catch(() => undefined)
  })

  it("an in-memory database given as 'sqlite::memory:' or without storage is recognised too", async () => {
    const f = fixture()
    for (const sequelize of [
      new Sequelize('sqlite::memory:', { logging: false }),
      new Sequelize({ dialect: 'sqlite', logging: false }),
    ]) {
      const { Book } = defineSuiteModels(sequelize)
      await sequelize.sync()
      const detach = await f.cm.attach(sequelizeAdapter(sequelize))
      try {
        const book = await Book.create({ title: 'Dune' })
        const before = f.invalidated.length
        const t = await sequelize.transaction()
        await book.update({ title: 'Dune Messiah' }, { transaction: t })
        expect(times(f, `Book:${book.id}`, before)).toBe(1) // when made, not at COMMIT
        await t.rollback()
        expect(times(f, `Book:${book.id}`, before)).toBe(2)
      } finally {
        await detach()
        await sequelize.close()
      }
    }
  })
})

describe('sequelize on a SQLite file: a connection per transaction, isolated', () => {
  const fixture = useFixture('sqlite-file', defineSuiteModels)

  it('readers do not see uncommitted rows, so a change waits for COMMIT; no per-statement hooks are added', async () => {
    const f = fixture()
    expect(Boolean(f.sequelize.hasHook('beforeQuery'))).toBe(false)
    const book = await f.models.Book.create({ title: 'Dune' })
    const before = f.invalidated.length
    const t = await f.sequelize.transaction()
    await book.update({ title: 'Dune Messiah' }, { transaction: t })

    expect((await f.models.Book.findByPk(book.id))?.title).toBe('Dune') // another connection: the committed row
    expect(times(f, `Book:${book.id}`, before)).toBe(0)
    await t.commit()

    expect(times(f, `Book:${book.id}`, before)).toBe(1)
  })
})
