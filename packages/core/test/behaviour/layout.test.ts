/** The exact Redis layout of docs/architecture.md ("Redis layout"), asserted on raw Redis state. */
import { describe, expect, it } from 'vitest'
import { CachemeError } from '../../src/index.js'
import { makeCacheme, newRedis, sleep } from '../support/fixtures.js'

describe('Redis layout', () => {
  it('README example: Book:100>owner is field owner of hash CM:Book:100, registered in CM:User:200:invalid', async () => {
    const { cm, prefix, redis } = makeCacheme('redis')
    const book = { id: 100, owner: { id: 200, name: 'Ann' } }
    const getOwner = cm.cacheme<[typeof book], { name: string }>({
      key: (c) => `Book:${c.args[0].id}>owner`,
      invalidKeys: (c) => [`User:${c.args[0].owner.id}`],
    })(async function getOwner(b: typeof book) {
      return { name: b.owner.name }
    })
    await getOwner(book)
    expect(await redis!.type(`${prefix}Book:100`)).toBe('hash')
    expect(await redis!.hkeys(`${prefix}Book:100`)).toEqual(['owner'])
    expect(await redis!.type(`${prefix}User:200:invalid`)).toBe('set')
    expect(await redis!.smembers(`${prefix}User:200:invalid`)).toEqual([`${prefix}Book:100>owner`])
    expect(await redis!.smembers(`${prefix}#cm:tag:getOwner`)).toEqual([`${prefix}Book:100>owner`])
    // Saving book 100 invalidates CM:Book:100:invalid (nothing registered there), saving user 200 removes it.
    expect(await cm.invalidate('Book:100')).toBe(0)
    expect(await cm.invalidate('User:200')).toBe(1)
    expect(await redis!.exists(`${prefix}Book:100`, `${prefix}User:200:invalid`)).toBe(0)
  })

  it('a key without > is stored in field base; sibling fields of one hash are independent entries', async () => {
    const { cm, prefix, redis } = makeCacheme('redis')
    const base = cm.cacheme({ key: () => 'User:1', invalidKeys: () => 'A' })(async function base() {
      return 'b'
    })
    const friends = cm.cacheme({ key: () => 'User:1>friends', invalidKeys: () => 'B' })(
      async function friends() {
        return 'f'
      },
    )
    await base()
    await friends()
    expect((await redis!.hkeys(`${prefix}User:1`)).sort()).toEqual(['base', 'friends'])
    await cm.invalidate('B')
    expect(await redis!.hkeys(`${prefix}User:1`)).toEqual(['base'])
  })

  it('timeout is the TTL of the main hash and sibling fields share it', async () => {
    const { cm, prefix, redis } = makeCacheme('redis')
    const a = cm.cacheme({ key: () => 'Users:1>a', timeout: 0.5 })(async function a() {
      return 1
    })
    const b = cm.cacheme({ key: () => 'Users:1>b', timeout: 0.5 })(async function b() {
      return 2
    })
    await a()
    await b()
    const ttl = await redis!.pttl(`${prefix}Users:1`)
    expect(ttl).toBeGreaterThan(0)
    expect(ttl).toBeLessThanOrEqual(500)
    await sleep(650)
    expect(await redis!.exists(`${prefix}Users:1`)).toBe(0)
  })

  it('invalidation sets and the tag set live at least as long as their entries', async () => {
    const { cm, prefix, redis } = makeCacheme('redis')
    const fn = cm.cacheme({ key: () => 'Ttl:1', invalidKeys: () => 'Dep:1', timeout: 30, tag: 'ttl' })(
      async function fn() {
        return 1
      },
    )
    await fn()
    // One MULTI so the three TTLs are read at the same instant.
    const replies = await redis!
      .multi()
      .pttl(`${prefix}Ttl:1`)
      .pttl(`${prefix}Dep:1:invalid`)
      .pttl(`${prefix}#cm:tag:ttl`)
      .exec()
    const [entry, invalidSet, tagSet] = replies!.map(([, ttl]) => ttl as number)
    expect(entry).toBeGreaterThan(29_000)
    expect(invalidSet).toBeGreaterThanOrEqual(entry!)
    expect(tagSet).toBeGreaterThanOrEqual(entry!)
  })

  it('more than one > is E_INVALID_KEY (the seed silently collides A>b>c and A>b>d)', async () => {
    const { cm } = makeCacheme('redis')
    const fn = cm.cacheme({ key: () => 'A>b>c' })(async function twoArrows() {
      return 1
    })
    const error = await fn().catch((e: unknown) => e)
    expect(CachemeError.is(error, 'E_INVALID_KEY')).toBe(true)
    expect((error as Error).message).toContain('"A>b>c"')
  })

  it('the write has completed when the call resolves: another client sees the entry at once', async () => {
    const { cm, prefix } = makeCacheme('redis')
    const other = newRedis()
    const fn = cm.cacheme({ key: () => 'Visible:1' })(async function visible() {
      return 'x'
    })
    await fn()
    expect(await other.hexists(`${prefix}Visible:1`, 'base')).toBe(1)
  })
})
