/**
 * A sequence that goes backwards — what a restart from an older RDB or a failover to a lagging replica
 * looks like from a client — is detected and treated like lost meta keys, only stronger (issue 9): the
 * value that came with it is not served, one `error` event says so, the sequence restarts above every
 * one seen and everything under the prefix is invalidated. The rollback is staged with a raw client on
 * the real test Redis (the restart itself is in packages/reliability: `repro snapshot-rollback`).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { type CachemeEvents, createCacheme, RedisStorage } from '../../src/index.js'
import { newRedis, randomPrefix, sleep } from '../support/fixtures.js'

const clients: ReturnType<typeof newRedis>[] = []
afterEach(() => {
  for (const client of clients.splice(0)) client.disconnect()
})

describe('sequence rollback', () => {
  it('a lower sequence than one seen is detected: the old value is not served, everything is invalidated once', async () => {
    const redis = newRedis()
    clients.push(redis)
    const prefix = randomPrefix()
    const cm = createCacheme({ storage: new RedisStorage(redis), prefix })
    const errors: CachemeEvents['error'][] = []
    cm.on('error', (e) => errors.push(e))
    let version = 1
    const fn = cm.cacheme({ key: () => 'Profile:1', invalidKeys: () => ['User:1'], tag: 'profile' })(
      async () => version,
    )
    const other = cm.cacheme({ key: () => 'Other:1', tag: 'other' })(async () => 'other')
    await cm.invalidate('Warm:up')
    expect(await fn()).toBe(1)
    const old = await redis.hget(`${prefix}Profile:1`, 'base')
    const seqBefore = Number(await redis.get(cm.config.meta.seq))
    version = 2
    await cm.invalidate('User:1') // acknowledged: this instance has seen seqBefore + 1
    expect(await fn()).toBe(2)
    await other()
    // The "restart from the older snapshot": the old value and the old sequence come back together.
    await redis.hset(`${prefix}Profile:1`, 'base', old!)
    await redis.set(cm.config.meta.seq, String(seqBefore))
    await sleep(5) // the remembered sequence is older than its 1 ms: the next read brings the sequence
    expect(await fn()).toBe(2)
    expect(errors.map((e) => e.operation)).toEqual(['rollback'])
    expect(errors[0]!.error).toMatchObject({ code: 'E_STORAGE_DATA' })
    expect(await cm.flushPendingInvalidations()).toBe(true)
    expect(Number(await redis.get(cm.config.meta.seq))).toBeGreaterThan(seqBefore + 1)
    expect(await redis.exists(`${prefix}Other:1`)).toBe(0) // everything under the prefix invalidated
    expect(await fn()).toBe(2)
    expect(await fn()).toBe(2)
    expect(errors).toHaveLength(1)
  })
})
