/**
 * cacheme quick start. Runs on the embedded MemoryStorage by default; set REDIS_URL to use Redis:
 *
 *   pnpm demo                                  # MemoryStorage
 *   REDIS_URL=redis://127.0.0.1:6379 pnpm demo # Redis
 *
 * A "slow" profile builder stands in for an ORM query + serialization. The demo prints
 * miss → hit → invalidate → miss, with timings.
 */
import { type CacheStorage, createCacheme, MemoryStorage, RedisStorage } from '@cacheme/core'
import { Redis } from 'ioredis'

interface User {
  id: number
  name: string
}

// The "database": one table, and a slow query.
const users = new Map<number, User>([[200, { id: 200, name: 'Ada' }]])
const slowQuery = async (id: number): Promise<User> => {
  await new Promise((resolve) => setTimeout(resolve, 150))
  const user = users.get(id)
  if (!user) throw new Error(`no user ${id}`)
  return { ...user }
}

const redis = process.env.REDIS_URL ? new Redis(process.env.REDIS_URL) : undefined
const storage: CacheStorage = redis ? new RedisStorage(redis) : new MemoryStorage()
const cm = createCacheme({ storage, prefix: `demo:${process.pid}:` })

class ProfileSerializer {
  // Cached under CM-prefix + "User:<id>>profile"; removed whenever invalid key "User:<id>" is invalidated.
  @cm.cacheme<[id: number], { name: string; greeting: string }>({
    key: (c) => `User:${c.args[0]}>profile`,
    invalidKeys: (c) => [`User:${c.args[0]}`],
    timeout: 60,
  })
  async profile(id: number): Promise<{ name: string; greeting: string }> {
    const user = await slowQuery(id)
    return { name: user.name, greeting: `Hello, ${user.name}!` }
  }
}

let outcome = ''
cm.on('hit', () => {
  outcome = 'hit '
})
cm.on('miss', () => {
  outcome = 'miss'
})

async function step(label: string, run: () => Promise<unknown>): Promise<void> {
  outcome = '    '
  const started = performance.now()
  const value = await run()
  const ms = (performance.now() - started).toFixed(1).padStart(6)
  console.log(`${label.padEnd(34)} ${outcome} ${ms} ms  ${value === undefined ? '' : JSON.stringify(value)}`)
}

const serializer = new ProfileSerializer()
console.log(`cacheme quick start on ${storage.name} storage\n`)
await step('1. profile(200)', () => serializer.profile(200))
await step('2. profile(200) again', () => serializer.profile(200))
users.set(200, { id: 200, name: 'Ada Lovelace' })
await step('3. user 200 renamed: invalidate', async () => `removed ${await cm.invalidate('User:200')} entry`)
await step('4. profile(200) after invalidation', () => serializer.profile(200))
await step('5. profile(200) again', () => serializer.profile(200))

await cm.invalidatePattern('*')
await cm.close()
redis?.disconnect()
