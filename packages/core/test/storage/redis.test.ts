/** The storage conformance suite on a single Redis (CACHEME_REDIS_URL), plus round trips and options. */
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { CachemeError } from '../../src/errors.js'
import { writeGuards } from '../../src/guard-names.js'
import { entryRef, invalidSetKey, metaKeys, tagSetKey } from '../../src/key.js'
import { RedisStorage } from '../../src/storage/redis-storage.js'
import { runStorageSuite } from '../../src/test-suite/index.js'
import { connectRedis, deleteByPrefix, randomPrefix, redisUrl } from '../support/redis.js'
import { RoundTripProxy } from '../support/round-trip-proxy.js'
import { redisFactory } from './redis-harness.js'

const redis = redisFactory(() => connectRedis())
afterAll(() => redis.close())

runStorageSuite({
  runner: { describe, it, expect, afterEach },
  name: 'redis',
  factory: redis.factory,
  capabilities: { atomicWrite: true },
})

describe('RedisStorage on a single Redis', () => {
  it("is named 'redis' and refuses a client with keyPrefix or an invalid logMaxEntries", async () => {
    const client = new Redis({ lazyConnect: true })
    const prefixed = new Redis({ lazyConnect: true, keyPrefix: 'app:' })
    expect(new RedisStorage(client).name).toBe('redis')
    expect(() => new RedisStorage(prefixed)).toThrow(/keyPrefix "app:"/)
    const error = (() => {
      try {
        return new RedisStorage(client, { logMaxEntries: 0 })
      } catch (caught) {
        return caught
      }
    })()
    expect(CachemeError.is(error, 'E_INVALID_OPTION')).toBe(true)
    client.disconnect()
    prefixed.disconnect()
  })

  it('re-sends a script when Redis lost its script cache (NOSCRIPT)', async () => {
    const client = connectRedis()
    const prefix = randomPrefix()
    try {
      const storage = new RedisStorage(client)
      const meta = metaKeys(prefix)
      await client.script('FLUSH')
      const request = {
        entry: entryRef(prefix, 'Book:1'),
        payload: 'v',
        ttlMs: undefined,
        sets: [],
        guards: [],
        seq: 0,
        meta,
      }
      expect(await storage.write(request)).toBe(true)
      expect((await storage.read(request.entry, meta)).payload).toBe('v')
    } finally {
      await deleteByPrefix(client, prefix)
      await client.quit()
    }
  })
})

describe('RedisStorage round trips on a single Redis (counted by a TCP proxy)', () => {
  let proxy: RoundTripProxy | undefined
  let client: Redis | undefined
  let storage: RedisStorage
  const prefix = randomPrefix()
  const meta = metaKeys(prefix)
  const invalidKeys = ['User:1', 'Shelf:2']
  const request = {
    entry: entryRef(prefix, 'Book:1>owner'),
    payload: 'alice',
    ttlMs: 60_000,
    sets: [...invalidKeys.map((key) => invalidSetKey(prefix, key)), tagSetKey(prefix, 'books')],
    guards: writeGuards(invalidKeys, 'books'),
    meta,
  }
  const invalidation = {
    guards: ['k:User:1', 'm:User'],
    sets: [invalidSetKey(prefix, 'User:1'), invalidSetKey(prefix, 'Shelf:2')],
    meta,
  }

  beforeAll(async () => {
    const url = new URL(redisUrl())
    proxy = new RoundTripProxy({ host: url.hostname, port: Number(url.port || 6379) })
    await proxy.start()
    client = new Redis({ host: '127.0.0.1', port: proxy.port, lazyConnect: true, enableReadyCheck: false })
    await client.connect()
    storage = new RedisStorage(client)
    // Warm up: load every script used below, so that no NOSCRIPT fallback is counted.
    await storage.write({ ...request, seq: (await storage.read(request.entry, meta, { seq: true })).seq! })
    await storage.liveMembers(tagSetKey(prefix, 'books'))
    await storage.invalidate(invalidation)
    await storage.logGuards(['k:Warmup'], meta)
  })
  afterAll(async () => {
    if (client !== undefined) {
      await deleteByPrefix(client, prefix)
      await client.quit()
    }
    await proxy?.close()
  })

  const count = async (operation: () => Promise<unknown>): Promise<number> => {
    if (proxy === undefined) throw new Error('the round-trip proxy did not start (see the beforeAll error)')
    proxy.reset()
    await operation()
    return proxy.roundTrips
  }

  it('read() (hit or miss, with the sequence snapshot) is one round trip', async () => {
    expect(await count(() => storage.read(request.entry, meta))).toBe(1)
  })

  it('write() (value, 3 sets, TTLs and the guard check) is one round trip', async () => {
    const seq = (await storage.read(request.entry, meta, { seq: true })).seq!
    expect(await count(async () => expect(await storage.write({ ...request, seq })).toBe(true))).toBe(1)
  })

  it('invalidate() (log, 2 sets and their entries) is one round trip', async () => {
    const seq = (await storage.read(request.entry, meta, { seq: true })).seq!
    await storage.write({ ...request, seq })
    expect(await count(async () => expect((await storage.invalidate(invalidation)).removed).toBe(1))).toBe(1)
  })

  it('logGuards() and liveMembers() are one round trip each', async () => {
    expect(await count(() => storage.logGuards(['k:User:9'], meta))).toBe(1)
    expect(await count(() => storage.liveMembers(tagSetKey(prefix, 'books')))).toBe(1)
  })
})
