/**
 * The quick start of README.md and packages/core/README.md, verbatim between the region markers
 * (test/readme.test.ts checks that both READMEs contain it, and runs this file against Redis).
 */
// #region readme
import { createCacheme, RedisStorage } from '@cacheme/core'
import { Redis } from 'ioredis'

interface Book {
  id: number
  ownerId: number
}
const users = new Map([[200, { name: 'Ada' }]]) // stands in for your database

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
redis.on('error', (error) => console.error('redis:', error.message)) // cacheme fails open; say why
const cm = createCacheme({ storage: new RedisStorage(redis), prefix: 'CM:' })

class BookSerializer {
  @cm.cacheme<BookSerializer['getOwner']>({
    key: (c) => `Book:${c.args[0].id}>owner`, // hash CM:Book:<id>, field "owner"
    invalidKeys: (c) => [`User:${c.args[0].ownerId}`], // removed when user <ownerId> changes
  })
  async getOwner(book: Book): Promise<{ name: string }> {
    return { ...users.get(book.ownerId)! } // imagine a slow query + serialization
  }
}

const serializer = new BookSerializer()
const book = { id: 100, ownerId: 200 }
console.log(await serializer.getOwner(book)) // miss: computed and stored -> { name: 'Ada' }
users.set(200, { name: 'Ada Lovelace' })
console.log(await serializer.getOwner(book)) // hit: still { name: 'Ada' }
await cm.invalidate('User:200') // an ORM adapter does this for you, after commit
console.log(await serializer.getOwner(book)) // miss: { name: 'Ada Lovelace' }
// #endregion readme
await cm.invalidatePattern('Book:100') // tidy up the demo's key
redis.disconnect()
