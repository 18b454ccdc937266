/**
 * The adapter's own contract: options are checked at the factory call, the m2m option against the ORM's
 * relations at attach, an ORM without metadata is refused, unknown declared models are warned about, and
 * several cacheme instances can attach to one ORM and detach independently.
 */
import { CachemeError, createCacheme, MemoryStorage } from '@cacheme/core'
import { BetterSqliteDriver, MikroORM } from '@mikro-orm/better-sqlite'
import { describe, expect, it } from 'vitest'
import { mikroOrmAdapter } from '../src/index.js'
import { Book, suiteEntities } from './support/entities.js'
import { useFixture } from './support/fixture.js'

describe('mikroOrmAdapter options', () => {
  const fixture = useFixture('sqlite')

  it('an unknown option name fails at the factory call with the closest real name', () => {
    const f = fixture()
    expect(() => mikroOrmAdapter(f.orm, { dlivery: 'await' } as never)).toThrow(/did you mean 'delivery'/)
    try {
      mikroOrmAdapter(f.orm, { delivery: 'later' as never })
    } catch (error) {
      expect(error).toBeInstanceOf(CachemeError)
      expect((error as CachemeError).code).toBe('E_INVALID_OPTION')
    }
  })

  it('an m2m key that is not an owning relation fails cm.attach() with E_ADAPTER caused by E_INVALID_OPTION', async () => {
    const f = fixture()
    const cm = createCacheme({ storage: new MemoryStorage() })
    const attached = cm.attach(mikroOrmAdapter(f.orm, { m2m: { 'User.books': { User: () => [] } } }))
    await expect(attached).rejects.toMatchObject({
      code: 'E_ADAPTER',
      cause: expect.objectContaining({
        code: 'E_INVALID_OPTION',
        message: expect.stringContaining("'Book.users'"),
      }),
    })
    await cm.close()
  })

  it('an ORM that was never initialized is refused at attach', async () => {
    // `new MikroORM()` without `init()` (or `discoverEntities()`) has discovered no entity yet.
    const orm = new MikroORM({ driver: BetterSqliteDriver, dbName: ':memory:', entities: suiteEntities })
    const cm = createCacheme({ storage: new MemoryStorage() })
    await expect(cm.attach(mikroOrmAdapter(orm))).rejects.toMatchObject({ code: 'E_ADAPTER' })
    await cm.close()
  })

  it('an invalidModels entry the ORM does not know is warned about once, with the closest names', async () => {
    const f = fixture()
    f.cm.cacheme({ tag: 'typo', key: () => 'x', invalidModels: ['Bok'] })(async () => 1)
    const em = f.orm.em.fork()
    em.create(Book, { title: 'a' })
    await em.flush()
    em.create(Book, { title: 'b' })
    await em.flush()
    expect(f.logger.warn).toHaveBeenCalledTimes(1)
    expect(f.logger.warn.mock.calls[0]![1]).toContain("did you mean 'Book'")
  })

  it('two cacheme instances on one ORM are both invalidated, and each detaches on its own', async () => {
    const f = fixture()
    const other = createCacheme({ storage: new MemoryStorage() })
    const seen: string[] = []
    other.on('invalidate', (event) => seen.push(...event.keys))
    const detachOther = await other.attach(mikroOrmAdapter(f.orm))
    const em = f.orm.em.fork()
    const book = em.create(Book, { title: 'a' })
    await em.flush()
    expect(seen).toContain(`Book:${book.id}`)
    expect(f.invalidated).toContain(`Book:${book.id}`)

    await detachOther()
    seen.length = 0
    book.title = 'b'
    await em.flush()
    expect(seen).toEqual([])
    expect(f.invalidated.filter((key) => key === `Book:${book.id}`)).toHaveLength(2)
    await other.close()
  })
})
