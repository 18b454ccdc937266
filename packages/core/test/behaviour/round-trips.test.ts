/**
 * Round trips of a cached call on a single Redis, counted on the wire by a TCP proxy (not trusted from
 * the code): a hit is 1, a miss is 2 (read + one atomic write), an invalidation is 1.
 */
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import { createCacheme, RedisStorage } from '../../src/index.js'
import { randomPrefix, redisUrl } from '../support/fixtures.js'
import { RoundTripProxy } from '../support/round-trip-proxy.js'

let cleanup: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const step of cleanup.reverse()) await step()
  cleanup = []
})

async function measured() {
  const url = new URL(redisUrl())
  const proxy = new RoundTripProxy({ host: url.hostname, port: Number(url.port) })
  await proxy.start()
  cleanup.push(() => proxy.close())
  const redis = new Redis({ host: '127.0.0.1', port: proxy.port, lazyConnect: true, enableReadyCheck: false })
  cleanup.push(() => redis.disconnect())
  await redis.connect()
  const cm = createCacheme({ storage: new RedisStorage(redis), prefix: randomPrefix() })
  let computed = 0
  const fn = cm.cacheme<[number], { id: number }>({
    key: (c) => `Rt:${c.args[0]}>field`,
    invalidKeys: (c) => [`User:${c.args[0]}`, `Book:${c.args[0]}`, 'Books'],
    timeout: 60,
  })(async function roundTrips(id: number) {
    computed += 1
    return { id }
  })
  // Warm up: load the Lua scripts (the first EVALSHA may take a NOSCRIPT fallback) and start the sequence.
  await fn(0)
  await fn(0)
  await cm.invalidate('Warm:up')
  proxy.reset()
  return { proxy, cm, fn, computed: () => computed }
}

describe('round trips on a single Redis', () => {
  it('a miss is 2 round trips: one read, one write of value + 3 invalid sets + tag + TTL + race check', async () => {
    const { proxy, fn, computed } = await measured()
    await fn(1)
    expect(computed()).toBe(2)
    expect(proxy.roundTrips).toBe(2)
  })

  it('a hit is 1 round trip', async () => {
    const { proxy, fn, computed } = await measured()
    await fn(0)
    expect(computed()).toBe(1)
    expect(proxy.roundTrips).toBe(1)
  })

  it('an invalidation of several keys is 1 round trip', async () => {
    const { proxy, cm, fn } = await measured()
    await fn(2)
    proxy.reset()
    expect(await cm.invalidate(['User:2', 'Book:2', 'Nothing'])).toBe(1)
    expect(proxy.roundTrips).toBe(1)
  })
})
