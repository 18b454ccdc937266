/**
 * Shared invalidation and tag sets are pruned on write on a single Redis (write.lua): each write checks
 * a few random members of every set it joins and removes those whose entry is gone, so a set shared by
 * churning entries levels off instead of keeping one member per write ever made (issue 9; the soak in
 * packages/reliability shows it over minutes). Real Redis; raw SCARD on the sets.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createCacheme, RedisStorage } from '../../src/index.js'
import { newRedis, randomPrefix, sleep } from '../support/fixtures.js'

const clients: ReturnType<typeof newRedis>[] = []
afterEach(() => {
  for (const client of clients.splice(0)) client.disconnect()
})

function setup() {
  const redis = newRedis()
  clients.push(redis)
  const prefix = randomPrefix()
  const cm = createCacheme({ storage: new RedisStorage(redis), prefix })
  return { redis, prefix, cm }
}

describe('set pruning on write (single Redis)', () => {
  it('a write removes the dead member of a small set it joins (the sample covers the whole set)', async () => {
    const { redis, prefix, cm } = setup()
    const set = `${prefix}All:invalid`
    await redis.sadd(set, `${prefix}Gone:2>field`) // an entry that no longer exists
    const fn = cm.cacheme({ key: () => 'Live:1', invalidKeys: () => ['All'], tag: 'live' })(async () => 1)
    await fn()
    expect(await redis.smembers(set)).toEqual([`${prefix}Live:1`])
  })

  it('a set shared with one entry without timeout levels off under churn instead of keeping every member', async () => {
    const { redis, prefix, cm } = setup()
    const keep = cm.cacheme({ key: () => 'Keep:1', invalidKeys: () => ['All'], tag: 'churn' })(async () => 0)
    await keep() // no timeout: the set is persistent from now on
    const churn = cm.cacheme<[number], number>({
      key: (c) => `Churn:${c.args[0]}`,
      invalidKeys: () => ['All'],
      tag: 'churn',
      timeout: 0.2,
    })(async (n) => n)
    const live = cm.cacheme<[number], number>({
      key: (c) => `Live:${c.args[0]}`,
      invalidKeys: () => ['All'],
      tag: 'churn',
    })(async (n) => n)
    for (let i = 0; i < 300; i += 1) await churn(i)
    await sleep(300) // every churned entry has expired: 300 dead members
    for (let i = 0; i < 300; i += 1) await live(i)
    // 601 members were added, 301 are live. Each write samples 2 members: the dead ones are sampled
    // away (about 30 are left in a typical run, under 60 in 5,000 simulated ones); without pruning all
    // 300 would stay.
    const members = await redis.scard(`${prefix}All:invalid`)
    expect(members).toBeGreaterThanOrEqual(301)
    expect(members).toBeLessThan(451)
    expect(await redis.scard(`${prefix}#cm:tag:churn`)).toBeLessThan(451)
  })
})
