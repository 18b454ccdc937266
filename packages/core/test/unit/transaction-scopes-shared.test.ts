/**
 * TransactionScopes with `sharedConnection`: every reader sees uncommitted rows, so a change is delivered
 * when recorded (read-your-writes for a write that ran inside someone else's transaction), again at the
 * outermost COMMIT (other connections), and again when its level rolls back (values computed from rows
 * that are gone). Without the option nothing of this happens (transaction-scopes.test.ts).
 */
import { describe, expect, it } from 'vitest'
import { TransactionScopes, type TransactionScopesOptions } from '../../src/adapter/index.js'
import { isSettled, recordingContext } from '../support/recording-context.js'

type Tx = { name: string; parent?: Tx; finished?: 'commit' | 'rollback' }

function shared<T extends object>(options: Partial<TransactionScopesOptions<T>> = {}) {
  const rec = recordingContext()
  const s = new TransactionScopes<T>(rec.context, { adapter: 'probe', sharedConnection: true, ...options })
  return { rec, s }
}

describe('TransactionScopes on a shared connection', () => {
  it('record() inside a transaction delivers the change now and returns the promise to await', async () => {
    const { rec, s } = shared<object>()
    const conn = {}
    s.begin(conn)
    const release = rec.hold()

    const recorded = s.record(conn, (set) => set.addKeys(['A'], 'update'))

    expect(recorded).toBeInstanceOf(Promise)
    expect(await isSettled(recorded as Promise<void>)).toBe(false)
    release()
    await recorded
    expect(rec.delivered).toEqual([{ keys: ['A'], cause: { kind: 'probe:update' } }])
  })

  it('changes recorded in one tick go out as one invalidation', async () => {
    const { rec, s } = shared<object>()
    const conn = {}
    s.begin(conn)

    const first = s.record(conn, (set) => set.addKeys(['A'], 'update'))
    const second = s.record(conn, (set) => set.addKeys(['B'], 'm2m'))
    await Promise.all([first, second])

    expect(rec.delivered).toEqual([{ keys: ['A', 'B'], cause: { kind: 'probe:update+m2m' } }])
  })

  it('the outermost COMMIT delivers everything again, for readers on other connections', async () => {
    const { rec, s } = shared<object>()
    const conn = {}
    s.begin(conn)
    await s.record(conn, (set) => set.addKeys(['A'], 'update'))
    s.begin(conn)
    await s.record(conn, (set) => set.addModel('Book', 'bulk'))
    await s.commit(conn)
    expect(rec.keys()).toEqual(['A', 'Book'])

    await s.commit(conn)

    expect(rec.keys()).toEqual(['A', 'Book', 'A', 'Book'])
  })

  it('a rolled-back transaction delivers its changes again, and rollback() resolves after that', async () => {
    const { rec, s } = shared<object>()
    const conn = {}
    s.begin(conn)
    await s.record(conn, (set) => set.addKeys(['A'], 'update'))
    s.begin(conn)
    await s.record(conn, (set) => set.addKeys(['B'], 'update'))
    await s.commit(conn) // released into the root
    const release = rec.hold()

    const rolledBack = s.rollback(conn)

    expect(await isSettled(rolledBack)).toBe(false)
    release()
    await rolledBack
    expect(rec.delivered.at(-1)?.keys).toEqual(['A', 'B'])
    // Nothing is left open: a later commit on the same connection delivers nothing more.
    const count = rec.delivered.length
    await s.commit(conn)
    expect(rec.delivered).toHaveLength(count)
  })

  it("a rolled-back savepoint delivers only its own changes again; the outer transaction's at COMMIT", async () => {
    const { rec, s } = shared<object>()
    const conn = {}
    s.begin(conn)
    await s.record(conn, (set) => set.addKeys(['A'], 'update'))
    s.begin(conn)
    await s.record(conn, (set) => set.addKeys(['B'], 'update'))

    await s.rollback(conn)
    expect(rec.delivered.at(-1)?.keys).toEqual(['B'])

    await s.commit(conn)
    expect(rec.delivered.at(-1)?.keys).toEqual(['A'])
  })

  it('a savepoint that outcomeOf reports rolled back is delivered again with the outermost COMMIT', async () => {
    const { rec, s } = shared<Tx>({ parentOf: (t) => t.parent, outcomeOf: (t) => t.finished })
    const root: Tx = { name: 'root' }
    const dropped: Tx = { name: 'dropped', parent: root, finished: 'rollback' }
    await s.record(root, (set) => set.addKeys(['A'], 'update'))
    await s.record(dropped, (set) => set.addKeys(['C'], 'update'))

    await s.commit(root)

    expect(rec.delivered.at(-1)?.keys.slice().sort()).toEqual(['A', 'C'])
  })

  it('settled() also waits for changes recorded in this tick and not yet sent', async () => {
    const { rec, s } = shared<object>()
    const conn = {}
    s.begin(conn)
    void s.record(conn, (set) => set.addKeys(['A'], 'update'))

    await s.settled()

    expect(rec.keys()).toEqual(['A'])
  })

  it("'private' (no other connection can open the database) delivers each change once: not again at COMMIT", async () => {
    const { rec, s } = shared<object>({ sharedConnection: 'private' })
    const conn = {}
    s.begin(conn)
    await s.record(conn, (set) => set.addKeys(['A'], 'update'))
    s.begin(conn)
    await s.record(conn, (set) => set.addKeys(['B'], 'update'))
    await s.commit(conn)
    s.changes(conn).addKeys(['C'], 'bulk') // recorded directly, never delivered yet

    await s.commit(conn)

    expect(rec.keys()).toEqual(['A', 'B', 'C'])
  })

  it("'private' still delivers a rolled-back level's changes again", async () => {
    const { rec, s } = shared<object>({ sharedConnection: 'private' })
    const conn = {}
    s.begin(conn)
    await s.record(conn, (set) => set.addKeys(['A'], 'update'))
    s.begin(conn)
    await s.record(conn, (set) => set.addKeys(['B'], 'update'))
    await s.commit(conn) // released: B now belongs to the root

    await s.rollback(conn)

    expect(rec.keys()).toEqual(['A', 'B', 'A', 'B'])
  })

  it('without the option a rollback delivers nothing and resolves at once', async () => {
    const rec = recordingContext()
    const s = new TransactionScopes<object>(rec.context, { adapter: 'probe' })
    const conn = {}
    s.begin(conn)
    expect(s.record(conn, (set) => set.addKeys(['A'], 'update'))).toBeUndefined()

    await s.rollback(conn)

    expect(rec.delivered).toEqual([])
  })
})
