/**
 * Keys that rendered a missing value or an object: `[object Object]` is E_INVALID_KEY (every object would
 * share the key); `undefined` / `null` / `NaN` as a word is a warning once per tag (it may be real data).
 */
import { describe, expect, it } from 'vitest'
import { CachemeError, type CachemeEvents, silentLogger } from '../../src/index.js'
import { makeCacheme, storageKinds } from '../support/fixtures.js'

interface Book {
  id?: number
  owner?: { id: number }
}

describe.each(storageKinds)('keys that rendered a non-value, on %s storage', (kind) => {
  it('a key containing [object Object] rejects with E_INVALID_KEY naming the tag and the fix', async () => {
    const { cm } = makeCacheme(kind, { logger: silentLogger })
    let computed = 0
    const getOwner = cm.wrap(
      async (book: Book) => {
        computed += 1
        return book.owner
      },
      // The bug: the object itself interpolated instead of its id.
      { key: (c) => `Book:${c.args[0].owner as unknown as string}>owner`, tag: 'getOwner' },
    )
    const error = await getOwner({ id: 1, owner: { id: 2 } }).catch((e: unknown) => e)
    expect(CachemeError.is(error, 'E_INVALID_KEY')).toBe(true)
    expect((error as Error).message).toContain('"[object Object]"')
    expect((error as Error).message).toContain('"getOwner"')
    expect((error as Error).message).toContain('→ interpolate one of its fields')
    expect(computed).toBe(0)
  })

  it('Book:undefined is cached but warned once per tag (logger + warning event)', async () => {
    const { cm } = makeCacheme(kind, { logger: silentLogger })
    const warnings: CachemeEvents['warning'][] = []
    cm.on('warning', (w) => warnings.push(w))
    const getTitle = cm.wrap(async (book: Book) => `title of ${book.id}`, {
      key: (c) => `Book:${c.args[0].id}>title`,
      tag: 'getTitle',
    })
    expect(await getTitle({})).toBe('title of undefined')
    await getTitle({})
    await getTitle({ id: 3 })
    expect(warnings.map((w) => [w.code, w.tag, w.key])).toEqual([
      ['W_SUSPICIOUS_KEY', 'getTitle', 'Book:undefined>title'],
    ])
    expect(warnings[0]!.message).toContain('"undefined"')
  })

  it('an invalid key rendering an object leaves the value uncached (E_INVALID_KEY); one rendering null warns', async () => {
    const { cm } = makeCacheme(kind, { logger: silentLogger })
    const errors: CachemeEvents['error'][] = []
    const warnings: CachemeEvents['warning'][] = []
    const misses: CachemeEvents['miss'][] = []
    cm.on('error', (e) => errors.push(e))
    cm.on('warning', (w) => warnings.push(w))
    cm.on('miss', (m) => misses.push(m))
    const objectDep = cm.wrap(async (book: Book) => book.id, {
      key: (c) => `Book:${c.args[0].id}>a`,
      tag: 'objectDep',
      invalidKeys: (c) => [`User:${c.args[0].owner as unknown as string}`],
    })
    const nullDep = cm.wrap(async (book: Book) => book.id, {
      key: (c) => `Book:${c.args[0].id}>b`,
      tag: 'nullDep',
      invalidKeys: (c) => [`User:${c.args[0].owner?.id ?? null}`],
    })
    await objectDep({ id: 1, owner: { id: 2 } })
    await nullDep({ id: 1 })
    expect(misses.map((m) => [m.tag, m.stored, m.reason])).toEqual([
      ['objectDep', false, 'invalid-keys'],
      ['nullDep', true, undefined],
    ])
    expect(CachemeError.is(errors[0]?.error, 'E_INVALID_KEY')).toBe(true)
    expect(warnings.map((w) => [w.code, w.key])).toEqual([['W_SUSPICIOUS_KEY', 'User:null']])
  })

  it('words that merely contain null or undefined (nullable, NaNa) are not warned about', async () => {
    const { cm } = makeCacheme(kind, { logger: silentLogger })
    const warnings: CachemeEvents['warning'][] = []
    cm.on('warning', (w) => warnings.push(w))
    await cm.wrap(async () => 1, {
      key: () => 'Field:nullable>NaNa',
      tag: 't',
      invalidKeys: () => ['undefinedness'],
    })()
    expect(warnings).toEqual([])
  })
})
