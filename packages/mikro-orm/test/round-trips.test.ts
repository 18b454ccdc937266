/**
 * Awaited delivery costs one Redis round trip per commit, however many rows and pivot rows the flush
 * touched: every key of the unit of work is handed to core in one `invalidate()` call, which is one
 * script call on a single Redis. Counted at the client: the commands ioredis writes while the flush runs.
 */
import { createCacheme, RedisStorage } from '@cacheme/core'
import { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import { mikroOrmAdapter } from '../src/index.js'
import { databases } from './support/database.js'
import { Book, User } from './support/entities.js'
import { redisUrl, useFixture } from './support/fixture.js'

describe.each(databases)('mikro-orm on %s: round trips per commit', (database) => {
  const fixture = useFixture(database)

  /** A cacheme whose ioredis client records the name of every command it sends. */
  async function counting(f: ReturnType<typeof fixture>) {
    await f.detach()
    const client = new Redis(redisUrl(), { maxRetriesPerRequest: 1 })
    const sent: string[] = []
    const send = client.sendCommand.bind(client)
    client.sendCommand = (command, stream) => {
      sent.push(command.name)
      return send(command, stream)
    }
    const cm = createCacheme({ storage: new RedisStorage(client), prefix: `${f.cm.config.prefix}rt:` })
    const detach = await cm.attach(mikroOrmAdapter(f.orm))
    await cm.invalidate(['warm-up']) // loads the scripts, so that only what follows is counted
    sent.length = 0
    return {
      sent,
      async close() {
        await detach()
        await cm.close()
        client.disconnect()
      },
    }
  }

  it('a flush of two changed entities and two new links sends one command to Redis', async () => {
    const f = fixture()
    const em = f.orm.em.fork()
    const [ada, bob] = ['ada', 'bob'].map((name) => em.create(User, { name }))
    const book = em.create(Book, { title: 'Dune' })
    await em.flush()
    const redis = await counting(f)
    try {
      book.title = 'Dune Messiah'
      ada!.name = 'ada 2'
      book.users.add(ada!, bob!)
      await em.flush()

      expect(redis.sent).toHaveLength(1)
      expect(redis.sent[0]).toMatch(/^eval/i)
    } finally {
      await redis.close()
    }
  })

  it('a transaction of several flushes and a savepoint sends one command, at COMMIT', async () => {
    const f = fixture()
    const seed = f.orm.em.fork()
    const [ada, bob] = ['ada', 'bob'].map((name) => seed.create(User, { name }))
    const book = seed.create(Book, { title: 'Dune' })
    await seed.flush()
    const redis = await counting(f)
    try {
      await f.orm.em.fork().transactional(async (em) => {
        const b = await em.findOneOrFail(Book, book.id, { populate: ['users'] })
        b.title = 'Dune Messiah'
        b.users.add(em.getReference(User, ada!.id))
        await em.flush()
        await em.transactional(async (inner) => {
          ;(await inner.findOneOrFail(User, bob!.id)).name = 'bob 2'
          inner.create(Book, { title: 'Emma', owner: inner.getReference(User, bob!.id) })
          await inner.flush()
        })
        expect(redis.sent).toEqual([])
      })

      expect(redis.sent).toHaveLength(1)
      expect(redis.sent[0]).toMatch(/^eval/i)
    } finally {
      await redis.close()
    }
  })
})
