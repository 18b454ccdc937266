/**
 * Transactions beyond the suite: `em.begin()` / `em.commit()` / `em.rollback()` (also nested, as
 * savepoints), read-your-writes when they resolve, flushes of a savepoint that is rolled back, and the
 * plain flush (its own implicit transaction) delivered before `flush()` resolves.
 */
import { describe, expect, it } from 'vitest'
import { databases } from './support/database.js'
import { Book, User } from './support/entities.js'
import { type Fixture, useFixture } from './support/fixture.js'

async function seed(f: Fixture) {
  const em = f.orm.em.fork()
  const books = ['Dune', 'Emma'].map((title) => em.create(Book, { title }))
  await em.flush()
  f.invalidated.length = 0
  return books.map((book) => book.id) as [number, number]
}

describe.each(databases)('mikro-orm on %s: transactions', (database) => {
  const fixture = useFixture(database)

  it('em.begin() … em.commit(): nothing before COMMIT, everything when commit() resolves', async () => {
    const f = fixture()
    const [b1] = await seed(f)
    const em = f.orm.em.fork()
    await em.begin()
    const book = await em.findOneOrFail(Book, b1)
    book.title = 'Dune Messiah'
    await em.flush()
    expect(f.invalidated).toEqual([])
    await em.commit()
    expect(f.invalidated).toEqual(['Book', `Book:${b1}`])
  })

  it('em.begin() … em.rollback() invalidates nothing', async () => {
    const f = fixture()
    const [b1] = await seed(f)
    const em = f.orm.em.fork()
    await em.begin()
    ;(await em.findOneOrFail(Book, b1)).title = 'gone'
    await em.flush()
    await em.rollback()
    expect(f.invalidated).toEqual([])
  })

  it('a savepoint opened with em.begin({ ctx }) and rolled back drops only its own flushes', async () => {
    const f = fixture()
    const [b1, b2] = await seed(f)
    const outer = f.orm.em.fork()
    await outer.begin()
    ;(await outer.findOneOrFail(Book, b1)).title = 'kept'
    await outer.flush()
    const inner = outer.fork({ clear: false })
    await inner.begin({ ctx: outer.getTransactionContext() })
    ;(await inner.findOneOrFail(Book, b2)).title = 'rolled back'
    await inner.flush()
    await inner.rollback()
    await outer.commit()
    expect(f.invalidated).toContain(`Book:${b1}`)
    expect(f.invalidated).not.toContain(`Book:${b2}`)
  })

  it('nested em.transactional(): a savepoint that throws is dropped, a released one commits with the root', async () => {
    const f = fixture()
    const [b1, b2] = await seed(f)
    await f.orm.em.fork().transactional(async (em) => {
      await em.transactional(async (released) => {
        ;(await released.findOneOrFail(Book, b1)).title = 'released'
      })
      await expect(
        em.transactional(async (failed) => {
          ;(await failed.findOneOrFail(Book, b2)).title = 'rolled back'
          await failed.flush()
          throw new Error('savepoint only')
        }),
      ).rejects.toThrow('savepoint only')
      expect(f.invalidated).toEqual([])
    })
    expect(f.invalidated).toContain(`Book:${b1}`)
    expect(f.invalidated).not.toContain(`Book:${b2}`)
    expect((await f.orm.em.fork().findOneOrFail(Book, b2)).title).toBe('Emma')
  })

  it('a plain flush is delivered before flush() resolves (its implicit transaction has committed)', async () => {
    const f = fixture()
    const [b1] = await seed(f)
    const title = f.counted(
      (id: number) => `Book:${id}>title`,
      (id) => [`Book:${id}`],
      async (id) => (await f.orm.em.fork().findOneOrFail(Book, id)).title,
    )
    await title(b1)
    const em = f.orm.em.fork()
    ;(await em.findOneOrFail(Book, b1)).title = 'Dune Messiah'
    await em.flush()
    expect(await f.hasEntry(`Book:${b1}>title`)).toBe(false)
    expect(await title(b1)).toBe('Dune Messiah')
  })

  it("delivery: 'background' resolves the commit at once; reads of this process still wait for the delivery", async () => {
    const f = fixture()
    await f.reattach({ delivery: 'background' })
    const [b1] = await seed(f)
    const title = f.counted(
      (id: number) => `Book:${id}>title`,
      (id) => [`Book:${id}`],
      async (id) => (await f.orm.em.fork().findOneOrFail(Book, id)).title,
    )
    await title(b1)
    await f.orm.em.fork().transactional(async (em) => {
      ;(await em.findOneOrFail(Book, b1)).title = 'background'
    })
    expect(await title(b1)).toBe('background')
  })

  it('a transaction that only reads invalidates nothing', async () => {
    const f = fixture()
    await seed(f)
    await f.orm.em.fork().transactional((em) => em.find(User, {}))
    expect(f.invalidated).toEqual([])
  })
})
