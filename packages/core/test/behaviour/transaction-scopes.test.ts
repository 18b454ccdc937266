/**
 * TransactionScopes against a real cacheme on Redis: what a committed transaction invalidated is gone
 * from Redis when `commit()` resolves (read-your-writes across processes), nothing moves before it or on
 * rollback, and under `delivery: 'background'` reads in this process still wait for the delivery.
 */
import { describe, expect, it } from 'vitest'
import { TransactionScopes } from '../../src/adapter/index.js'
import type { Cacheme } from '../../src/index.js'
import { makeCacheme } from '../support/fixtures.js'
import { attachProbe } from '../support/probe-adapter.js'

function counter(cm: Cacheme, key: string, invalidKey: string) {
  let computed = 0
  const fn = cm.cacheme({ tag: key, key: () => key, invalidKeys: () => invalidKey })(async function probe() {
    computed += 1
    return computed
  })
  return Object.assign(fn, { computed: () => computed })
}

describe('TransactionScopes on Redis', () => {
  it('entries survive until the outermost commit and are gone from Redis when commit() resolves', async () => {
    const { cm, prefix, redis } = makeCacheme('redis')
    const scopes = new TransactionScopes<object>(await attachProbe(cm), { adapter: 'probe' })
    const book = counter(cm, 'Book:1>detail', 'Book:1')
    const users = counter(cm, 'Book:1>users', 'Book.users')
    await book()
    await users()
    const connection = {}

    scopes.begin(connection)
    scopes.changes(connection).addKeys(['Book', 'Book:1'], 'update')
    scopes.begin(connection)
    scopes.changes(connection).addKeys(['Book:1:users', 'Book.users'], 'm2m')
    await scopes.commit(connection) // savepoint released
    expect(await redis!.hexists(`${prefix}Book:1`, 'detail')).toBe(1)
    expect(await book()).toBe(1)

    await scopes.commit(connection)

    expect(await redis!.exists(`${prefix}Book:1`)).toBe(0)
    expect(await book()).toBe(2)
    expect(await users()).toBe(2)
  })

  it('a rolled-back savepoint and a rolled-back transaction invalidate nothing', async () => {
    const { cm } = makeCacheme('redis')
    const scopes = new TransactionScopes<object>(await attachProbe(cm), { adapter: 'probe' })
    const one = counter(cm, 'Book:1>detail', 'Book:1')
    const two = counter(cm, 'Book:2>detail', 'Book:2')
    await one()
    await two()
    const connection = {}

    scopes.begin(connection)
    scopes.changes(connection).addKeys(['Book:1'], 'update')
    scopes.begin(connection)
    scopes.changes(connection).addKeys(['Book:2'], 'update')
    scopes.rollback(connection)
    await scopes.commit(connection)
    scopes.begin(connection)
    scopes.changes(connection).addKeys(['Book:2'], 'update')
    scopes.rollback(connection)

    expect(await one()).toBe(2)
    expect(await two()).toBe(1)
  })

  it("under delivery: 'background' commit() does not wait, but a cached read in this process does", async () => {
    const { cm } = makeCacheme('redis')
    const scopes = new TransactionScopes<object>(await attachProbe(cm), {
      adapter: 'probe',
      delivery: 'background',
    })
    const book = counter(cm, 'Book:1>detail', 'Book:1')
    await book()
    const connection = {}
    scopes.begin(connection)
    scopes.changes(connection).addKeys(['Book:1'], 'update')

    await scopes.commit(connection)
    // No await between the commit and the read: the delivery may still be in flight.
    expect(await book()).toBe(2)
    await scopes.settled()
    expect(await book()).toBe(2)
  })
})
