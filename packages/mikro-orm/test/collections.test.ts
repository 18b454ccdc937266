/**
 * Collections beyond the suite: `set()` / `removeAll()` on collections that were never loaded (MikroORM
 * deletes every pivot row of the owner without saying which — the adapter reads them first), `init()`
 * then change, changes through `Reference`s, and deletes whose pivot rows go by database cascade.
 */
import { ref } from '@mikro-orm/core'
import { describe, expect, it } from 'vitest'
import { databases } from './support/database.js'
import { Book, User } from './support/entities.js'
import { type Fixture, useFixture } from './support/fixture.js'

async function seed(f: Fixture) {
  const em = f.orm.em.fork()
  const [u1, u2, u3] = ['ada', 'bob', 'cy'].map((name) => em.create(User, { name }))
  const book = em.create(Book, { title: 'Dune' })
  book.users.add(u1!, u2!)
  await em.flush()
  f.invalidated.length = 0 // what the seed invalidated is not under test
  return { book: book.id, u1: u1!.id, u2: u2!.id, u3: u3!.id }
}

describe.each(databases)('mikro-orm on %s: collections', (database) => {
  const fixture = useFixture(database)

  it('set() on a collection that was never loaded invalidates the links it replaced and the new ones', async () => {
    const f = fixture()
    const ids = await seed(f)
    const em = f.orm.em.fork()
    const book = await em.findOneOrFail(Book, ids.book) // its users are not loaded
    expect(book.users.isInitialized()).toBe(false)

    book.users.set([em.getReference(User, ids.u3)])
    await em.flush()

    expect(f.invalidated).toEqual(
      expect.arrayContaining([
        `Book:${ids.book}:users`,
        `User:${ids.u1}:books`,
        `User:${ids.u2}:books`,
        `User:${ids.u3}:books`,
      ]),
    )
    // Precise: the model-wide fallback was not needed.
    expect(f.invalidated).not.toContain('User')
    const users = await f.orm.em.fork().find(User, { books: ids.book })
    expect(users.map((u) => u.id)).toEqual([ids.u3])
  })

  it('removeAll() on a collection that was never loaded invalidates every link it removed', async () => {
    const f = fixture()
    const ids = await seed(f)
    const em = f.orm.em.fork()
    const book = await em.findOneOrFail(Book, ids.book)
    expect(book.users.isInitialized()).toBe(false)
    book.users.removeAll()
    await em.flush()

    expect(f.invalidated).toEqual(expect.arrayContaining([`User:${ids.u1}:books`, `User:${ids.u2}:books`]))
    expect(f.invalidated).not.toContain(`User:${ids.u3}:books`)
  })

  it('Collection.init() then add() invalidates exactly the added link, from the inverse side too', async () => {
    const f = fixture()
    const ids = await seed(f)
    const em = f.orm.em.fork()
    const user = await em.findOneOrFail(User, ids.u3)
    await user.books.init()
    user.books.add(em.getReference(Book, ids.book))
    await em.flush()

    expect(f.invalidated).toEqual(expect.arrayContaining([`Book:${ids.book}:users`, `User:${ids.u3}:books`]))
    expect(f.invalidated).not.toContain(`User:${ids.u1}:books`)
  })

  it('links to entities created in the same flush get their new ids', async () => {
    const f = fixture()
    const em = f.orm.em.fork()
    const user = em.create(User, { name: 'new' })
    const book = em.create(Book, { title: 'new' })
    book.users.add(user)
    await em.flush()

    expect(f.invalidated).toEqual(
      expect.arrayContaining([
        `Book:${book.id}`,
        `User:${user.id}`,
        `Book:${book.id}:users`,
        `User:${user.id}:books`,
      ]),
    )
    expect(f.invalidated.some((key) => key.includes('undefined'))).toBe(false)
  })

  it('a many-to-one assigned through a Reference invalidates the row', async () => {
    const f = fixture()
    const ids = await seed(f)
    const em = f.orm.em.fork()
    const book = await em.findOneOrFail(Book, ids.book)
    book.owner = ref(em.getReference(User, ids.u2)).unwrap()
    await em.flush()
    expect(f.invalidated).toContain(`Book:${ids.book}`)
  })

  it('deleting a user whose collection was never loaded invalidates the books it was linked to', async () => {
    const f = fixture()
    const ids = await seed(f)
    const em = f.orm.em.fork()
    await em.remove(em.getReference(User, ids.u1)).flush()

    expect(f.invalidated).toEqual(expect.arrayContaining([`User:${ids.u1}`, `Book:${ids.book}:users`]))
    // Book.owner is ON DELETE SET NULL: the database may change Book rows, so Book goes model-wide.
    expect(f.invalidated).toContain('Book')
  })

  it('a loaded entity changed twice in one EntityManager is invalidated by each flush', async () => {
    const f = fixture()
    const ids = await seed(f)
    const em = f.orm.em.fork()
    const book = await em.findOneOrFail(Book, ids.book)
    const title = f.counted(
      (id: number) => `Book:${id}>title`,
      (id) => [`Book:${id}`],
      async (id) => (await f.orm.em.fork().findOneOrFail(Book, id)).title,
    )
    expect(await title(ids.book)).toBe('Dune')
    book.title = 'Dune Messiah'
    await em.flush()
    expect(await title(ids.book)).toBe('Dune Messiah')
    book.title = 'Children of Dune' // the identity map's copy, already loaded
    await em.flush()
    expect(await title(ids.book)).toBe('Children of Dune')
    expect(title.computed).toBe(3)
  })

  it('writes through separate forks of the EntityManager are all seen', async () => {
    const f = fixture()
    const ids = await seed(f)
    const a = f.orm.em.fork()
    const b = f.orm.em.fork({ clear: true })
    ;(await a.findOneOrFail(User, ids.u1)).name = 'ada 2'
    ;(await b.findOneOrFail(User, ids.u2)).name = 'bob 2'
    await a.flush()
    await b.flush()
    expect(f.invalidated).toEqual(expect.arrayContaining([`User:${ids.u1}`, `User:${ids.u2}`]))
  })
})
