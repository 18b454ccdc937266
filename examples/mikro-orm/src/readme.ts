/**
 * The quick start of packages/mikro-orm/README.md, verbatim between the region markers (test/readme.test.ts
 * checks the README contains it, and runs this file against Redis).
 */
// #region readme
import { createCacheme, RedisStorage } from '@cacheme/core'
import { mikroOrmAdapter } from '@cacheme/mikro-orm'
import { MikroORM } from '@mikro-orm/better-sqlite'
import { Redis } from 'ioredis'
import { Book, entities, User } from './db.js'

const orm = await MikroORM.init({ dbName: ':memory:', entities })
await orm.schema.createSchema()
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
redis.on('error', (error) => console.error('redis:', error.message)) // cacheme fails open; say why
const cm = createCacheme({ storage: new RedisStorage(redis) })
const detach = await cm.attach(mikroOrmAdapter(orm)) // one subscriber, shared by every em.fork()

const getTitle = cm.wrap(async (id: number) => (await orm.em.fork().findOneOrFail(Book, id)).title, {
  key: (c) => `Book:${c.args[0]}>title`,
  invalidKeys: (c) => [`Book:${c.args[0]}`], // a flushed change of book <id> removes this value, after COMMIT
  tag: 'getTitle',
})

const em = orm.em.fork()
const book = em.create(Book, { title: 'Notes', owner: em.create(User, { name: 'Ada' }) })
await em.flush()
console.log(await getTitle(book.id)) // miss: 'Notes'
book.title = 'Notes, 2nd ed.'
await em.flush() // resolves after the invalidation is done
console.log(await getTitle(book.id)) // miss again, fresh: 'Notes, 2nd ed.'
console.log(await getTitle(book.id)) // hit
// #endregion readme
await cm.invalidatePattern(`Book:${book.id}`)
await detach()
await orm.close()
redis.disconnect()
