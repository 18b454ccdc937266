/**
 * The in-process tier example of packages/core/README.md, verbatim between the region markers
 * (test/readme.test.ts checks that the README contains it, and runs this file against Redis).
 */
// #region readme-l1
import { createCacheme, RedisStorage } from '@cacheme/core'
import { Redis } from 'ioredis'

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
redis.on('error', (error) => console.error('redis:', error.message)) // cacheme fails open; say why
const cm = createCacheme({
  storage: new RedisStorage(redis),
  prefix: 'CM:',
  // Hot keys are also kept in this process: at most 10 000 entries, each for 30 s at most. Any process's
  // invalidation evicts them here when its notice arrives (pub/sub), so another process may serve the
  // old value for that delay; if notices lag more than 100 ms (maxLagMs) the tier is dropped.
  l1: { max: 10_000, ttl: 30 },
})
cm.on('l1', (event) => console.log('l1', event.state)) // 'ready', or 'dropped' with a reason

let queries = 0
const getUser = cm.wrap(
  async function loadUser(id: number) {
    queries += 1 // imagine a query
    return { id, name: 'Ada' }
  },
  { key: (c) => `User:${c.args[0]}>profile`, invalidKeys: (c) => [`User:${c.args[0]}`] },
)

await cm.ready() // subscribes to the invalidation notices; the tier serves once that is confirmed
while (cm.l1?.state !== 'ready') await new Promise((resolve) => setTimeout(resolve, 10))
await getUser(1) // miss: computed and stored in Redis (and in process)
console.log(await getUser(1), cm.l1) // hit without a round trip -> { id: 1, name: 'Ada' } { state: 'ready', entries: 1 }
await cm.invalidate('User:1') // from any process: removed from Redis and from every process's tier
await getUser(1) // miss: computed again
console.log(queries) // 2
await cm.close() // closes the tier's subscription (you close the Redis client)
// #endregion readme-l1
await cm.invalidatePattern('User:1') // tidy up the demo's key
redis.disconnect()
