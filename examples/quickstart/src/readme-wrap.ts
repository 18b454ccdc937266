/**
 * The quick start of packages/core/README.md, verbatim between the region markers (test/readme.test.ts
 * checks that the README contains it, and runs this file against Redis).
 */
// #region readme-wrap
import { createCacheme, RedisStorage } from '@cacheme/core'
import { Redis } from 'ioredis'

const users = new Map([[200, { name: 'Ada' }]]) // stands in for your database
async function loadOwner(book: { id: number; ownerId: number }) {
  return { ...users.get(book.ownerId)! } // imagine a slow query + serialization
}

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
redis.on('error', (error) => console.error('redis:', error.message)) // cacheme fails open; say why
const cm = createCacheme({ storage: new RedisStorage(redis), prefix: 'CM:' })

// cm.wrap infers every type from loadOwner: c.args is [book], c.result is { name: string }.
const getOwner = cm.wrap(loadOwner, {
  key: (c) => `Book:${c.args[0].id}>owner`, // hash CM:Book:<id>, field "owner"
  invalidKeys: (c) => [`User:${c.args[0].ownerId}`], // removed when user <ownerId> changes
})

const book = { id: 100, ownerId: 200 }
console.log(await getOwner(book)) // miss: computed and stored -> { name: 'Ada' }
users.set(200, { name: 'Ada Lovelace' })
console.log(await getOwner(book)) // hit: still { name: 'Ada' }
await cm.invalidate('User:200') // an ORM adapter does this for you, after commit
console.log(await getOwner(book)) // miss: { name: 'Ada Lovelace' }
// #endregion readme-wrap
await cm.invalidatePattern('Book:100') // tidy up the demo's key
redis.disconnect()
