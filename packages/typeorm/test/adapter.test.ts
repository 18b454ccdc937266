/**
 * The adapter object itself: attach/detach against a DataSource, declared-model warnings, key functions
 * on plain objects and failing key functions, causes, several cacheme instances, and the documented
 * blind spots (writes with listeners disabled).
 */
import { createCacheme, MemoryStorage } from '@cacheme/core'
import { DataSource } from 'typeorm'
import { describe, expect, it } from 'vitest'
import { typeormAdapter } from '../src/index.js'
import { Book, User } from './support/entities.js'
import { databases, type Fixture, useFixture } from './support/fixture.js'

function personProbe(f: Fixture) {
  return f.counted(
    'person',
    (id: number) => `Person:${id}>detail`,
    (id) => [`Person:${id}`],
    async (id) => (await f.ds.manager.findOneBy(User, { id }))?.name ?? null,
  )
}

describe('typeormAdapter: attaching', () => {
  it('attaching to a DataSource that is not initialized fails with E_ADAPTER', async () => {
    const cm = createCacheme({ storage: new MemoryStorage() })
    const ds = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [User, Book] })

    await expect(cm.attach(typeormAdapter(ds))).rejects.toMatchObject({
      code: 'E_ADAPTER',
      message: expect.stringMatching(/initialize/),
    })
  })
})

describe.each(databases)('typeorm on %s: adapter', (database) => {
  const fixture = useFixture(database)

  it("a link added to Book.users invalidates the README's default m2m keys, and only those with the rows", async () => {
    const f = fixture()
    const ada = await f.ds.manager.save(User, { name: 'ada' })
    const book = await f.ds.manager.save(Book, { title: 'Dune', users: [] })
    const junction = f.ds.getMetadata(Book).manyToManyRelations[0]!.junctionEntityMetadata!.name
    f.invalidated.length = 0

    await f.ds.createQueryBuilder().relation(Book, 'users').of(book.id).add(ada.id)

    expect(junction).toBe('book_users_user')
    expect([...new Set(f.invalidated)].sort()).toEqual(
      [`Book:${book.id}:users`, `User:${ada.id}:books`, 'Book.users', 'User.books', 'book_users_user'].sort(),
    )
  })

  it('attaching a second adapter for the same DataSource to one instance is E_ADAPTER; saves invalidate once', async () => {
    const f = fixture()
    const count = f.ds.subscribers.length

    const error = await f.cm.attach(typeormAdapter(f.ds)).catch((e: unknown) => e)

    expect(error).toMatchObject({ code: 'E_ADAPTER', message: expect.stringMatching(/already attached/) })
    expect(f.ds.subscribers).toHaveLength(count)
    const book = await f.ds.manager.save(Book, { title: 'Dune' })
    expect(f.invalidated.filter((key) => key === `Book:${book.id}`)).toHaveLength(1)
  })

  it('detach removes the subscriber from dataSource.subscribers', async () => {
    const f = fixture()
    const count = f.ds.subscribers.length
    const detach = await createCacheme({ storage: new MemoryStorage() }).attach(typeormAdapter(f.ds))
    expect(f.ds.subscribers).toHaveLength(count + 1)

    await detach()

    expect(f.ds.subscribers).toHaveLength(count)
  })

  it("the entity's cacheKey getter is honoured for plain objects saved through a repository", async () => {
    const f = fixture()
    const person = personProbe(f)
    const ada = await f.ds.manager.save(User, { name: 'ada' })
    await person(ada.id)

    await f.ds.getRepository(User).save({ id: ada.id, name: 'ada lovelace' })

    expect(await person(ada.id)).toBe('ada lovelace')
    expect(person.computed).toBe(2)
  })

  it('a cacheKey function that throws is logged and degrades to invalidating the model; the save succeeds', async () => {
    const f = fixture()
    await f.reattach({
      cacheKey: () => {
        throw new Error('boom')
      },
    })

    await f.ds.manager.save(Book, { title: 'Dune' })

    expect(f.logger.error).toHaveBeenCalledWith(
      expect.objectContaining({ entity: 'Book' }),
      expect.stringContaining('Book'),
    )
    expect(f.invalidated).toContain('Book')
  })

  it('declared invalidModels / invalidM2mModels that TypeORM does not know are warned about once', async () => {
    const f = fixture()
    f.cm.cacheme({
      key: () => 'k',
      tag: 'declared',
      invalidModels: ['Book', User, 'Bok'],
      invalidM2mModels: ['Book.users', 'Book.readers'],
    })(async () => 1)

    await f.reattach({})
    await f.ds.manager.save(Book, { title: 'Dune' })

    const warned = f.logger.warn.mock.calls.map(([payload]) => (payload as { model: string }).model)
    expect(warned.sort()).toEqual(['Bok', 'Book.readers'])
  })

  it("an m2m option keyed by the inverse side fails cm.attach, pointing to the owning side 'Book.users'", async () => {
    const f = fixture()
    const adapter = typeormAdapter(f.ds, { m2m: { 'User.books': { User: (ids) => ids.map(String) } } })

    // A fresh instance: the fixture's own has an adapter for this DataSource attached already.
    const error = await createCacheme({ storage: new MemoryStorage() })
      .attach(adapter)
      .catch((e: unknown) => e)

    expect(error).toMatchObject({ code: 'E_ADAPTER', cause: { code: 'E_INVALID_OPTION' } })
    expect((error as { cause: Error }).cause.message).toContain(
      "key its builders by the owning side, 'Book.users'",
    )
  })

  it('a model declared after attaching is checked at the next ORM event', async () => {
    const f = fixture()
    f.cm.cacheme({ key: () => 'k', tag: 'late', invalidModels: ['Nope'] })(async () => 1)
    expect(f.logger.warn).not.toHaveBeenCalled()

    await f.ds.manager.save(Book, { title: 'Dune' })

    expect(f.logger.warn).toHaveBeenCalledWith(
      expect.objectContaining({ model: 'Nope' }),
      expect.stringContaining('Nope'),
    )
  })

  it('invalidate events carry the TypeORM cause', async () => {
    const f = fixture()
    const causes: string[] = []
    f.cm.on('invalidate', (event) => causes.push(event.cause.kind))
    const b = await f.ds.manager.save(Book, { title: 'Dune' })
    await f.ds.manager.update(Book, { id: b.id }, { title: 'x' })

    // (On SQLite the insert is delivered when made and again at its COMMIT: the same cause twice.)
    expect([...new Set(causes)]).toEqual(['typeorm:insert', 'typeorm:update'])
  })

  it('two cacheme instances attached to one DataSource are both invalidated', async () => {
    const f = fixture()
    const other = createCacheme({ storage: new MemoryStorage() })
    const detach = await other.attach(typeormAdapter(f.ds))
    try {
      let computed = 0
      const title = other.wrap(
        async (id: number) => {
          computed += 1
          return (await f.ds.manager.findOneBy(Book, { id }))?.title
        },
        { tag: 'title', key: (c) => `Book:${c.args[0]}>title`, invalidKeys: (c) => [`Book:${c.args[0]}`] },
      )
      const b = await f.ds.manager.save(Book, { title: 'Dune' })
      await title(b.id)

      await f.ds.manager.save(Book, { id: b.id, title: 'Dune Messiah' })

      expect(await title(b.id)).toBe('Dune Messiah')
      expect(computed).toBe(2)
      expect(f.invalidated).toContain(`Book:${b.id}`)
    } finally {
      await detach()
    }
  })

  it('a save with { listeners: false } fires no event: it is invisible (documented), cm.invalidate repairs it', async () => {
    const f = fixture()
    const book = f.counted(
      'book',
      (id: number) => `Book:${id}>detail`,
      (id) => [`Book:${id}`],
      async (id) => (await f.ds.manager.findOneBy(Book, { id }))?.title,
    )
    const b = await f.ds.manager.save(Book, { title: 'Dune' })
    await book(b.id)

    await f.ds.manager.save(Book, { id: b.id, title: 'Dune Messiah' }, { listeners: false })
    expect(await book(b.id)).toBe('Dune')

    await f.cm.invalidate(`Book:${b.id}`)
    expect(await book(b.id)).toBe('Dune Messiah')
  })
})
