/**
 * Transactions on a **shared connection** (`capabilities.sharedConnection`: one database connection for
 * every reader and transaction of the ORM handle, e.g. TypeORM on SQLite). Readers see a transaction's
 * rows as soon as they are written, so there is no isolation for the cache to preserve:
 *
 * - a change is invalidated when it is made, so a value cached before it is not served beside the rows
 *   every reader already sees — and read-your-writes holds even for a write that ran inside a
 *   transaction someone else opened on that connection;
 * - it is invalidated again at the outermost COMMIT where other connections to the same database may
 *   have read the old rows meanwhile (not observable here: the harness has the one connection);
 * - a rollback (of the transaction or of a savepoint) invalidates what it changed again: values readers
 *   computed from the rolled-back rows are gone with them.
 *
 * Each test reads *inside* the transaction, the way a concurrent request on the same connection would,
 * and checks that nothing computed from rows that were rolled back is served afterwards.
 */
import type { Concern } from './context.js'
import { Rollback } from './rollback.js'

export function sharedConnectionTransactionTests({ env, it, expect, capabilities }: Concern): void {
  it('on a shared connection a change inside a transaction is invalidated when made and fresh after COMMIT', async () => {
    const t = env()
    await t.attach()
    const { book, userBooks } = t.probes
    const b = await t.harness.createBook({ title: 'Dune' })
    const u = await t.harness.createUser('ada')
    await book(b.id)
    await userBooks(u.id)

    await t.harness.transaction(async (tx) => {
      await t.harness.updateBook(b.id, { title: 'Dune Messiah' }, tx)
      await t.harness.addBooksToUser(u.id, [b.id], tx)
      expect(await t.hasEntry(`Book:${b.id}>detail`)).toBe(false)
      expect(await t.hasEntry(`User:${u.id}>books`)).toBe(false)
      // A reader on the shared connection sees the uncommitted row; its value is cached.
      expect(await book(b.id)).toMatchObject({ title: 'Dune Messiah' })
      expect(await t.hasEntry(`Book:${b.id}>detail`)).toBe(true)
    })

    expect(await book(b.id)).toMatchObject({ title: 'Dune Messiah' })
    expect(await userBooks(u.id)).toEqual([b.id])
  })

  it('on a shared connection a rolled back transaction invalidates what it changed, and nothing else', async () => {
    const t = env()
    await t.attach()
    const { book, allBooks, bookUsers } = t.probes
    const b = await t.harness.createBook({ title: 'Dune' })
    const other = await t.harness.createBook({ title: 'Emma' })
    const u = await t.harness.createUser('ada')
    await book(other.id)

    await expect(
      t.harness.transaction(async (tx) => {
        await t.harness.updateBook(b.id, { title: 'Dune Messiah' }, tx)
        await t.harness.createBook({ title: 'Persuasion' }, tx)
        await t.harness.addUsersToBook(b.id, [u.id], tx)
        // Values computed from rows that are about to be rolled back.
        expect(await book(b.id)).toMatchObject({ title: 'Dune Messiah' })
        expect(await allBooks()).toHaveLength(3)
        expect(await bookUsers(b.id)).toEqual([u.id])
        throw new Rollback('roll back')
      }),
    ).rejects.toBeInstanceOf(Rollback)

    expect(await book(b.id)).toMatchObject({ title: 'Dune' })
    expect(await allBooks()).toHaveLength(2)
    expect(await bookUsers(b.id)).toEqual([])
    // `other` was not touched by the transaction: still the value cached before it.
    expect(await t.hasEntry(`Book:${other.id}>detail`)).toBe(true)
  })

  if (!capabilities.savepoints) return

  it('on a shared connection a released savepoint is invalidated when made and fresh after the outermost COMMIT', async () => {
    const t = env()
    await t.attach()
    const { book } = t.probes
    const b = await t.harness.createBook({ title: 'Dune' })
    await book(b.id)

    await t.harness.transaction(async (tx) => {
      await t.harness.savepoint(tx, async (inner) => {
        await t.harness.updateBook(b.id, { title: 'Dune Messiah' }, inner)
      })
      expect(await t.hasEntry(`Book:${b.id}>detail`)).toBe(false)
      expect(await book(b.id)).toMatchObject({ title: 'Dune Messiah' })
      await t.harness.savepoint(tx, async (inner) => {
        await t.harness.savepoint(inner, async (innermost) => {
          await t.harness.updateBook(b.id, { title: 'Children of Dune' }, innermost)
        })
      })
      expect(await book(b.id)).toMatchObject({ title: 'Children of Dune' })
    })

    expect(await book(b.id)).toMatchObject({ title: 'Children of Dune' })
  })

  it("on a shared connection rolling back a savepoint invalidates its changes again; the outer transaction's are fresh after COMMIT", async () => {
    const t = env()
    await t.attach()
    const { book, bookUsers } = t.probes
    const b1 = await t.harness.createBook({ title: 'Dune' })
    const b2 = await t.harness.createBook({ title: 'Emma' })
    const u = await t.harness.createUser('ada')

    await t.harness.transaction(async (tx) => {
      await t.harness.updateBook(b1.id, { title: 'Dune Messiah' }, tx)
      await expect(
        t.harness.savepoint(tx, async (inner) => {
          await t.harness.updateBook(b2.id, { title: 'Persuasion' }, inner)
          await t.harness.addUsersToBook(b2.id, [u.id], inner)
          expect(await book(b2.id)).toMatchObject({ title: 'Persuasion' })
          expect(await bookUsers(b2.id)).toEqual([u.id])
          throw new Rollback('savepoint only')
        }),
      ).rejects.toBeInstanceOf(Rollback)
      // Gone with the savepoint, before the outer transaction ends.
      expect(await t.hasEntry(`Book:${b2.id}>detail`)).toBe(false)
    })

    expect(await book(b1.id)).toMatchObject({ title: 'Dune Messiah' })
    expect(await book(b2.id)).toMatchObject({ title: 'Emma' })
    expect(await bookUsers(b2.id)).toEqual([])
  })

  it('on a shared connection a savepoint committed inside a rolled back transaction leaves no value from its rows', async () => {
    const t = env()
    await t.attach()
    const { book } = t.probes
    const b = await t.harness.createBook({ title: 'Dune' })

    await expect(
      t.harness.transaction(async (tx) => {
        await t.harness.savepoint(tx, async (inner) => {
          await t.harness.updateBook(b.id, { title: 'Dune Messiah' }, inner)
        })
        expect(await book(b.id)).toMatchObject({ title: 'Dune Messiah' })
        throw new Rollback('outer')
      }),
    ).rejects.toBeInstanceOf(Rollback)

    expect(await book(b.id)).toMatchObject({ title: 'Dune' })
  })
}
