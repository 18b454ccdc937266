/**
 * TransactionScopes: savepoints merge or drop, the outermost commit delivers (awaited, or background),
 * rollback drops — for depth counted from events (one key per connection) and for explicit parent chains
 * (one key per transaction object).
 */
import { describe, expect, it } from 'vitest'
import { TransactionScopes, type TransactionScopesOptions } from '../../src/adapter/index.js'
import { isSettled, type RecordingContext, recordingContext } from '../support/recording-context.js'

type Tx = { name: string; parent?: Tx; finished?: 'commit' | 'rollback' }

function scopes<T extends object = Tx>(
  rec: RecordingContext,
  options: Partial<TransactionScopesOptions<T>> = {},
): TransactionScopes<T> {
  return new TransactionScopes<T>(rec.context, { adapter: 'probe', ...options })
}

/** Scopes with nesting counted on one connection-like key. */
function onOneConnection(options: Partial<TransactionScopesOptions<object>> = {}) {
  const rec = recordingContext()
  return { rec, s: scopes<object>(rec, options), conn: {} }
}

describe('TransactionScopes with depth counted from begin() on one key', () => {
  it('a released savepoint merges into its parent; the outermost commit delivers everything once', async () => {
    const { rec, s, conn } = onOneConnection()
    s.begin(conn)
    s.changes(conn).addKeys(['A'], 'update')
    s.begin(conn)
    s.changes(conn).addKeys(['B'], 'update')
    s.begin(conn)
    s.changes(conn).addKeys(['C'], 'm2m')

    await s.commit(conn)
    await s.commit(conn)
    expect(rec.delivered).toEqual([])

    await s.commit(conn)
    expect(rec.delivered).toEqual([{ keys: ['A', 'B', 'C'], cause: { kind: 'probe:update+m2m' } }])
  })

  it('a rolled-back savepoint drops exactly its own changes and those of the levels inside it', async () => {
    const { rec, s, conn } = onOneConnection()
    s.begin(conn)
    s.changes(conn).addKeys(['A'], 'update')
    s.begin(conn) // savepoint 1
    s.changes(conn).addKeys(['B'], 'update')
    s.begin(conn) // savepoint 2, inside 1
    s.changes(conn).addKeys(['C'], 'update')
    await s.commit(conn) // 2 released into 1
    s.rollback(conn) // 1 rolled back: B and C go
    s.changes(conn).addKeys(['D'], 'update')
    s.begin(conn) // savepoint 3
    s.changes(conn).addModel('Book', 'bulk')
    await s.commit(conn)

    await s.commit(conn)
    expect(rec.keys().sort()).toEqual(['A', 'Book', 'D'])
  })

  it('a rollback of the outermost transaction drops everything, released savepoints included', async () => {
    const { rec, s, conn } = onOneConnection()
    s.begin(conn)
    s.changes(conn).addKeys(['A'], 'update')
    s.begin(conn)
    s.changes(conn).addKeys(['B'], 'update')
    await s.commit(conn)
    s.rollback(conn)

    await s.commit(conn) // nothing open any more: nothing to deliver
    expect(rec.delivered).toEqual([])
    // The connection is reusable: a new transaction starts from an empty root.
    s.begin(conn)
    s.changes(conn).addKeys(['C'], 'update')
    await s.commit(conn)
    expect(rec.keys()).toEqual(['C'])
  })

  it('transactions on separate keys keep separate change sets', async () => {
    const rec = recordingContext()
    const s = scopes<object>(rec)
    const one = {}
    const two = {}
    s.begin(one)
    s.begin(two)
    s.changes(one).addKeys(['A'], 'update')
    s.changes(two).addKeys(['B'], 'update')
    s.rollback(two)
    await s.commit(one)
    expect(rec.keys()).toEqual(['A'])
  })

  it('{ outermost: true } flushes the whole transaction even when the counted depth is off by one', async () => {
    const { rec, s, conn } = onOneConnection()
    // Attached while a transaction was open: its start was never counted, changes() opens the root.
    s.changes(conn).addKeys(['A'], 'update')
    s.begin(conn) // a savepoint
    s.changes(conn).addKeys(['B'], 'update')
    await s.commit(conn, { outermost: false }) // released
    await s.commit(conn, { outermost: false }) // a savepoint we never saw start: the root stays open
    s.rollback(conn, { outermost: false }) // likewise
    expect(rec.delivered).toEqual([])

    await s.commit(conn, { outermost: true })
    expect(rec.keys()).toEqual(['A', 'B'])
  })

  it('{ outermost: true } on rollback drops every open level', async () => {
    const { rec, s, conn } = onOneConnection()
    s.begin(conn)
    s.changes(conn).addKeys(['A'], 'update')
    s.begin(conn)
    s.changes(conn).addKeys(['B'], 'update')
    s.rollback(conn, { outermost: true })
    await s.commit(conn, { outermost: true })
    expect(rec.delivered).toEqual([])
  })
})

describe('TransactionScopes with an explicit parent chain', () => {
  const chain = { parentOf: (t: Tx) => t.parent }

  it('levels open lazily along the chain; a committed savepoint merges into its parent', async () => {
    const rec = recordingContext()
    const s = scopes(rec, chain)
    const root: Tx = { name: 'root' }
    const sp1: Tx = { name: 'sp1', parent: root }
    const sp2: Tx = { name: 'sp2', parent: sp1 }
    // No begin(): the first change seen is two levels deep.
    s.changes(sp2).addKeys(['C'], 'update')
    s.changes(root).addKeys(['A'], 'update')

    await s.commit(sp2)
    await s.commit(sp1)
    expect(rec.delivered).toEqual([])
    await s.commit(root)
    expect(rec.keys().sort()).toEqual(['A', 'C'])
  })

  it('rolling back a savepoint drops its changes and those of savepoints inside it', async () => {
    const rec = recordingContext()
    const s = scopes(rec, chain)
    const root: Tx = { name: 'root' }
    const sp1: Tx = { name: 'sp1', parent: root }
    const sp2: Tx = { name: 'sp2', parent: sp1 }
    s.changes(root).addKeys(['A'], 'update')
    s.changes(sp1).addKeys(['B'], 'update')
    s.changes(sp2).addKeys(['C'], 'update')
    s.rollback(sp1)

    await s.commit(root)
    expect(rec.keys()).toEqual(['A'])
  })

  it('savepoints that never reported their end merge at the outermost commit, unless outcomeOf says rolled back', async () => {
    const rec = recordingContext()
    const s = scopes(rec, { ...chain, outcomeOf: (t: Tx) => t.finished })
    const root: Tx = { name: 'root' }
    const kept: Tx = { name: 'kept', parent: root }
    const dropped: Tx = { name: 'dropped', parent: root, finished: 'rollback' }
    const insideDropped: Tx = { name: 'inside', parent: dropped }
    s.changes(root).addKeys(['A'], 'update')
    s.changes(kept).addKeys(['B'], 'update')
    s.changes(dropped).addKeys(['C'], 'update')
    s.changes(insideDropped).addKeys(['D'], 'update')

    await s.commit(root)
    expect(rec.keys().sort()).toEqual(['A', 'B'])
  })

  it('a savepoint committed before its transaction rolls back delivers nothing', async () => {
    const rec = recordingContext()
    const s = scopes(rec, chain)
    const root: Tx = { name: 'root' }
    const sp: Tx = { name: 'sp', parent: root }
    s.changes(sp).addKeys(['B'], 'update')
    await s.commit(sp)
    s.rollback(root)
    await s.commit(root)
    expect(rec.delivered).toEqual([])
  })
})

describe('TransactionScopes delivery', () => {
  it('the outermost commit resolves only once the delivery completed', async () => {
    const { rec, s, conn } = onOneConnection()
    s.begin(conn)
    s.changes(conn).addKeys(['A'], 'update')
    s.changes(conn).addModel('Book', 'bulk')
    const release = rec.hold()

    const committed = s.commit(conn)

    expect(await isSettled(committed)).toBe(false)
    expect(rec.delivered).toEqual([])
    release()
    await committed
    expect(rec.keys().sort()).toEqual(['A', 'Book'])
    expect(rec.delivered.find((d) => d.model)?.cause).toEqual({ kind: 'probe:update+bulk', entity: 'Book' })
  })

  it("delivery: 'background' resolves the commit at once and hands the delivery to the context", async () => {
    const { rec, s, conn } = onOneConnection({ delivery: 'background' })
    s.begin(conn)
    s.changes(conn).addKeys(['A'], 'update')
    const release = rec.hold()

    await s.commit(conn)

    expect(rec.delivered).toEqual([])
    expect(rec.background).toHaveLength(1)
    const settled = s.settled()
    expect(await isSettled(settled)).toBe(false)
    release()
    await settled
    expect(rec.keys()).toEqual(['A'])
  })

  it('record() defers inside a transaction and delivers at once outside one', async () => {
    const { rec, s, conn } = onOneConnection()
    s.begin(conn)

    expect(s.record(conn, (set) => set.addKeys(['A'], 'update'))).toBeUndefined()
    await s.record(undefined, (set) => set.addKeys(['B'], 'insert'))

    expect(rec.delivered).toEqual([{ keys: ['B'], cause: { kind: 'probe:insert' } }])
    await s.commit(conn)
    expect(rec.keys()).toEqual(['B', 'A'])
  })

  it('a transaction that changed nothing delivers nothing', async () => {
    const { rec, s, conn } = onOneConnection()
    s.begin(conn)
    s.begin(conn)
    await s.commit(conn)
    await s.commit(conn)
    await s.record(null, () => {})
    expect(rec.delivered).toEqual([])
    await expect(s.settled()).resolves.toBeUndefined()
  })
})
