/**
 * Writes outside a flush, seen at the write connection's `execute()`: each invalidates its table's models
 * model-wide, before the awaited call resolves (or at COMMIT inside a transaction). Queries on the knex
 * instance itself are below MikroORM and stay invisible.
 */
import { describe, expect, it } from 'vitest'
import { databases } from './support/database.js'
import { Book, User } from './support/entities.js'
import { Dog } from './support/extra-entities.js'
import { type Fixture, useFixture } from './support/fixture.js'

async function seed(f: Fixture) {
  const em = f.orm.em.fork()
  const user = em.create(User, { name: 'ada' })
  const book = em.create(Book, { title: 'Dune', owner: user })
  book.users.add(user)
  await em.flush()
  f.invalidated.length = 0
  return { user: user.id, book: book.id }
}

describe.each(databases)('mikro-orm on %s: writes outside a flush', (database) => {
  const fixture = useFixture(database)

  it('em.insert() and insertMany() invalidate the model, and nothing else', async () => {
    const f = fixture()
    await seed(f)
    await f.orm.em.fork().insert(Book, { title: 'Emma' })
    expect(f.invalidated).toEqual(['Book'])
    f.invalidated.length = 0
    await f.orm.em.fork().insertMany(User, [{ name: 'x' }, { name: 'y' }])
    expect(f.invalidated).toEqual(['User'])
  })

  it('em.upsert() invalidates the model before it resolves', async () => {
    const f = fixture()
    const ids = await seed(f)
    const title = f.counted(
      (id: number) => `Book:${id}>title`,
      (id) => [`Book:${id}`],
      async (id) => (await f.orm.em.fork().findOneOrFail(Book, id)).title,
    )
    expect(await title(ids.book)).toBe('Dune')
    await f.orm.em.fork().upsert(Book, { id: ids.book, title: 'Dune (upserted)' })
    expect(await f.hasEntry(`Book:${ids.book}>title`)).toBe(false)
    expect(await title(ids.book)).toBe('Dune (upserted)')
  })

  it('em.nativeDelete() invalidates the model, the other side of its m2m relations and rows whose FK the database changes', async () => {
    const f = fixture()
    await seed(f)
    await f.orm.em.fork().nativeDelete(User, { name: 'ada' })
    // Users' pivot rows cascade (Book.users), Book.owner is ON DELETE SET NULL.
    expect(new Set(f.invalidated)).toEqual(
      new Set(['User', 'Book', 'Book.users', 'User.books', 'book_users']),
    )
  })

  it('QueryBuilder writes invalidate the model', async () => {
    const f = fixture()
    await seed(f)
    await f.orm.em.fork().createQueryBuilder(Book).update({ title: 'qb' }).where({ title: 'Dune' }).execute()
    expect(f.invalidated).toEqual(['Book'])
  })

  it('raw SQL through em.execute() invalidates the models of the table it writes', async () => {
    const f = fixture()
    const ids = await seed(f)
    await f.orm.em
      .fork()
      .execute(`update ${f.opened.table('Book')} set "title" = 'raw' where "id" = ${ids.book}`)
    expect(f.invalidated).toEqual(['Book'])
  })

  it('a write by criteria through an STI child goes model-wide on the hierarchy of its table', async () => {
    const f = fixture()
    const em = f.orm.em.fork()
    em.create(Dog, { name: 'rex', barks: true })
    await em.flush()
    f.invalidated.length = 0
    await f.orm.em.fork().nativeUpdate(Dog, { name: 'rex' }, { name: 'max' })
    expect(f.invalidated).toEqual(expect.arrayContaining(['Dog', 'Animal']))
  })

  it('a native write inside a transaction is invalidated at COMMIT, not before, and not at all on rollback', async () => {
    const f = fixture()
    await seed(f)
    await f.orm.em.fork().transactional(async (em) => {
      await em.nativeUpdate(Book, { title: 'Dune' }, { title: 'Dune 2' })
      expect(f.invalidated).toEqual([])
    })
    expect(f.invalidated).toEqual(['Book'])
    f.invalidated.length = 0
    await expect(
      f.orm.em.fork().transactional(async (em) => {
        await em.nativeUpdate(Book, { title: 'Dune 2' }, { title: 'Dune 3' })
        throw new Error('roll back')
      }),
    ).rejects.toThrow('roll back')
    expect(f.invalidated).toEqual([])
  })

  it('a native write between two flushes of one transaction is told apart from the flushes', async () => {
    const f = fixture()
    const ids = await seed(f)
    await f.orm.em.fork().transactional(async (em) => {
      const user = await em.findOneOrFail(User, ids.user)
      user.name = 'ada 2'
      await em.flush()
      await em.nativeUpdate(Book, { id: ids.book }, { title: 'x' })
      user.name = 'ada 3'
      await em.flush()
    })
    // Exactly: the user row from the flushes, the Book model from the native write — not User model-wide.
    expect(new Set(f.invalidated)).toEqual(
      new Set(['User', `User:${ids.user}`, `Person:${ids.user}`, 'Book']),
    )
  })

  it('queries on the knex instance itself are invisible (cm.invalidateModel is the remedy)', async () => {
    const f = fixture()
    const ids = await seed(f)
    await f.orm.em
      .getKnex()
      .raw(`update ${f.opened.table('Book')} set "title" = 'knex' where "id" = ?`, [ids.book])
    expect(f.invalidated).toEqual([])
  })

  it('after detach the connection is unwrapped and native writes invalidate nothing', async () => {
    const f = fixture()
    await seed(f)
    await f.detach()
    const connection = f.orm.em.getDriver().getConnection('write')
    expect(Object.hasOwn(connection, 'execute')).toBe(false)
    await f.orm.em.fork().nativeUpdate(Book, { title: 'Dune' }, { title: 'x' })
    expect(f.invalidated).toEqual([])
  })
})
