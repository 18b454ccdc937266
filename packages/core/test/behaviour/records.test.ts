/**
 * cm.journal / cm.counters (meta records an admin keeps next to the cache) and cm.invalidateTag, on a
 * single Redis, on Cluster and in memory.
 */
import { describe, expect, it } from 'vitest'
import { CachemeError, createCacheme } from '../../src/index.js'
import { makeCacheme, storageKinds } from '../support/fixtures.js'

const codeOf = async (run: () => unknown): Promise<string | undefined> => {
  try {
    await run()
    return undefined
  } catch (error) {
    return CachemeError.is(error) ? error.code : String(error)
  }
}

describe.each(storageKinds)('meta records on %s storage', (kind) => {
  it('a journal keeps its newest maxEntries records, newest first, shared by every instance on the prefix', async () => {
    const { cm, prefix } = makeCacheme(kind)
    const journal = cm.journal('history', { maxEntries: 3 })
    for (const record of ['a', 'b', 'c', 'd']) await journal.append(record)
    const other = createCacheme({ storage: cm.config.storage, prefix })
    expect(await other.journal('history').list()).toEqual(['d', 'c', 'b'])
    expect(await journal.list({ offset: 1, limit: 1 })).toEqual(['c'])
    expect(await cm.journal('other').list()).toEqual([])
  })

  it('counters add up across instances per bucket and read back as numbers', async () => {
    const { cm, prefix } = makeCacheme(kind)
    const other = createCacheme({ storage: cm.config.storage, prefix })
    await cm.counters('stats').add(100, { 'h:books': 2, 'm:books': 1 }, 60_000)
    await other.counters('stats').add(100, { 'h:books': 3 }, 60_000)
    await other.counters('stats').add('101', { 'm:users': 4 }, 60_000)
    expect(await cm.counters('stats').read([99, 100, '101'])).toEqual([
      {},
      { 'h:books': 5, 'm:books': 1 },
      { 'm:users': 4 },
    ])
  })

  it('refuses bad names, buckets, records and sizes with E_INVALID_OPTION', async () => {
    const { cm } = makeCacheme(kind)
    for (const name of ['', 'a:b', 'x'.repeat(65), '-lead', 'sp ace']) {
      expect(await codeOf(() => cm.journal(name)), name).toBe('E_INVALID_OPTION')
      expect(await codeOf(() => cm.counters(name)), name).toBe('E_INVALID_OPTION')
    }
    expect(await codeOf(() => cm.journal('j', { maxEntries: 0 }))).toBe('E_INVALID_OPTION')
    expect(await codeOf(() => cm.journal('j').append('x'.repeat(70_000)))).toBe('E_INVALID_OPTION')
    expect(await codeOf(() => cm.journal('j').list({ limit: 0 }))).toBe('E_INVALID_OPTION')
    expect(await codeOf(() => cm.counters('c').add('a:b', { x: 1 }, 1000))).toBe('E_INVALID_OPTION')
    expect(await codeOf(() => cm.counters('c').add(1, { x: 0.5 }, 1000))).toBe('E_INVALID_OPTION')
  })
})

describe.each(storageKinds)('cm.invalidateTag on %s storage', (kind) => {
  it('removes the entries of a tag another instance registered, and refuses an empty name', async () => {
    const { cm, prefix } = makeCacheme(kind)
    const fn = cm.wrap(async (id: number) => id, { key: (c) => `T:${c.args[0]}`, tag: 'theirs' })
    await Promise.all([fn(1), fn(2)])
    const admin = createCacheme({ storage: cm.config.storage, prefix })
    expect(admin.tags.has('theirs')).toBe(false)
    expect(await admin.invalidateTag('theirs')).toBe(2)
    expect(await cm.tags.get('theirs')!.keys()).toEqual([])
    expect(await admin.invalidateTag('nothing-here')).toBe(0)
    expect(await codeOf(() => admin.invalidateTag(''))).toBe('E_UNKNOWN_TAG')
  })
})
