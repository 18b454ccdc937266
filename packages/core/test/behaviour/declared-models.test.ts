/**
 * `invalidModels` / `invalidM2mModels` (decision 0007): each listed model's model-level key (`'Book'` for
 * `'Book'` or the class `Book`) and each listed many-to-many relation (`'Book.users'`) becomes an invalid
 * key of every entry the function writes. Adapters invalidate a model's key on any change of its rows and
 * a relation's key on any change of its junction rows, so the entry goes whenever one of them changes.
 */
import { describe, expect, it } from 'vitest'
import { entityKeys } from '../../src/adapter/index.js'
import { CachemeError } from '../../src/index.js'
import { makeCacheme, storageKinds } from '../support/fixtures.js'
import { attachProbe } from '../support/probe-adapter.js'

class Book {}

describe.each(storageKinds)('declared models on %s storage', (kind) => {
  it('an entry of a function listing invalidModels is removed by any change of a listed model, and only then', async () => {
    const { cm } = makeCacheme(kind)
    const context = await attachProbe(cm)
    let n = 0
    const count = cm.cacheme({ key: () => 'Books:count', invalidModels: [Book, 'Shelf'] })(
      async function count() {
        return ++n
      },
    )
    expect(await count()).toBe(1)
    await cm.invalidate('User:1')
    expect(await count()).toBe(1) // another model changed: still cached
    // What an adapter delivers when book 7 is saved: its own key and the model-level key.
    await context.invalidate(entityKeys({}, 'Book', { id: 7 }, 7), { kind: 'probe:update' })
    expect(await count()).toBe(2)
    expect(await cm.invalidate('Shelf')).toBe(1) // the other listed model, by its model-level key
    expect(await count()).toBe(3)
    expect(await cm.invalidateModel(Book)).toBe(1) // raw SQL on books: the model-wide invalidation
    expect(await count()).toBe(4)
  })

  it("invalidM2mModels: the relation key ('Book.users') removes the entry; its own invalidKeys still apply", async () => {
    const { cm } = makeCacheme(kind)
    let n = 0
    const readers = cm.cacheme<[number], number>({
      key: (c) => `Book:${c.args[0]}>readers`,
      invalidKeys: (c) => `Book:${c.args[0]}`,
      invalidM2mModels: ['Book.users'],
    })(async function readers(_id: number) {
      return ++n
    })
    expect(await readers(1)).toBe(1)
    expect(await cm.invalidate('Book.users')).toBe(1) // a junction row of Book.users changed
    expect(await readers(1)).toBe(2)
    expect(await cm.invalidate('Book:1')).toBe(1)
    expect(await readers(1)).toBe(3)
    expect(await cm.invalidate('User.books')).toBe(0) // not listed
    expect(await readers(1)).toBe(3)
  })
})

describe('declared models are validated when decorating (a typo fails at startup)', () => {
  it.each([
    ['invalidModels', ['']],
    ['invalidModels', [{ name: '' }]],
    ['invalidModels', ['#cm:Book']],
    ['invalidM2mModels', ['#cm:Book.users']],
  ])('%s %j is E_INVALID_OPTION', (option, models) => {
    const { cm } = makeCacheme('memory')
    let caught: unknown
    try {
      cm.cacheme({ key: () => 'k', [option]: models })(async function declared() {})
    } catch (error) {
      caught = error
    }
    expect(CachemeError.is(caught, 'E_INVALID_OPTION')).toBe(true)
    expect((caught as Error).message).toContain('→')
  })
})
