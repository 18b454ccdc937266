/**
 * cm.invalidatePattern: dry run, progress, cancellation, bounded steps (SCAN COUNT, UNLINK chunks, set
 * drains), pattern rules, and confinement to the prefix — on a single Redis, on Cluster and in memory.
 */
import { describe, expect, it } from 'vitest'
import {
  type Cacheme,
  CachemeError,
  type CacheStorage,
  createCacheme,
  MemoryStorage,
  RedisStorage,
} from '../../src/index.js'
import { makeCacheme, newRedis, randomPrefix, storageKinds } from '../support/fixtures.js'

/** Caches `count` entries Item:<i> (invalid key Group:<i % 4>) and Other:<i> (invalid key Other). */
async function seed(cm: Cacheme, count: number, tag = 'items'): Promise<void> {
  const item = cm.wrap(async (i: number) => i, {
    key: (c) => `Item:${c.args[0]}`,
    invalidKeys: (c) => [`Group:${c.args[0] % 4}`],
    tag,
  })
  const other = cm.wrap(async (i: number) => -i, {
    key: (c) => `Other:${c.args[0]}`,
    invalidKeys: () => ['Other'],
    tag: `${tag}-other`,
  })
  for (let i = 0; i < count; i++) await Promise.all([item(i), other(i)])
}

/** Wraps a real storage and records the size of every bounded call (a spy on a real storage, not a mock). */
function recording(storage: CacheStorage) {
  const calls = { scanCounts: [] as number[], unlinks: [] as number[], drains: [] as number[] }
  const spy = new Proxy(storage, {
    get(target, property) {
      const value = Reflect.get(target, property, target)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        if (property === 'scan') calls.scanCounts.push((args[0] as { count: number }).count)
        if (property === 'deleteKeys') calls.unlinks.push((args[0] as string[]).length)
        if (property === 'drainSet') calls.drains.push(args[1] as number)
        return Reflect.apply(value, target, args)
      }
    },
  })
  return { spy, calls }
}

describe.each(storageKinds)('cm.invalidatePattern on %s storage', (kind) => {
  it('a dry run counts and samples the matches and deletes nothing; the real run then deletes them', async () => {
    const { cm, prefix } = makeCacheme(kind)
    await seed(cm, 20)
    const dry = await cm.invalidatePattern('Item:*', { dryRun: true, sampleSize: 5 })
    expect(dry).toMatchObject({ matched: 20, deleted: 0, cancelled: false })
    expect(dry.sample).toHaveLength(5)
    expect(dry.sample.every((key) => key.startsWith(`${prefix}Item:`))).toBe(true)
    expect(await cm.tags.get('items')!.keys()).toHaveLength(20)
    const real = await cm.invalidatePattern('Item:*')
    expect(real).toMatchObject({ matched: 20, deleted: 20, cancelled: false })
    expect(await cm.tags.get('items')!.keys()).toEqual([])
    expect(await cm.tags.get('items-other')!.keys()).toHaveLength(20)
  })

  it('a matched invalidation set is drained: the entries registered in it go too', async () => {
    const { cm } = makeCacheme(kind)
    await seed(cm, 8)
    const result = await cm.invalidatePattern('Group:*')
    // `deleted` counts the 4 matched sets; the 8 entries they named are counted apart.
    expect(result).toMatchObject({ matched: 4, deleted: 4, entriesRemoved: 8 })
    expect(await cm.tags.get('items')!.keys()).toEqual([])
    expect(await cm.tags.get('items-other')!.keys()).toHaveLength(8)
  })

  it('reports progress after every step and ends with the totals of the result', async () => {
    const { cm } = makeCacheme(kind)
    await seed(cm, 60)
    const seen: { matched: number; deleted: number; steps: number }[] = []
    const result = await cm.invalidatePattern('*', { scanCount: 10, onProgress: (p) => seen.push(p) })
    expect(seen.length).toBe(result.steps)
    expect(result.steps).toBeGreaterThan(1)
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.deleted).toBeGreaterThanOrEqual(seen[i - 1]!.deleted)
      expect(seen[i]!.matched).toBeGreaterThanOrEqual(seen[i - 1]!.matched)
    }
    expect(seen.at(-1)).toEqual({ matched: result.matched, deleted: result.deleted, steps: result.steps })
    expect(await cm.tags.get('items')!.keys()).toEqual([])
  })

  it('stops between steps when its signal aborts, says so, and keeps what it did not reach', async () => {
    const { cm } = makeCacheme(kind)
    await seed(cm, 100)
    const controller = new AbortController()
    const result = await cm.invalidatePattern('*', {
      scanCount: 5,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.deleted > 0) controller.abort()
      },
    })
    expect(result.cancelled).toBe(true)
    expect(result.deleted).toBeGreaterThan(0)
    const left =
      (await cm.tags.get('items')!.keys()).length + (await cm.tags.get('items-other')!.keys()).length
    expect(left).toBeGreaterThan(0)
    expect(left).toBeLessThan(200)
    const before = await cm.invalidatePattern('*', { signal: AbortSignal.abort() })
    expect(before).toMatchObject({ cancelled: true, matched: 0, deleted: 0, steps: 0 })
  })

  it('never touches keys of another prefix or cacheme meta keys (journal, counters, race guard)', async () => {
    const { cm, prefix } = makeCacheme(kind)
    // The neighbour's prefix differs from ours only in its last character, and one more with glob
    // metacharacters that an unescaped prefix would let `?` and `[a-z]` reach.
    const neighbour = createCacheme({ storage: cm.config.storage, prefix: `${prefix.slice(0, -1)};` })
    await seed(cm, 5)
    await seed(neighbour, 5)
    await cm.journal('history').append('kept')
    await cm.counters('stats').add(1, { 'h:items': 3 }, 60_000)
    for (const pattern of ['*', '../*', '\\*', '?*', '[a-z]*', '*:*']) await cm.invalidatePattern(pattern)
    expect(await cm.journal('history').list()).toEqual(['kept'])
    expect(await cm.counters('stats').read([1])).toEqual([{ 'h:items': 3 }])
    expect(await neighbour.tags.get('items')!.keys()).toHaveLength(5)
    expect(await neighbour.inspector.dependents('Other')).toMatchObject({ items: { length: 5 } })
    await neighbour.invalidatePattern('*')
  })

  it('refuses empty, over-long, unbalanced and reserved patterns before touching anything', async () => {
    const { cm } = makeCacheme(kind)
    await seed(cm, 3)
    const longest = 'x'.repeat(512)
    for (const pattern of [
      '',
      `${longest}x`,
      'Item:[0-9',
      'Item:\\',
      '#cm:*',
      undefined as unknown as string,
    ]) {
      const error = await cm.invalidatePattern(pattern).catch((e: unknown) => e)
      expect(CachemeError.is(error, 'E_INVALID_PATTERN'), String(pattern)).toBe(true)
    }
    expect((await cm.invalidatePattern(longest, { dryRun: true })).matched).toBe(0)
    expect((await cm.invalidatePattern('Item:[0-9]', { dryRun: true })).matched).toBe(3)
    expect((await cm.invalidatePattern('Item:\\*', { dryRun: true })).matched).toBe(0)
    expect(await cm.tags.get('items')!.keys()).toHaveLength(3)
    const bad = await cm.invalidatePattern('*', { scanCount: 0 }).catch((e: unknown) => e)
    expect(CachemeError.is(bad, 'E_INVALID_OPTION')).toBe(true)
  })
})

describe.each(['memory', 'redis'] as const)(
  'cm.invalidatePattern steps on %s storage are bounded',
  (kind) => {
    it('SCAN COUNT, UNLINK chunks and set drains stay within their bounds, even for a huge invalidation set', async () => {
      const inner =
        kind === 'memory' ? new MemoryStorage({ maxEntries: Infinity }) : new RedisStorage(newRedis())
      const { spy, calls } = recording(inner)
      const cm = createCacheme({ storage: spy, prefix: randomPrefix() })
      const dependent = cm.wrap(async (i: number) => i, {
        key: (c) => `Dep:${c.args[0]}`,
        invalidKeys: () => ['Hot'],
        tag: 'deps',
      })
      for (let i = 0; i < 1200; i++) await dependent(i)
      const plain = cm.wrap(async (i: number) => i, { key: (c) => `Plain:${c.args[0]}`, tag: 'plain' })
      for (let i = 0; i < 600; i++) await plain(i)
      const result = await cm.invalidatePattern('*', { scanCount: 1000 })
      // Dependents drained through Hot:invalid before the scan reached their hash are not UNLINKed again.
      expect(result.deleted).toBeGreaterThan(600)
      expect(result.deleted).toBeLessThanOrEqual(1800 + 1)
      expect(calls.scanCounts.every((count) => count === 1000)).toBe(true)
      expect(Math.max(...calls.unlinks)).toBeLessThanOrEqual(250)
      expect(calls.drains.every((count) => count <= 250)).toBe(true)
      expect(calls.drains.length).toBeGreaterThanOrEqual(5) // 1200 members, at most 250 per step
      expect(await cm.inspector.tags()).toEqual([
        { name: 'deps', registered: true, live: 0, exact: true },
        { name: 'plain', registered: true, live: 0, exact: true },
      ])
    })
  },
)
