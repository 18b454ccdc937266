/**
 * The default instance is configurable until its first storage I/O, then fixed: configure() throws
 * E_CONFIG_LOCKED, so an invalidation queued for one storage and prefix is delivered there and nowhere
 * else. (One test, in its own file: the default instance is per process, and tests must not depend on
 * each other's order.)
 */
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import {
  CachemeError,
  cacheme,
  configure,
  defaultCacheme,
  invalidate,
  RedisStorage,
} from '../../src/index.js'
import { FaultProxy } from '../support/fault-proxy.js'
import { newRedis, randomPrefix, redisUrl, sleep } from '../support/fixtures.js'

const cleanup: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

describe('default instance after its first storage I/O', () => {
  it('configure() throws E_CONFIG_LOCKED and a queued invalidation reaches only the storage it was built for', async () => {
    const proxy = new FaultProxy(redisUrl())
    await proxy.up()
    cleanup.push(() => proxy.down())
    const client = new Redis(proxy.url, {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => 50,
    })
    client.on('error', () => {})
    cleanup.push(() => client.disconnect())
    await new Promise((resolve) => client.once('ready', resolve))
    const direct = newRedis()
    const prefix = randomPrefix()

    let n = 0
    const load = cacheme<[number], number>({
      key: (c) => `Locked:${c.args[0]}`,
      invalidKeys: () => 'User:1',
    })(async function load(id: number) {
      n += 1
      return id + n
    })
    configure({ storage: new RedisStorage(client), prefix, breakerThreshold: 1000, operationTimeoutMs: 300 })
    configure({ maxPendingInvalidations: 50 }) // still configurable: no I/O yet
    expect(await load(1)).toBe(2) // first I/O: from now on the configuration is fixed
    expect(await load(1)).toBe(2)

    await proxy.down()
    expect(await invalidate('User:1')).toBe(0) // queued for this storage and prefix
    expect(defaultCacheme().pendingInvalidations).toBe(1)
    let error: unknown
    try {
      configure({ prefix: randomPrefix() })
    } catch (caught) {
      error = caught
    }
    expect(CachemeError.is(error, 'E_CONFIG_LOCKED')).toBe(true)
    expect((error as Error).message).toContain(prefix)
    expect((error as Error).message).toContain('createCacheme')
    expect(defaultCacheme().config.prefix).toBe(prefix)
    expect(defaultCacheme().config.maxPendingInvalidations).toBe(50)

    await proxy.up()
    for (let i = 0; i < 100 && (await direct.ping().catch(() => '')) !== 'PONG'; i += 1) await sleep(50)
    for (let i = 0; i < 100 && !(await defaultCacheme().flushPendingInvalidations()); i += 1) await sleep(50)
    expect(defaultCacheme().pendingInvalidations).toBe(0)
    expect(await direct.hexists(`${prefix}Locked:1`, 'base')).toBe(0) // delivered where it was built for
    expect(await load(1)).toBe(3)
  })
})
