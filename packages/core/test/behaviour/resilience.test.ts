/**
 * Redis trouble fails open (docs/decisions/0003-fail-open.md): the real test Redis behind a proxy that cuts the network
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

  it('half-open: after the cooldown exactly one probe reaches Redis, the others fail fast until it has failed', async () => {
    // A cooldown far longer than the steps between the assertions, so a slow machine cannot blur them.
    const { server, cm, errors } = await setup({ breakerThreshold: 1, breakerCooldownMs: 1500 })
    const reads = () => errors.filter((e) => e.operation === 'read').length
    let computed = 0
    const fn = cm.cacheme({ key: () => 'Probe:1' })(async function probe() {
      computed += 1
      return computed
    })
    expect(await fn()).toBe(1)
    await server.down()
    await fn() // the read fails: the breaker opens (threshold 1)
    expect(reads()).toBe(1)
    await Promise.all([fn(), fn(), fn()]) // open: the storage is not tried
    expect(reads()).toBe(1)
    await sleep(1600) // the cooldown is over: half-open
    await Promise.all(Array.from({ length: 5 }, () => fn()))
    expect(reads()).toBe(2) // one probe, not five
    await Promise.all(Array.from({ length: 5 }, () => fn()))
    expect(reads()).toBe(2) // the probe failed: open again for another cooldown
    expect(computed).toBeGreaterThan(3) // every call got a value (concurrent ones share a computation)
  })

  it('half-open: calls during the probe bypass the cache without waiting for it; its success closes the breaker', async () => {
    const { server, redis, cm, errors } = await setup({
      breakerThreshold: 1,
      breakerCooldownMs: 1000,
      operationTimeoutMs: 10_000,
    })
    let computed = 0
    const fn = cm.cacheme<[number], string>({ key: (c) => `Probe:${c.args[0]}` })(async function probe(
      id: number,
    ) {
      computed += 1
      return `${id}#${computed}`
    })
    expect(await fn(0)).toBe('0#1') // stored
    await server.down()
    expect(await fn(9)).toBe('9#2') // the read fails: the breaker opens
    await server.up()
    await waitUntil(async () => (await redis.ping().catch(() => '')) === 'PONG')
    await sleep(1100) // half-open
    server.stall() // the probe's read will hang until resume()
    let probeSettled = false
    const probe = fn(0).finally(() => {
      probeSettled = true
    })
    // Other keys, while the probe hangs: computed at once, not queued behind the probe.
    expect(await Promise.all([fn(1), fn(2), fn(3)])).toEqual(['1#3', '2#4', '3#5'])
    expect(probeSettled).toBe(false)
    server.resume()
    expect(await probe).toBe('0#1') // the probe's read reached Redis and hit the stored value
    expect(await fn(0)).toBe('0#1') // closed: served from Redis again
    expect(errors.filter((e) => e.operation === 'read')).toHaveLength(1)
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
