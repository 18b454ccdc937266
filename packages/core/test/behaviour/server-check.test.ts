/**
 * Redis ≥ 7.0 is required (PEXPIRE GT/LT, ZMSCORE) and checked once per storage before its first
 * operation — never on the steady-state path. Against real servers: this Redis 7 and every Cluster
 * master pass; the same Redis behind a proxy that rewrites its INFO version to 6.x is refused clearly;
 * a Redis whose ACL refuses INFO cannot be checked and is assumed supported.
 */
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import { CachemeError, type CachemeEvents, createCacheme, RedisStorage } from '../../src/index.js'
import { newCluster, newRedis, randomPrefix, redisUrl } from '../support/fixtures.js'
import { deleteByPrefix } from '../support/redis.js'
import { VersionProxy } from '../support/version-proxy.js'

const cleanup: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

describe('server check', () => {
  it('RedisStorage.check() passes on this Redis 7 and on every Cluster master', async () => {
    await expect(new RedisStorage(newRedis()).check()).resolves.toBeUndefined()
    await expect(new RedisStorage(newCluster()).check()).resolves.toBeUndefined()
    const cm = createCacheme({ storage: new RedisStorage(newRedis()), prefix: randomPrefix() })
    await expect(cm.ready()).resolves.toBeUndefined()
  })

  it('Redis older than 7.0: ready() rejects E_STORAGE_UNSUPPORTED, reported once; the cache is bypassed, invalidations still work', async () => {
    const proxy = new VersionProxy(redisUrl())
    await proxy.start()
    cleanup.push(() => proxy.close())
    const client = new Redis(proxy.url, { maxRetriesPerRequest: 1 })
    cleanup.push(() => client.quit())
    const prefix = randomPrefix()
    const direct = newRedis()
    cleanup.push(() => deleteByPrefix(direct, prefix))
    const cm = createCacheme({ storage: new RedisStorage(client), prefix })
    const errors: CachemeEvents['error'][] = []
    cm.on('error', (e) => errors.push(e))
    let computed = 0
    const fn = cm.cacheme({ key: () => 'Old:1', invalidKeys: () => 'User:1' })(async function old() {
      computed += 1
      return computed
    })

    const rejection = await cm.ready().catch((error: unknown) => error)
    expect(CachemeError.is(rejection, 'E_STORAGE_UNSUPPORTED')).toBe(true)
    expect((rejection as Error).message).toMatch(/version "6\.\d+\.\d+"; cacheme needs Redis ≥ 7\.0\.0/)
    expect([await fn(), await fn(), await fn()]).toEqual([1, 2, 3]) // computed every time, never cached
    expect(await cm.invalidate('User:1')).toBe(0)
    expect(cm.pendingInvalidations).toBe(0) // delivered (invalidation needs nothing newer), not queued
    expect(CachemeError.is(await cm.ready().catch((error: unknown) => error), 'E_STORAGE_UNSUPPORTED')).toBe(
      true,
    )
    expect(errors.map((e) => [e.operation, (e.error as CachemeError).code])).toEqual([
      ['check', 'E_STORAGE_UNSUPPORTED'],
    ])
    expect(await direct.exists(`${prefix}Old:1`)).toBe(0)
  })

  it('a Redis that refuses INFO (ACL) cannot be checked and is assumed supported', async () => {
    const admin = newRedis()
    const user = `cacheme-test-${randomUUID()}`
    const password = randomUUID()
    await admin.acl('SETUSER', user, 'on', `>${password}`, '~*', '&*', '+@all', '-info')
    cleanup.push(() => admin.acl('DELUSER', user))
    const client = newRedis(redisUrl(), { username: user, password })
    await expect(client.info('server')).rejects.toThrow(/NOPERM/)
    const prefix = randomPrefix()
    cleanup.push(() => deleteByPrefix(admin, prefix))
    const cm = createCacheme({ storage: new RedisStorage(client), prefix })
    await expect(cm.ready()).resolves.toBeUndefined()
    let computed = 0
    const fn = cm.cacheme({ key: () => 'Acl:1' })(async function acl() {
      computed += 1
      return computed
    })
    expect([await fn(), await fn()]).toEqual([1, 1])
  })
})
