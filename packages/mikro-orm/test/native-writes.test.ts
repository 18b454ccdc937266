/**
 * Writes outside a flush, seen at the write connection's `execute()`, before the awaited call resolves
 * (or at COMMIT inside a transaction). Through the EntityManager's native methods the entity and criteria
 * are known: rows named by primary key are invalidated exactly, the rest model-wide on the entity's
 * lineage; QueryBuilder writes and raw SQL go model-wide on their table's models. Queries on the knex
 * instance itself are below MikroORM and stay invisible.
 */
import { describe, expect, it } from 'vitest'
import { databases } from './support/database.js'
import { Book, User } from './support/entities.js'
import { Animal, Cat, Dog, Pair } from './support/extra-entities.js'
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

  it('em.insert() and insertMany() without primary keys invalidate the model, and nothing else', async () => {
    const f = fixture()
    await seed(f)
    await f.orm.em.fork().insert(Book, { title: 'Emma' })
    expect(f.invalidated).toEqual(['Book'])
    expect(f.modelWide).toEqual(['Book'])
    f.invalidated.length = 0
    await f.orm.em.fork().insertMany(User, [{ name: 'x' }, { name: 'y' }])
    expect(f.invalidated).toEqual(['User'])
  })

  it('em.insert() with its primary key invalidates that key (a cached "not found") and the model key', async () => {
    const f = fixture()
    await seed(f)
    await f.orm.em.fork().insert(Book, { id: 70, title: 'Emma' })
    expect(new Set(f.invalidated)).toEqual(new Set(['Book', 'Book:70']))
    expect(f.modelWide).toEqual([])
    f.invalidated.length = 0
    await f.orm.em.fork().insertMany(Pair, [
      { a: 1, b: 'x', value: 'one' },
      { a: 2, b: 'y', value: 'two' },
    ])
    expect(new Set(f.invalidated)).toEqual(new Set(['Pair', 'Pair:1,x', 'Pair:2,y']))
  })

  it('em.upsert() by primary key invalidates that row before it resolves, not the model', async () => {
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
    expect(new Set(f.invalidated)).toEqual(new Set(['Book', `Book:${ids.book}`]))
    expect(f.modelWide).toEqual([])
  })

  it('em.upsertMany() by primary keys invalidates exactly those rows (an explicit conflict target too)', async () => {
    const f = fixture()
    const ids = await seed(f)
    await f.orm.em.fork().upsertMany(Book, [
      { id: ids.book, title: 'Dune' },
      { id: 71, title: 'Odes' },
    ])
    await f.orm.em.fork().upsert(Book, { id: 72, title: 'Emma' }, { onConflictFields: ['id'] })
    expect(new Set(f.invalidated)).toEqual(new Set(['Book', `Book:${ids.book}`, 'Book:71', 'Book:72']))
    expect(f.modelWide).toEqual([])
  })

  it('em.nativeUpdate() by primary key is exact; by other criteria, or for an entity with a cacheKey getter, model-wide', async () => {
    const f = fixture()
    const ids = await seed(f)
    await f.orm.em.fork().nativeUpdate(Book, ids.book, { title: 'a' })
    await f.orm.em.fork().nativeUpdate(Book, { id: { $in: [ids.book, 99] }, title: 'a' }, { title: 'b' })
    expect(new Set(f.invalidated)).toEqual(new Set(['Book', `Book:${ids.book}`, 'Book:99']))
    expect(f.modelWide).toEqual([])
    await f.orm.em.fork().nativeUpdate(Book, { $or: [{ id: ids.book }, { title: 'x' }] }, { title: 'c' })
    expect(f.modelWide).toEqual(['Book'])
    f.modelWide.length = 0
    // User's keys come from its cacheKey getter, which criteria cannot feed.
    await f.orm.em.fork().nativeUpdate(User, ids.user, { name: 'ada 2' })
    expect(f.modelWide).toEqual(['User'])
  })

  it('with a cacheKey option, native writes by primary key go model-wide', async () => {
    const f = fixture()
    const ids = await seed(f)
    await f.reattach({ cacheKey: (name, entity) => `${name}/${(entity as { id?: number }).id}` })
    await f.orm.em.fork().nativeUpdate(Book, ids.book, { title: 'a' })
    expect(f.modelWide).toEqual(['Book'])
  })

  it('em.nativeDelete() invalidates the model, the other side of its m2m relations and rows whose FK the database changes', async () => {
    const f = fixture()
    await seed(f)
    await f.orm.em.fork().nativeDelete(User, { name: 'ada' })
    // Users' pivot rows cascade (Book.users), Book.owner is ON DELETE SET NULL.
    expect(new Set(f.invalidated)).toEqual(
      new Set(['User', 'Book', 'Book.users', 'User.books', 'book_users']),
    )
    expect(new Set(f.modelWide)).toEqual(new Set(['User', 'Book']))
  })

  it('QueryBuilder writes invalidate the model', async () => {
    const f = fixture()
    await seed(f)
    await f.orm.em.fork().createQueryBuilder(Book).update({ title: 'qb' }).where({ id: 1 }).execute()
    expect(f.invalidated).toEqual(['Book'])
    expect(f.modelWide).toEqual(['Book'])
  })

  it('raw SQL through em.execute() invalidates the models of the table it writes', async () => {
    const f = fixture()
    const ids = await seed(f)
    await f.orm.em
      .fork()
      .execute(`update ${f.opened.table('Book')} set "title" = 'raw' where "id" = ${ids.book}`)
    expect(f.invalidated).toEqual(['Book'])
  })

  it("a write by criteria through an STI child goes model-wide on its lineage, not on its sibling's", async () => {
    const f = fixture()
    const em = f.orm.em.fork()
    const rex = em.create(Dog, { name: 'rex', barks: true })
    em.create(Cat, { name: 'tom', lives: 9 })
    await em.flush()
    f.invalidated.length = 0
    await f.orm.em.fork().nativeUpdate(Dog, { name: 'rex' }, { name: 'max' })
    expect(new Set(f.modelWide)).toEqual(new Set(['Dog', 'Animal']))
    f.modelWide.length = 0
    f.invalidated.length = 0
    await f.orm.em.fork().nativeUpdate(Dog, rex.id, { name: 'rex' })
    expect(new Set(f.invalidated)).toEqual(new Set(['Dog', 'Animal', `Dog:${rex.id}`, `Animal:${rex.id}`]))
    // Through the root, or with SQL only naming the table: every class of the table.
    await f.orm.em.fork().nativeUpdate(Animal, { name: 'rex' }, { name: 'max' })
    expect(new Set(f.modelWide)).toEqual(new Set(['Dog', 'Animal', 'Cat']))
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
      await em.nativeUpdate(Book, { title: 'Dune' }, { title: 'x' })
      user.name = 'ada 3'
      await em.flush()
    })
    // Exactly: the user row from the flushes, the Book model from the native write — not User model-wide.
    expect(new Set(f.invalidated)).toEqual(
      new Set(['User', `User:${ids.user}`, `Person:${ids.user}`, 'Book']),
    )
    expect(f.modelWide).toEqual(['Book'])
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
    expect(Object.hasOwn(f.orm.em.getDriver(), 'nativeUpdate')).toBe(false)
    await f.orm.em.fork().nativeUpdate(Book, { title: 'Dune' }, { title: 'x' })
    expect(f.invalidated).toEqual([])
  })
})
