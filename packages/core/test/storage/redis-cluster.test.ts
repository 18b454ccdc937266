/** The storage conformance suite on Redis Cluster (CACHEME_REDIS_CLUSTER), plus Cluster-only behaviour. */
import type { Cluster } from 'ioredis'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { writeGuards } from '../../src/guard-names.js'
import { entryRef, invalidSetKey, metaKeys, tagSetKey } from '../../src/key.js'
import { RedisStorage } from '../../src/storage/redis-storage.js'
import { runStorageSuite } from '../../src/test-suite/index.js'
import { connectCluster, deleteByPrefix, randomPrefix } from '../support/redis.js'
import { redisFactory } from './redis-harness.js'

const cluster = redisFactory(() => connectCluster())
afterAll(() => cluster.close())

runStorageSuite({
  runner: { describe, it, expect, afterEach },
  name: 'redis-cluster',
  factory: cluster.factory,
  capabilities: { atomicWrite: false },
})

describe('RedisStorage on Redis Cluster', () => {
  let shared: Cluster | undefined
  const client = (): Cluster => (shared ??= connectCluster())
  afterAll(async () => void (await shared?.quit()))

  it("is named 'redis-cluster'", () => {
    expect(new RedisStorage(client()).name).toBe('redis-cluster')
  })

  it('the keys of one prefix span several slots, so the suite above exercises the cross-slot paths', async () => {
    const prefix = randomPrefix()
    const keys = ['Book:1', 'Book:2', 'Book:3', 'User:1:invalid', '#cm:{meta}:seq'].map((key) => prefix + key)
    const slots = new Set(await Promise.all(keys.map((key) => client().cluster('KEYSLOT', key))))
    expect(slots.size).toBeGreaterThan(2)
  })

  it('a rejected write removes only its own value: a newer value written meanwhile survives', async () => {
    const prefix = randomPrefix()
    const meta = metaKeys(prefix)
    const entry = entryRef(prefix, 'Book:1')
    const real = client()
    // Between the stale write's per-slot write and its guard check, another writer stores a newer value.
    let injected = false
    const intercepted = new Proxy(real, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver)
        if (property !== 'evalsha' || typeof value !== 'function') {
          return typeof value === 'function' ? value.bind(target) : value
        }
        return async (...args: unknown[]) => {
          if (!injected && args[1] === 2 && args[2] === meta.log) {
            injected = true
            await real.hset(entry.hash, entry.field, 'newer')
          }
          return Reflect.apply(value, target, args)
        }
      },
    })
    try {
      const storage = new RedisStorage(intercepted)
      const seq = (await storage.read(entry, meta, { seq: true })).seq!
      await storage.invalidate({ guards: ['k:User:1'], sets: [], meta })
      const request = {
        entry,
        payload: 'stale',
        ttlMs: undefined,
        sets: [invalidSetKey(prefix, 'User:1'), tagSetKey(prefix, 'books')],
        guards: writeGuards(['User:1'], 'books'),
        seq,
        meta,
      }
      expect(await storage.write(request)).toBe(false)
      expect(injected).toBe(true)
      expect(await real.hget(entry.hash, entry.field)).toBe('newer')
    } finally {
      await deleteByPrefix(real, prefix)
    }
  })

  it('an invalidation landing after any step of a write leaves no stale value (write before check)', async () => {
    // Steps: pending marker, two memberships, guard check, confirmation.
    for (let step = 1; step <= 5; step++) {
      const s = scenario(client())
      await s.plain.logGuards(['k:Unrelated:0'], s.meta)
      const seq = (await s.plain.read(s.entry, s.meta, { seq: true })).seq!
      let ran = false
      const storage = new RedisStorage(
        afterScript(client(), step, async () => {
          ran = true
          await s.plain.invalidate(s.invalidation)
        }),
      )
      try {
        await storage.write({ ...s.request, seq })
        expect(ran, `step ${step}`).toBe(true)
        expect(await client().hget(s.entry.hash, s.entry.field), `step ${step}`).toBeNull()
      } finally {
        await deleteByPrefix(client(), s.prefix)
      }
    }
  })

  it('a value is never readable before its guard check passed: reads between the write steps miss', async () => {
    for (let step = 1; step <= 4; step++) {
      const s = scenario(client())
      await s.plain.logGuards(['k:Unrelated:0'], s.meta)
      const seq = (await s.plain.read(s.entry, s.meta, { seq: true })).seq!
      let seen: string | undefined = 'not read'
      const storage = new RedisStorage(
        afterScript(client(), step, async () => {
          seen = (await s.plain.read(s.entry, s.meta)).payload
        }),
      )
      try {
        expect(await storage.write({ ...s.request, seq }), `step ${step}`).toBe(true)
        expect(seen, `step ${step}`).toBeUndefined()
        expect((await s.plain.read(s.entry, s.meta)).payload, `step ${step}`).toBe('computed')
      } finally {
        await deleteByPrefix(client(), s.prefix)
      }
    }
  })

  it('a write landing after any step of an invalidation leaves no stale value (log before delete)', async () => {
    for (let step = 1; step <= 3; step++) {
      const s = scenario(client())
      await s.plain.logGuards(['k:Unrelated:0'], s.meta)
      // The snapshot precedes the invalidation, so the value is stale as soon as the invalidation starts.
      const seq = (await s.plain.read(s.entry, s.meta, { seq: true })).seq!
      // Another entry in the set, so that the invalidation has a pop step and a delete step.
      const other = entryRef(s.prefix, 'Book:2>owner')
      await s.plain.write({ ...s.request, entry: other, seq })
      let ran = false
      const storage = new RedisStorage(
        afterScript(client(), step, async () => {
          ran = true
          await s.plain.write({ ...s.request, seq })
        }),
      )
      try {
        await storage.invalidate(s.invalidation)
        expect(ran, `step ${step}`).toBe(true)
        expect(await client().hget(s.entry.hash, s.entry.field), `step ${step}`).toBeNull()
      } finally {
        await deleteByPrefix(client(), s.prefix)
      }
    }
  })
})

/** One entry depending on `User:1`, with the write and invalidation requests core would send. */
function scenario(real: Cluster) {
  const prefix = randomPrefix()
  const meta = metaKeys(prefix)
  const entry = entryRef(prefix, 'Book:1>owner')
  const sets = [invalidSetKey(prefix, 'User:1'), tagSetKey(prefix, 'books')]
  return {
    prefix,
    meta,
    entry,
    plain: new RedisStorage(real),
    request: {
      entry,
      payload: 'computed',
      ttlMs: undefined,
      sets,
      guards: writeGuards(['User:1'], 'books'),
      meta,
    },
    invalidation: { guards: ['k:User:1'], sets: [sets[0] ?? ''], meta },
  }
}

/**
 * The client, except that when its `n`-th EVALSHA has completed, `action` runs to completion before the
 * caller sees the reply: a deterministic interleaving of another client's operation between two steps.
 */
function afterScript(real: Cluster, n: number, action: () => Promise<void>): Cluster {
  let calls = 0
  return new Proxy(real, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver)
      if (typeof value !== 'function') return value
      if (property !== 'evalsha') return value.bind(target)
      return async (...args: unknown[]) => {
        const reply: unknown = await Reflect.apply(value, target, args)
        if (++calls === n) await action()
        return reply
      }
    },
  })
}
