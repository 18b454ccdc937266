/**
 * TypeORM-specific write paths the shared suite does not drive: QueryBuilder insert/update/delete,
 * repository criteria helpers, upsert, and RelationQueryBuilder add/remove/set — on both databases.
 */
import { describe, expect, it } from 'vitest'
import { Book, Tag, User } from './support/entities.js'
import { databases, type Fixture, useFixture } from './support/fixture.js'

const asc = (a: number, b: number): number => a - b

function probes(f: Fixture) {
  const { ds } = f
  return {
    book: f.counted(
      'book',
      (id: number) => `Book:${id}>detail`,
      (id) => [`Book:${id}`],
      async (id) => (await ds.manager.findOneBy(Book, { id }))?.title ?? null,
    ),
    user: f.counted(
      'user',
      (id: number) => `User:${id}>detail`,
      (id) => [`User:${id}`],
      async (id) => (await ds.manager.findOneBy(User, { id }))?.name ?? null,
    ),
    bookUsers: f.counted(
      'bookUsers',
      (id: number) => `Book:${id}>users`,
      (id) => [`Book:${id}:users`],
      async (id) =>
        (await ds.createQueryBuilder().relation(Book, 'users').of(id).loadMany<User>())
          .map((u) => u.id)
          .sort(asc),
    ),
    userBooks: f.counted(
      'userBooks',
      (id: number) => `User:${id}>books`,
      (id) => [`User:${id}:books`],
      async (id) =>
        (await ds.createQueryBuilder().relation(User, 'books').of(id).loadMany<Book>())
          .map((b) => b.id)
          .sort(asc),
    ),
  }
}

describe.each(databases)('typeorm on %s: query builders', (database) => {
  const fixture = useFixture(database)

  it('QueryBuilder update() names no row: every Book key is invalidated, User keys stay', async () => {
    const f = fixture()
    const { book, user } = probes(f)
    const ada = await f.ds.manager.save(User, { name: 'ada' })
    const [b1, b2] = await f.ds.manager.save(Book, [{ title: 'Dune' }, { title: 'Emma' }])
    await Promise.all([book(b1!.id), book(b2!.id), user(ada.id)])

    await f.ds
      .createQueryBuilder()
      .update(Book)
      .set({ title: 'Dune Messiah' })
      .where('id = :id', { id: b1!.id })
      .execute()

    expect(await book(b1!.id)).toBe('Dune Messiah')
    expect(await book(b2!.id)).toBe('Emma')
    expect(book.computed).toBe(4)
    expect(await user(ada.id)).toBe('ada')
    expect(user.computed).toBe(1)
  })

  it('repository update() and softDelete()/restore() by criteria invalidate the model', async () => {
    const f = fixture()
    const { book } = probes(f)
    const repo = f.ds.getRepository(Book)
    const b = await repo.save({ title: 'Dune' })
    await book(b.id)

    await repo.update(b.id, { title: 'Dune Messiah' })
    expect(await book(b.id)).toBe('Dune Messiah')

    await repo.softDelete({ id: b.id })
    expect(await book(b.id)).toBeNull()

    await repo.restore({ id: b.id })
    expect(await book(b.id)).toBe('Dune Messiah')
    expect(book.computed).toBe(4)
  })

  it('increment() / decrement() invalidate the model', async () => {
    const f = fixture()
    const repo = f.ds.getRepository(Tag)
    const uses = f.counted(
      'uses',
      (id: number) => `Tag:${id}>uses`,
      (id) => [`Tag:${id}`],
      async (id) => (await repo.findOneBy({ id }))?.uses,
    )
    const tag = await repo.save({ slug: 'a', title: 'A' })
    expect(await uses(tag.id)).toBe(0)

    await repo.increment({ id: tag.id }, 'uses', 3)
    expect(await uses(tag.id)).toBe(3)

    await repo.decrement({ id: tag.id }, 'uses', 1)
    expect(await uses(tag.id)).toBe(2)
  })

  it('QueryBuilder delete() invalidates every Book key and the m2m partner model', async () => {
    const f = fixture()
    const { book, userBooks } = probes(f)
    const ada = await f.ds.manager.save(User, { name: 'ada' })
    const b = await f.ds.manager.save(Book, { title: 'Dune', users: [ada] })
    expect(await userBooks(ada.id)).toEqual([b.id])
    await book(b.id)

    await f.ds.createQueryBuilder().delete().from(Book).where('title = :title', { title: 'Dune' }).execute()

    expect(await book(b.id)).toBeNull()
    expect(await userBooks(ada.id)).toEqual([])
    expect(f.invalidated).toEqual(expect.arrayContaining(['Book', 'User']))
  })

  it("QueryBuilder insert() invalidates each new row's key and the model key, not other rows", async () => {
    const f = fixture()
    const { book } = probes(f)
    const existing = await f.ds.manager.save(Book, { title: 'Dune' })
    await book(existing.id)

    const result = await f.ds
      .createQueryBuilder()
      .insert()
      .into(Book)
      .values([{ title: 'a' }, { title: 'b' }])
      .execute()

    const ids = result.identifiers.map((identifier) => identifier.id as number)
    expect(f.invalidated).toEqual(expect.arrayContaining([`Book:${ids[0]}`, `Book:${ids[1]}`, 'Book']))
    await book(existing.id)
    expect(book.computed).toBe(1)
  })

  it('upsert() through a unique column invalidates the whole model: the reported id may name another row', async () => {
    const f = fixture()
    const repo = f.ds.getRepository(Tag)
    const tag = f.counted(
      'tag',
      (id: number) => `Tag:${id}>detail`,
      (id) => [`Tag:${id}`],
      async (id) => (await repo.findOneBy({ id }))?.title,
    )
    const a = await repo.save({ slug: 'a', title: 'A' })
    await repo.save({ slug: 'b', title: 'B' })
    expect(await tag(a.id)).toBe('A')

    // better-sqlite3 reports the last inserted rowid (b's) for this update of a.
    await repo.upsert({ slug: 'a', title: 'A2' }, ['slug'])

    expect(await tag(a.id)).toBe('A2')
    expect(f.invalidated).toContain('Tag')
  })

  it('RelationQueryBuilder add() invalidates exactly the linked pairs, from either side', async () => {
    const f = fixture()
    const { bookUsers, userBooks } = probes(f)
    const [u1, u2] = await f.ds.manager.save(User, [{ name: 'u1' }, { name: 'u2' }])
    const [b1, b2] = await f.ds.manager.save(Book, [{ title: 'b1' }, { title: 'b2' }])
    await Promise.all([bookUsers(b1!.id), bookUsers(b2!.id), userBooks(u1!.id), userBooks(u2!.id)])

    await f.ds.createQueryBuilder().relation(Book, 'users').of(b1).add(u1)

    expect(await bookUsers(b1!.id)).toEqual([u1!.id])
    expect(await userBooks(u1!.id)).toEqual([b1!.id])
    await Promise.all([bookUsers(b2!.id), userBooks(u2!.id)])
    expect(bookUsers.computed + userBooks.computed).toBe(6)

    await f.ds.createQueryBuilder().relation(User, 'books').of(u2).add([b1, b2])

    expect(await bookUsers(b2!.id)).toEqual([u2!.id])
    expect(await userBooks(u2!.id)).toEqual([b1!.id, b2!.id].sort(asc))
    expect(await bookUsers(b1!.id)).toEqual([u1!.id, u2!.id].sort(asc))
  })

  it('RelationQueryBuilder remove() names no junction row: both models are invalidated', async () => {
    const f = fixture()
    const { bookUsers, userBooks } = probes(f)
    const u = await f.ds.manager.save(User, { name: 'u' })
    const b = await f.ds.manager.save(Book, { title: 'b', users: [u] })
    expect(await bookUsers(b.id)).toEqual([u.id])
    expect(await userBooks(u.id)).toEqual([b.id])

    await f.ds.createQueryBuilder().relation(Book, 'users').of(b).remove(u)

    expect(await bookUsers(b.id)).toEqual([])
    expect(await userBooks(u.id)).toEqual([])
    expect(f.invalidated).toEqual(expect.arrayContaining(['Book', 'User']))
  })

  it("link changes with and without ids invalidate the relation's own keys (invalidM2mModels: ['Book.users'])", async () => {
    const f = fixture()
    const junction = f.ds.getMetadata(Book).manyToManyRelations[0]!.junctionEntityMetadata!.name
    const relation = f.counted(
      'relation',
      (key: string) => `Links>${key}`,
      (key) => [key],
      async () => f.ds.manager.count(Book),
    )
    const keys = ['Book.users', 'User.books', junction]
    const u = await f.ds.manager.save(User, { name: 'u' })
    const b = await f.ds.manager.save(Book, { title: 'b' })
    for (const key of keys) await relation(key)

    await f.ds.createQueryBuilder().relation(Book, 'users').of(b).add(u) // junction row with both ids
    for (const key of keys) await relation(key)
    await f.ds.createQueryBuilder().relation(Book, 'users').of(b).remove(u) // junction delete without ids
    for (const key of keys) await relation(key)

    expect(relation.computed).toBe(9)
  })

  it('RelationQueryBuilder remove() with custom m2m builders warns once that their keys cannot be computed', async () => {
    const f = fixture()
    await f.reattach({ m2m: { 'Book.users': { Book: (ids) => ids.map((id) => `Reader:${String(id)}`) } } })
    const u = await f.ds.manager.save(User, { name: 'u' })
    const b = await f.ds.manager.save(Book, { title: 'b', users: [u] })

    await f.ds.createQueryBuilder().relation(Book, 'users').of(b).remove(u)
    await f.ds.createQueryBuilder().relation(Book, 'users').of(b).addAndRemove([u], [u])

    const warnings = f.logger.warn.mock.calls.filter(([, message]) =>
      String(message).includes("'Book.users'"),
    )
    expect(warnings).toHaveLength(1)
  })

  it('RelationQueryBuilder set() of the many-to-one owner invalidates the Book model', async () => {
    const f = fixture()
    const { book } = probes(f)
    const u = await f.ds.manager.save(User, { name: 'u' })
    const b = await f.ds.manager.save(Book, { title: 'b' })
    await book(b.id)

    await f.ds.createQueryBuilder().relation(Book, 'owner').of(b).set(u)

    await book(b.id)
    expect(book.computed).toBe(2)
    expect(f.invalidated).toContain('Book')
  })
})
