/**
 * Redis trouble fails open (DESIGN.md §3.5): the real test Redis behind a proxy that cuts the network
 * (the data survives, as in a real partition). Bounded: a handful of calls, short timeouts, no load.
 */
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import { type CachemeEvents, createCacheme, RedisStorage } from '../../src/index.js'
import { FaultProxy } from '../support/fault-proxy.js'
import { randomPrefix, redisUrl, sleep } from '../support/fixtures.js'

const servers: FaultProxy[] = []
const clients: Redis[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect()
  await Promise.all(servers.splice(0).map((s) => s.down()))
})

async function setup(config: Parameters<typeof createCacheme>[0] = {}) {
  const server = new FaultProxy(redisUrl())
  servers.push(server)
  await server.up()
  // Short reconnect delay and no offline queue: commands fail fast while the server is down.
  const redis = new Redis(server.url, {
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => 50,
  })
  clients.push(redis)
  redis.on('error', () => {}) // connection errors are the point of these tests; cacheme reports them
  await new Promise((resolve) => redis.once('ready', resolve))
  const errors: CachemeEvents['error'][] = []
  const cm = createCacheme({
    storage: new RedisStorage(redis),
    prefix: randomPrefix(),
    operationTimeoutMs: 300,
    ...config,
  })
  cm.on('error', (e) => errors.push(e))
  return { server, redis, cm, errors }
}

async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time')
    await sleep(50)
  }
}

describe('fail-open on Redis trouble', () => {
  it('Redis down: the function is called, its value returned, and an error event emitted', async () => {
    const { server, cm, errors } = await setup()
    let n = 0
    const fn = cm.cacheme({ key: () => 'Down' })(async function down() {
      n += 1
      return n
    })
    await server.down()
    expect(await fn()).toBe(1)
    expect(await fn()).toBe(2)
    expect(errors.length).toBeGreaterThan(0)
    expect(errors[0]!.error).toMatchObject({ code: expect.stringMatching(/^E_STORAGE_/) })
  })

  it('the circuit breaker stops calling Redis after repeated failures', async () => {
    const { server, cm, errors } = await setup({ breakerThreshold: 2, breakerCooldownMs: 60_000 })
    const fn = cm.cacheme({ key: () => 'Breaker' })(async function breaker() {
      return 1
    })
    await server.down()
    for (let i = 0; i < 6; i += 1) await fn()
    // Two reads failed against Redis, then the breaker opened: no further storage attempts are reported.
    expect(errors.filter((e) => e.operation === 'read')).toHaveLength(2)
  })

  it('an invalidation that cannot be delivered is kept, the cache is bypassed meanwhile, and it is retried once Redis is back', async () => {
    const { server, redis, cm } = await setup({ breakerThreshold: 1000 })
    let version = 1
    const fn = cm.cacheme({ key: () => 'Pending:1', invalidKeys: () => 'User:1' })(async function pending() {
      return version
    })
    expect(await fn()).toBe(1)
    await server.down()
    version = 2
    expect(await cm.invalidate('User:1')).toBe(0)
    expect(cm.pendingInvalidations).toBe(1)
    await server.up()
    await waitUntil(async () => (await redis.ping().catch(() => '')) === 'PONG')
    // The stale value is still in Redis, but this process never serves it while the invalidation is pending.
    expect(await fn()).toBe(2)
    await waitUntil(() => cm.pendingInvalidations === 0)
    expect(await redis.exists(`${cm.config.prefix}User:1:invalid`)).toBe(0)
    version = 3
    expect(await fn()).toBe(3)
    expect(await fn()).toBe(3)
  })

  it('too many undelivered invalidations collapse into one invalidation of everything under the prefix', async () => {
    const { server, redis, cm } = await setup({ breakerThreshold: 1000, maxPendingInvalidations: 3 })
    const fn = cm.cacheme<[number], number>({ key: (c) => `Many:${c.args[0]}`, invalidKeys: () => 'Other' })(
      async function many(id: number) {
        return id
      },
    )
    await fn(1)
    await fn(2)
    await server.down()
    for (const key of ['A', 'B', 'C', 'D', 'E']) await cm.invalidate(key)
    expect(cm.pendingInvalidations).toBe(1)
    await server.up()
    await waitUntil(async () => (await redis.ping().catch(() => '')) === 'PONG')
    expect(await cm.flushPendingInvalidations()).toBe(true)
    expect(await redis.exists(`${cm.config.prefix}Many:1`, `${cm.config.prefix}Many:2`)).toBe(0)
  })

  it('a hung Redis cannot hang a model-wide invalidation: it times out, is queued, and is delivered later', async () => {
    const { server, redis, cm } = await setup({ breakerThreshold: 1000 })
    let n = 0
    const fn = cm.cacheme({ key: () => 'Hung:1', invalidKeys: () => 'Book:1' })(async function hung() {
      n += 1
      return n
    })
    await fn()
    server.stall()
    const started = Date.now()
    expect(await cm.invalidateModel('Book')).toBe(0)
    expect(Date.now() - started).toBeLessThan(5000) // bounded by operationTimeoutMs (300 ms), not by Redis
    expect(cm.pendingInvalidations).toBe(1)
    expect(await fn()).toBe(2) // bypassed while the invalidation is pending
    server.resume()
    await waitUntil(async () => (await redis.ping().catch(() => '')) === 'PONG')
    await waitUntil(async () => await cm.flushPendingInvalidations())
    expect(await redis.hexists(`${cm.config.prefix}Hung:1`, 'base')).toBe(0)
  })
})
