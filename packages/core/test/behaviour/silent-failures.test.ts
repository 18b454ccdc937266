/**
 * Failures are not silent by default: without a logger and without an `error` listener, each kind of
 * problem is said once per error code (a `CachemeWarning` process warning), and the `miss` event says
 * why a computed value was not stored.
 */
import { once } from 'node:events'
import { createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  CachemeError,
  type CachemeEvents,
  createCacheme,
  MemoryStorage,
  RedisStorage,
  silentLogger,
} from '../../src/index.js'
import { latch, makeCacheme, newRedis, randomPrefix, storageKinds } from '../support/fixtures.js'

/** Records the process warnings of type CachemeWarning emitted during a test. */
const seen: Error[] = []
const onWarning = (warning: Error): void => {
  if (warning.name === 'CachemeWarning') seen.push(warning)
}
process.on('warning', onWarning)
afterEach(() => {
  seen.length = 0
})

/** process.emitWarning delivers on the next tick. */
const ticks = () => new Promise((resolve) => setImmediate(resolve))

describe('the default logger', () => {
  it('says an error once per code, with how to hear the rest, when nothing listens', async () => {
    const cm = createCacheme({ storage: new MemoryStorage(), prefix: randomPrefix() })
    const unstorable = cm.wrap(async (n: number) => ({ n, fn: () => n }), {
      key: (c) => `Fn:${c.args[0]}`,
      tag: 'unstorable',
    })
    const badKeys = cm.wrap(async (n: number) => n, {
      key: (c) => `Bad:${c.args[0]}`,
      tag: 'badKeys',
      invalidKeys: () => {
        throw new Error('no keys')
      },
    })
    for (const n of [1, 2, 3]) await unstorable(n)
    for (const n of [1, 2]) await badKeys(n)
    await ticks()
    expect(seen.map((w) => (w as Error & { code?: string }).code)).toEqual(['E_SERIALIZATION', 'E_CALLBACK'])
    expect(seen[0]!.message).toContain('cannot be serialized')
    expect(seen[0]!.message).toContain("cm.on('error'")
  })

  it("stays quiet while an 'error' listener is attached (the application handles its errors)", async () => {
    const cm = createCacheme({ storage: new MemoryStorage(), prefix: randomPrefix() })
    const errors: CachemeEvents['error'][] = []
    cm.on('error', (e) => errors.push(e))
    const unstorable = cm.wrap(async () => Symbol('s'), { key: () => 'Sym', tag: 'sym' })
    await unstorable()
    await ticks()
    expect(errors).toHaveLength(1)
    expect(seen).toEqual([])
  })

  it('says a warning once (an unregistered class, once per tag)', async () => {
    class Money {
      constructor(public amount: number) {}
    }
    const cm = createCacheme({ storage: new MemoryStorage(), prefix: randomPrefix() })
    const price = cm.wrap(async (n: number) => new Money(n), { key: (c) => `P:${c.args[0]}`, tag: 'price' })
    await price(1)
    await price(2)
    await ticks()
    expect(seen).toHaveLength(1)
    expect((seen[0] as Error & { code?: string }).code).toBe('W_UNREGISTERED_CLASS')
  })

  it('a configured logger replaces it: silentLogger says nothing', async () => {
    const cm = createCacheme({ storage: new MemoryStorage(), prefix: randomPrefix(), logger: silentLogger })
    await cm.wrap(async () => () => 1, { key: () => 'F', tag: 'f' })()
    await ticks()
    expect(seen).toEqual([])
  })
})

describe.each(storageKinds)("the miss event's reason on %s storage", (kind) => {
  it('a stored miss has no reason; an unserializable result says unserializable, with the error', async () => {
    const { cm } = makeCacheme(kind, { logger: silentLogger })
    const misses: CachemeEvents['miss'][] = []
    cm.on('miss', (e) => misses.push(e))
    await cm.wrap(async () => 1, { key: () => 'Ok', tag: 'ok' })()
    await cm.wrap(async () => ({ fn: () => 1 }), { key: () => 'Fn', tag: 'fn' })()
    expect(misses[0]).toMatchObject({ tag: 'ok', stored: true })
    expect(misses[0]).not.toHaveProperty('reason')
    expect(misses[1]).toMatchObject({ tag: 'fn', stored: false, reason: 'unserializable' })
    expect(CachemeError.is(misses[1]!.error, 'E_SERIALIZATION')).toBe(true)
  })

  it('invalidKeys that throws says invalid-keys', async () => {
    const { cm } = makeCacheme(kind, { logger: silentLogger })
    const misses: CachemeEvents['miss'][] = []
    cm.on('miss', (e) => misses.push(e))
    const fn = cm.wrap(async () => 1, {
      key: () => 'K',
      tag: 'k',
      invalidKeys: () => {
        throw new Error('nope')
      },
    })
    await fn()
    expect(misses[0]).toMatchObject({ stored: false, reason: 'invalid-keys' })
    expect(CachemeError.is(misses[0]!.error, 'E_CALLBACK')).toBe(true)
  })

  it('an invalidation during the computation says race-guard', async () => {
    const { cm } = makeCacheme(kind, { logger: silentLogger })
    const misses: CachemeEvents['miss'][] = []
    cm.on('miss', (e) => misses.push(e))
    const gate = latch()
    const fn = cm.wrap(
      async () => {
        gate.enter()
        await gate.wait
        return 1
      },
      { key: () => 'Raced', tag: 'raced', invalidKeys: () => ['Dep:1'] },
    )
    const call = fn()
    await gate.entered
    await cm.invalidate('Dep:1')
    gate.release()
    expect(await call).toBe(1)
    expect(misses[0]).toMatchObject({ stored: false, reason: 'race-guard' })
  })
})

describe('the miss event on an unreachable or broken Redis', () => {
  it('a failed read says cache-bypassed', async () => {
    // A port that refuses connections: bound, then closed.
    const server = createServer()
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    const { port } = server.address() as { port: number }
    await new Promise((resolve) => server.close(resolve))
    const redis = newRedis(`redis://127.0.0.1:${port}`, { lazyConnect: true, enableOfflineQueue: true })
    redis.on('error', () => {})
    const cm = createCacheme({
      storage: new RedisStorage(redis),
      prefix: randomPrefix(),
      logger: silentLogger,
      operationTimeoutMs: 200,
    })
    const misses: CachemeEvents['miss'][] = []
    cm.on('miss', (e) => misses.push(e))
    expect(await cm.wrap(async () => 7, { key: () => 'Down', tag: 'down' })()).toBe(7)
    expect(misses[0]).toMatchObject({ stored: false, reason: 'cache-bypassed' })
  })

  it('a failed write (an invalidation set of the wrong type) says storage-error, with the error', async () => {
    const { cm, prefix, redis } = makeCacheme('redis', { logger: silentLogger })
    await redis!.set(`${prefix}Dep:9:invalid`, 'not a set')
    const misses: CachemeEvents['miss'][] = []
    cm.on('miss', (e) => misses.push(e))
    await cm.wrap(async () => 1, { key: () => 'W', tag: 'w', invalidKeys: () => ['Dep:9'] })()
    expect(misses[0]).toMatchObject({ stored: false, reason: 'storage-error' })
    expect(misses[0]!.error).toBeInstanceOf(Error)
  })
})
