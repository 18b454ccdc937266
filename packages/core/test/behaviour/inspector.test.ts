/**
 * cm.inspector — tags with live counts, a tag's entries, an invalid key's dependents, the prefix browse,
 * one entry's details and registrations — on a single Redis, on Cluster and on MemoryStorage.
 */
import { describe, expect, it } from 'vitest'
import { type Cacheme, CachemeError, createCacheme, MemoryStorage } from '../../src/index.js'
import { makeCacheme, storageKinds } from '../support/fixtures.js'

/** Caches Book:<id>>owner (invalid key User:<owner>) and Book:<id> (invalid keys Book:<id>, Shelf:1). */
async function seed(cm: Cacheme, books: number): Promise<void> {
  const owner = cm.wrap(async (id: number) => ({ owner: `user ${id % 3}` }), {
    key: (c) => `Book:${c.args[0]}>owner`,
    invalidKeys: (c) => [`User:${c.args[0] % 3}`],
    tag: 'owners',
    timeout: 600,
  })
  const book = cm.wrap(async (id: number) => ({ id, title: `Book ${id}`, at: new Date(0) }), {
    key: (c) => `Book:${c.args[0]}`,
    invalidKeys: (c) => [`Book:${c.args[0]}`, 'Shelf:1'],
    tag: 'books',
  })
  for (let id = 0; id < books; id++) {
    await owner(id)
    await book(id)
  }
}

async function drain<T>(page: (cursor: string) => Promise<{ cursor: string; items: readonly T[] }>) {
  const items: T[] = []
  let cursor = '0'
  let pages = 0
  do {
    const next = await page(cursor)
    items.push(...next.items)
    cursor = next.cursor
    pages++
  } while (cursor !== '0' && pages < 1000)
  return { items, pages }
}

describe.each(storageKinds)('cm.inspector on %s storage', (kind) => {
  it('tags() lists registered tags with their live entry counts, and tags only found in the storage', async () => {
    const { cm, prefix } = makeCacheme(kind)
    await seed(cm, 12)
    const other = createCacheme({ storage: cm.config.storage, prefix })
    cm.wrap(async () => 1, { key: () => 'Empty', tag: 'never-called' })
    expect(await cm.inspector.tags()).toEqual([
      { name: 'books', registered: true, live: 12, exact: true },
      { name: 'never-called', registered: true, live: 0, exact: true },
      { name: 'owners', registered: true, live: 12, exact: true },
    ])
    // Another process (no registrations) sees the same tags through the storage.
    const seen = await other.inspector.tags({ countLimit: 5 })
    expect(seen.map((tag) => [tag.name, tag.registered])).toEqual([
      ['books', false],
      ['owners', false],
    ])
    // Counting may stop at the limit (then it says so), or finish a page that holds everything.
    for (const tag of seen) expect(tag.exact ? tag.live === 12 : tag.live >= 5).toBe(true)
    await cm.invalidate('User:1')
    expect((await cm.inspector.tags()).find((tag) => tag.name === 'owners')?.live).toBe(8)
  })

  it('tagKeys() pages through the live entries of a tag with their size and TTL', async () => {
    const { cm, prefix } = makeCacheme(kind)
    await seed(cm, 30)
    const { items, pages } = await drain((cursor) => cm.inspector.tagKeys('owners', { cursor, count: 7 }))
    const keys = [...new Set(items.map((item) => item.key))].sort()
    expect(keys).toEqual(Array.from({ length: 30 }, (_, id) => `Book:${id}>owner`).sort())
    expect(pages).toBeGreaterThan(1)
    const first = items[0]!
    expect(first.fullKey).toBe(prefix + first.key)
    expect(first.bytes).toBeGreaterThan(0)
    expect(first.ttlMs).toBeGreaterThan(500_000)
    // Book:<id> shares its hash with Book:<id>>owner, so it has the hash's TTL too (seed semantics).
    const books = await drain((cursor) => cm.inspector.tagKeys('books', { cursor }))
    expect(books.items.every((item) => (item.ttlMs ?? 0) > 500_000)).toBe(true)
  })

  it('dependents() lists what invalidating an invalid key would remove, and only the live ones', async () => {
    const { cm } = makeCacheme(kind)
    await seed(cm, 9)
    const { items } = await drain((cursor) => cm.inspector.dependents('User:2', { cursor }))
    expect(items.map((item) => item.key).sort()).toEqual(['Book:2>owner', 'Book:5>owner', 'Book:8>owner'])
    await cm.invalidate('Book:5') // removes Book:5 only; Book:5>owner stays
    const shelf = await drain((cursor) => cm.inspector.dependents('Shelf:1', { cursor }))
    expect(shelf.items).toHaveLength(8)
    expect(await cm.inspector.dependents('Nobody:1')).toEqual({ cursor: '0', items: [] })
    const error = await cm.inspector.dependents('#cm:tag:x').catch((e: unknown) => e)
    expect(CachemeError.is(error, 'E_INVALID_KEY')).toBe(true)
  })

  it('browse() pages through the keys under the prefix by pattern, never meta keys or other prefixes', async () => {
    const { cm } = makeCacheme(kind)
    const neighbour = makeCacheme(kind)
    await seed(cm, 10)
    await seed(neighbour.cm, 3)
    await cm.invalidate('Nothing') // creates the race guard's meta keys
    await cm.journal('test').append('a record')
    const all = await drain((cursor) => cm.inspector.browse({ cursor, count: 4 }))
    const names = [...new Set(all.items.map((item) => item.name))]
    // 10 hashes, 10 Book:<id> sets, 3 User:<n> sets, Shelf:1 — and no meta key.
    expect(names).toHaveLength(24)
    expect(names.some((name) => name.startsWith('#cm:'))).toBe(false)
    const book = all.items.find((item) => item.name === 'Book:3')!
    expect(book).toMatchObject({ kind: 'values', type: 'hash', size: 2 })
    const set = all.items.find((item) => item.name === 'Shelf:1:invalid')!
    expect(set).toMatchObject({ kind: 'invalidation-set', type: 'set', size: 10 })
    const users = await drain((cursor) => cm.inspector.browse({ pattern: 'User:*', cursor }))
    expect(users.items.map((item) => item.name).sort()).toEqual([
      'User:0:invalid',
      'User:1:invalid',
      'User:2:invalid',
    ])
  })

  it('browse() refuses patterns that are empty, over-long, unbalanced or reserved, and unknown cursors', async () => {
    const { cm } = makeCacheme(kind)
    for (const pattern of ['', 'x'.repeat(600), 'Book:[12', 'Book:\\', '#cm:*']) {
      const error = await cm.inspector.browse({ pattern }).catch((e: unknown) => e)
      expect(CachemeError.is(error, 'E_INVALID_PATTERN'), pattern).toBe(true)
    }
    const error = await cm.inspector.browse({ cursor: 'nope' }).catch((e: unknown) => e)
    expect(CachemeError.is(error, 'E_INVALID_OPTION')).toBe(true)
  })

  it('entry() shows the payload, the decoded value, the TTL and the sibling fields of the hash', async () => {
    const { cm, prefix } = makeCacheme(kind)
    await seed(cm, 2)
    const extra = cm.wrap(async () => 'x'.repeat(5000), { key: () => 'Book:1>blurb', tag: 'blurbs' })
    await extra()
    const details = await cm.inspector.entry('Book:1>owner')
    expect(details).toMatchObject({
      key: 'Book:1>owner',
      fullKey: `${prefix}Book:1>owner`,
      hash: `${prefix}Book:1`,
      field: 'owner',
      exists: true,
      truncated: false,
      value: { status: 'decoded', value: { owner: 'user 1' } },
    })
    expect(details.payload.startsWith('cm2:')).toBe(true) // the default serializer's JSON fast path
    expect(details.bytes).toBe(Buffer.byteLength(details.payload))
    expect(details.ttlMs).toBeGreaterThan(500_000)
    expect(details.fields.map((f) => f.field)).toEqual(['base', 'blurb', 'owner'])
    expect(details.moreFields).toBe(false)
    const book = await cm.inspector.entry('Book:1')
    expect(book.value).toEqual({ status: 'decoded', value: { id: 1, title: 'Book 1', at: new Date(0) } })
    const capped = await cm.inspector.entry('Book:1>blurb', { maxBytes: 100 })
    expect(capped).toMatchObject({ exists: true, truncated: true, value: { status: 'too-large' } })
    expect(capped.payload).toHaveLength(100)
    expect(capped.bytes).toBeGreaterThan(5000)
    const missing = await cm.inspector.entry('Book:1>nothing')
    expect(missing).toMatchObject({ exists: false, value: { status: 'missing' }, payload: '' })
    expect(missing.fields).toHaveLength(3)
    const error = await cm.inspector.entry('A>b>c').catch((e: unknown) => e)
    expect(CachemeError.is(error, 'E_INVALID_KEY')).toBe(true)
  })

  it('registrations() finds every invalid key and tag an entry is registered under', async () => {
    const { cm } = makeCacheme(kind)
    await seed(cm, 5)
    expect(await cm.inspector.registrations('Book:4')).toEqual({
      invalidKeys: ['Book:4', 'Shelf:1'],
      tags: ['books'],
      complete: true,
    })
    expect(await cm.inspector.registrations('Book:4>owner')).toEqual({
      invalidKeys: ['User:1'],
      tags: ['owners'],
      complete: true,
    })
    const aborted = await cm.inspector.registrations('Book:4', { signal: AbortSignal.abort() })
    expect(aborted).toEqual({ invalidKeys: [], tags: [], complete: false })
  })
})

describe('cm.inspector on an undecodable payload', () => {
  it('reports the decoding error instead of throwing (a payload from another serializer)', async () => {
    const storage = new MemoryStorage()
    const writer = createCacheme({ storage, prefix: 'insp:' })
    await writer.wrap(async () => 'plain', { key: () => 'K', tag: 'k' })()
    const reader = createCacheme({
      storage,
      prefix: 'insp:',
      serializer: {
        serialize: String,
        deserialize: () => {
          throw new Error('not mine')
        },
      },
    })
    expect((await reader.inspector.entry('K')).value).toEqual({ status: 'undecodable', error: 'not mine' })
  })
})
