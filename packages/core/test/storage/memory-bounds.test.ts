/** MemoryStorage-only behaviour: the maxEntries bound (LRU) and bounded invalidation sets. */
import { describe, expect, it } from 'vitest'
import { CachemeError, createCacheme, MemoryStorage } from '../../src/index.js'

function cacheOf(maxEntries: number) {
  const storage = new MemoryStorage({ maxEntries })
  const cm = createCacheme({ storage, prefix: 'm:' })
  let computed = 0
  const fn = cm.cacheme<[number], number>({ key: (c) => `Item:${c.args[0]}`, invalidKeys: () => 'Items' })(
    async function item(id: number) {
      computed += 1
      return id
    },
  )
  return { storage, cm, fn, computed: () => computed }
}

async function countKeys(storage: MemoryStorage, match: string): Promise<number> {
  let n = 0
  for await (const batch of storage.scan({ match, count: 1000 })) n += batch.length
  return n
}

describe('MemoryStorage bounds', () => {
  it('keeps at most maxEntries values, evicting the least recently used', async () => {
    const { storage, fn, computed } = cacheOf(3)
    for (const id of [1, 2, 3]) await fn(id)
    await fn(1) // 1 is now the most recently used; 2 is the oldest
    await fn(4) // evicts 2
    expect(await countKeys(storage, 'm:Item:*')).toBe(3)
    expect(storage.stats().values).toBe(3)
    const before = computed()
    await fn(1)
    await fn(3)
    await fn(4)
    expect(computed()).toBe(before) // still cached
    await fn(2)
    expect(computed()).toBe(before + 1) // was evicted
  })

  it('eviction never costs an invalidation: the remaining values are still invalidated', async () => {
    const { cm, fn, computed } = cacheOf(2)
    for (const id of [1, 2, 3]) await fn(id)
    expect(await cm.invalidate('Items')).toBe(2)
    const before = computed()
    await fn(3)
    expect(computed()).toBe(before + 1)
  })

  it('an invalidation set stays proportional to its live members under churn', async () => {
    const { storage, fn } = cacheOf(50)
    for (let id = 0; id < 2000; id += 1) await fn(id)
    const stats = storage.stats()
    expect(stats.values).toBe(50)
    // Two sets (Items:invalid and the tag set), each pruned whenever it doubles: at most ~2x live + slack.
    expect(stats.setMembers).toBeLessThanOrEqual(2 * (2 * 50 + 32))
    expect((await storage.liveMembers('m:Items:invalid')).length).toBe(50)
  })

  it('rejects a maxEntries that is not a positive number', () => {
    let caught: unknown
    try {
      new MemoryStorage({ maxEntries: 0 })
    } catch (error) {
      caught = error
    }
    expect(CachemeError.is(caught, 'E_INVALID_OPTION')).toBe(true)
  })
})
