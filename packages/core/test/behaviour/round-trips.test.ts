/**
 * Round trips and commands of a cached call on a single Redis, counted on the wire by a TCP proxy (not
 * trusted from the code): a hit is 1 round trip and 1 command (HGET; a GET of the sequence rides along
 * only when the remembered sequence is stale, at most one read at a time), a miss is 2 round trips
 * (read + one atomic write), an invalidation is 1.
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

const count = (commands: readonly string[], name: string) => commands.filter((c) => c === name).length

describe('round trips on a single Redis', () => {
  it('a miss is 2 round trips: one read, one write of value + 3 invalid sets + tag + TTL + race check', async () => {
    const { proxy, fn, computed } = await measured()
    await fn(1)
    expect(computed()).toBe(2)
    expect(proxy.roundTrips).toBe(2)
    expect(count(proxy.commands, 'EVALSHA')).toBe(1)
    expect(count(proxy.commands, 'HGET')).toBe(1)
  })

  it('a hit is 1 round trip', async () => {
    const { proxy, fn, computed } = await measured()
    await fn(0)
    expect(computed()).toBe(1)
    expect(proxy.roundTrips).toBe(1)
  })

  it('a hit with a fresh remembered sequence is one server command (HGET alone)', async () => {
    const { proxy, fn } = await measured()
    // Twenty hits sent in the same tick: at most one of them refreshes the sequence (one extra GET),
    // whatever time has passed since the warm-up.
    await Promise.all(Array.from({ length: 20 }, () => fn(0)))
    expect(count(proxy.commands, 'HGET')).toBe(20)
    expect(count(proxy.commands, 'GET')).toBeLessThanOrEqual(1)
    expect(proxy.commands).toHaveLength(count(proxy.commands, 'HGET') + count(proxy.commands, 'GET'))
  })

  it('sequential hits refresh the sequence at most once per millisecond of elapsed time', async () => {
    const { proxy, fn } = await measured()
    const started = performance.now()
    for (let i = 0; i < 200; i += 1) await fn(0)
    const elapsedMs = performance.now() - started
    expect(count(proxy.commands, 'HGET')).toBe(200)
    // A bound, not a timing: refreshes happen only when the remembered value is over 1 ms old.
    expect(count(proxy.commands, 'GET')).toBeLessThanOrEqual(Math.ceil(elapsedMs) + 1)
  })

  it('an invalidation of several keys is 1 round trip', async () => {
    const { proxy, cm, fn } = await measured()
    await fn(2)
    proxy.reset()
    expect(await cm.invalidate(['User:2', 'Book:2', 'Nothing'])).toBe(1)
    expect(proxy.roundTrips).toBe(1)
  })
})
