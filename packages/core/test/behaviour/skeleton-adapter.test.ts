/**
 * The worked skeleton of docs/writing-an-adapter.md (test/fixtures/skeleton-adapter.ts), attached to a
 * real cacheme on Redis: the kit alone gives an adapter after-commit delivery, savepoints, relation keys,
 * the option check and the declared-models warning.
 */
import { describe, expect, it, vi } from 'vitest'
import { CachemeError } from '../../src/index.js'
import { ToyOrm, ToyTransaction, toyAdapter } from '../fixtures/skeleton-adapter.js'
import { makeCacheme } from '../support/fixtures.js'

function setup() {
  const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() }
  const { cm } = makeCacheme('redis', { logger })
  const orm = new ToyOrm()
  const counts = new Map<string, number>()
  const probe = (key: string, invalidKey: string) =>
    cm.cacheme({ tag: key, key: () => key, invalidKeys: () => invalidKey })(async function probe() {
      counts.set(key, (counts.get(key) ?? 0) + 1)
      return counts.get(key)
    })
  return { cm, orm, probe, logger }
}

describe('the skeleton adapter', () => {
  it('outside a transaction the write resolves after its keys are invalidated', async () => {
    const { cm, orm, probe } = setup()
    await cm.attach(toyAdapter(orm))
    const book = probe('Book:1>title', 'Book:1')
    await book()

    await orm.emit({ kind: 'row', model: 'Book', row: { id: 1 }, cause: 'update' })

    expect(await book()).toBe(2)
  })

  it('inside a transaction nothing moves before COMMIT; a rolled-back savepoint drops only its changes', async () => {
    const { cm, orm, probe } = setup()
    await cm.attach(toyAdapter(orm))
    const one = probe('Book:1>title', 'Book:1')
    const two = probe('Book:2>title', 'Book:2')
    await one()
    await two()
    const tx = new ToyTransaction()
    const savepoint = new ToyTransaction(tx)

    await orm.emit({ kind: 'row', model: 'Book', row: { id: 1 }, cause: 'update', tx })
    await orm.emit({ kind: 'row', model: 'Book', row: { id: 2 }, cause: 'update', tx: savepoint })
    savepoint.rollback()
    expect(await one()).toBe(1)

    await tx.commit()

    expect(await one()).toBe(2)
    expect(await two()).toBe(1)
  })

  it("a link change invalidates both sides and the relation's own keys", async () => {
    const { cm, orm, probe } = setup()
    await cm.attach(toyAdapter(orm))
    const users = probe('Book:1>users', 'Book:1:users')
    const books = probe('User:7>books', 'User:7:books')
    const relation = probe('Links>Book.users', 'Book.users')
    await Promise.all([users(), books(), relation()])

    await orm.emit({ kind: 'link', relation: 'Book.users', ownerId: 1, inverseId: 7 })

    expect([await users(), await books(), await relation()]).toEqual([2, 2, 2])
  })

  it('bad options fail the factory; unknown declared models are warned with the real names', async () => {
    const { cm, orm, logger } = setup()
    expect(() => toyAdapter(orm, { delivery: 'soon' as never })).toThrow(CachemeError)
    cm.cacheme({ key: () => 'k', tag: 'declared', invalidModels: ['Bok'] })(async () => 1)

    await cm.attach(toyAdapter(orm))

    expect(logger.warn).toHaveBeenCalledWith(
      expect.objectContaining({ model: 'Bok', suggestions: ['Book', 'User'] }),
      expect.stringContaining("did you mean 'Book'?"),
    )
  })
})
