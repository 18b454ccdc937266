/**
 * TypeORM entities returned from cached methods: with the entity classes registered with the serializer,
 * a hit returns entity instances (getters work, `instanceof` holds, `save()` recognises them); without,
 * plain objects, and cacheme warns once per tag.
 */
import { randomUUID } from 'node:crypto'
import {
  type CachemeEvents,
  createCacheme,
  defaultSerializer,
  type Logger,
  RedisStorage,
  silentLogger,
} from '@cacheme/core'
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import { typeormAdapter } from '../src/index.js'
import { Book, User } from './support/entities.js'
import { databases, useFixture } from './support/fixture.js'

const clients: Redis[] = []
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.quit()))
})

function redis(): Redis {
  const client = new Redis(process.env.CACHEME_REDIS_URL!, { maxRetriesPerRequest: 1 })
  clients.push(client)
  return client
}

describe.each(databases)('typeorm on %s: entities in cached results', (database) => {
  const fixture = useFixture(database, { attach: false })

  it('with { Book, User } registered, a cached method returning an entity serves entity instances on a hit', async () => {
    const f = fixture()
    const cm = createCacheme({
      storage: new RedisStorage(redis()),
      prefix: `t${randomUUID()}:`,
      serializer: defaultSerializer({ classes: { Book, User } }),
      logger: silentLogger,
    })
    await cm.attach(typeormAdapter(f.ds))
    const books = f.ds.getRepository(Book)
    class BookService {
      @cm.cacheme<BookService['withOwner']>({
        key: (c) => `Book:${c.args[0]}>withOwner`,
        invalidKeys: (c) => [`Book:${c.args[0]}`, c.result?.owner ? `User:${c.result.owner.id}` : null],
      })
      async withOwner(id: number): Promise<Book | null> {
        return books.findOne({ where: { id }, relations: { owner: true } })
      }
    }
    const owner = await f.ds.manager.save(User, { name: 'ada' })
    const saved = await books.save({ title: 'Dune', owner })
    const service = new BookService()

    await service.withOwner(saved.id) // miss
    const hit = await service.withOwner(saved.id)

    expect(hit).toBeInstanceOf(Book)
    expect(hit!.owner).toBeInstanceOf(User)
    expect(hit!.owner!.cacheKey).toEqual([`User:${owner.id}`, `Person:${owner.id}`]) // a getter of User
    expect(f.ds.getRepository(Book).hasId(hit!)).toBe(true)
    // TypeORM accepts the revived entity back: the save invalidates, the next call is fresh.
    hit!.title = 'Dune Messiah'
    await books.save(hit!)
    expect((await service.withOwner(saved.id))!.title).toBe('Dune Messiah')
    await cm.close()
  })

  it('without registration the hit is a plain object, and cacheme warns once for the tag', async () => {
    const f = fixture()
    const warned: { obj: object; msg?: string | undefined }[] = []
    const noop = () => {}
    const logger: Logger = {
      debug: noop,
      info: noop,
      error: noop,
      warn: (obj, msg) => warned.push({ obj, msg }),
    }
    const cm = createCacheme({ storage: new RedisStorage(redis()), prefix: `t${randomUUID()}:`, logger })
    const warnings: CachemeEvents['warning'][] = []
    cm.on('warning', (event) => warnings.push(event))
    const books = f.ds.getRepository(Book)
    const getBook = cm.wrap(async (id: number) => books.findOneByOrFail({ id }), {
      key: (c) => `Book:${c.args[0]}`,
      tag: 'getBook',
    })
    const a = await books.save({ title: 'Dune' })
    const b = await books.save({ title: 'Emma' })

    expect(await getBook(a.id)).toBeInstanceOf(Book)
    const hit = await getBook(a.id)
    await getBook(b.id)

    expect(hit).not.toBeInstanceOf(Book)
    expect(hit).toMatchObject({ id: a.id, title: 'Dune' })
    expect(warnings.map((w) => [w.code, w.tag])).toEqual([['W_UNREGISTERED_CLASS', 'getBook']])
    expect(warnings[0]!.message).toContain('classes: { Book }')
    expect(warned).toHaveLength(1)
    await cm.close()
  })
})
