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

  it('a flush of two changed entities and two new links sends one command to Redis', async () => {
    const f = fixture()
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
    try {
      const em = f.orm.em.fork()
      const [ada, bob] = ['ada', 'bob'].map((name) => em.create(User, { name }))
      const book = em.create(Book, { title: 'Dune' })
      await em.flush()
      await cm.invalidate(['warm-up']) // loads the scripts, so that only the flush below is counted
      sent.length = 0

      book.title = 'Dune Messiah'
      ada!.name = 'ada 2'
      book.users.add(ada!, bob!)
      await em.flush()

      expect(sent).toHaveLength(1)
      expect(sent[0]).toMatch(/^eval/i)
    } finally {
      await detach()
      await cm.close()
      client.disconnect()
    }
  })
})
