/**
 * Invalidation waits for COMMIT: inside a transaction cached values survive (other readers would
 * recompute from the old committed rows anyway), right after the commit they are gone (read-your-writes
 * when the awaited transaction resolves), a rollback invalidates nothing, and nested transactions flush
 * only at the outermost commit.
 *
 * On a shared connection (`capabilities.sharedConnection`) readers see uncommitted rows, so the isolated
 * expectations are replaced by those of `shared-transactions.ts`; the rest holds for every adapter.
 */
import type { Concern } from './context.js'
import { Rollback } from './rollback.js'
import { sharedConnectionTransactionTests } from './shared-transactions.js'

export function transactionTests(concern: Concern): void {
  const { env, it, expect, capabilities } = concern
  if (capabilities.sharedConnection) sharedConnectionTransactionTests(concern)
  else isolatedTransactionTests(concern)

  it('a transaction that only reads invalidates nothing', async () => {
    const t = env()
    await t.attach()
    const { book } = t.probes
    const b = await t.harness.createBook({ title: 'Dune' })
    await book(b.id)
    const before = t.invalidated.length

    await t.harness.transaction(async () => t.harness.readBook(b.id))

    expect(t.invalidated.length).toBe(before)
    await book(b.id)
    expect(book.computed).toBe(1)
  })
}

/** Transactions on databases whose readers do not see uncommitted rows. */
function isolatedTransactionTests({ env, it, expect, capabilities }: Concern): void {
  it('inside a transaction the cached value survives until COMMIT and is gone when the transaction resolves', async () => {
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
      expect(await t.hasEntry(`Book:${b.id}>detail`)).toBe(true)
      expect(await t.hasEntry(`User:${u.id}>books`)).toBe(true)
      expect(await book(b.id)).toMatchObject({ title: 'Dune' })
      expect(book.computed).toBe(1)
    })

    expect(await t.hasEntry(`Book:${b.id}>detail`)).toBe(false)
    expect(await t.hasEntry(`User:${u.id}>books`)).toBe(false)
    expect(await book(b.id)).toMatchObject({ title: 'Dune Messiah' })
    expect(await userBooks(u.id)).toEqual([b.id])
  })

  it('a rolled back transaction invalidates nothing', async () => {
    const t = env()
    await t.attach()
    const { book, allBooks, bookUsers } = t.probes
    const b = await t.harness.createBook({ title: 'Dune' })
    const u = await t.harness.createUser('ada')
    await book(b.id)
    await allBooks()
    await bookUsers(b.id)
    const before = t.invalidated.length

    await expect(
      t.harness.transaction(async (tx) => {
        await t.harness.updateBook(b.id, { title: 'Dune Messiah' }, tx)
        await t.harness.createBook({ title: 'Emma' }, tx)
        await t.harness.addUsersToBook(b.id, [u.id], tx)
        throw new Rollback('roll back')
      }),
    ).rejects.toBeInstanceOf(Rollback)

    expect(t.invalidated.length).toBe(before)
    expect(await book(b.id)).toMatchObject({ title: 'Dune' })
    expect(await allBooks()).toHaveLength(1)
    expect(await bookUsers(b.id)).toEqual([])
    expect(book.computed + allBooks.computed + bookUsers.computed).toBe(3)
  })

  if (capabilities.savepoints) {
    it('a released savepoint does not flush: invalidation waits for the outermost COMMIT', async () => {
      const t = env()
      await t.attach()
      const { book } = t.probes
      const b = await t.harness.createBook({ title: 'Dune' })
      await book(b.id)

      await t.harness.transaction(async (tx) => {
        await t.harness.savepoint(tx, async (inner) => {
          await t.harness.updateBook(b.id, { title: 'Dune Messiah' }, inner)
        })
        // The savepoint was released, but nothing is committed yet.
        expect(await t.hasEntry(`Book:${b.id}>detail`)).toBe(true)
        await t.harness.savepoint(tx, async (inner) => {
          await t.harness.savepoint(inner, async (innermost) => {
            await t.harness.updateBook(b.id, { title: 'Children of Dune' }, innermost)
          })
        })
        expect(await t.hasEntry(`Book:${b.id}>detail`)).toBe(true)
      })

      expect(await t.hasEntry(`Book:${b.id}>detail`)).toBe(false)
      expect(await book(b.id)).toMatchObject({ title: 'Children of Dune' })
    })

    it("rolling back a savepoint drops only its changes; the outer transaction's are invalidated at COMMIT", async () => {
      const t = env()
      await t.attach()
      const { book, bookUsers } = t.probes
      const b1 = await t.harness.createBook({ title: 'Dune' })
      const b2 = await t.harness.createBook({ title: 'Emma' })
      const u = await t.harness.createUser('ada')
      await book(b1.id)
      await book(b2.id)
      await bookUsers(b2.id)
      const before = t.invalidated.length

      await t.harness.transaction(async (tx) => {
        await t.harness.updateBook(b1.id, { title: 'Dune Messiah' }, tx)
        await expect(
          t.harness.savepoint(tx, async (inner) => {
            await t.harness.updateBook(b2.id, { title: 'Persuasion' }, inner)
            await t.harness.addUsersToBook(b2.id, [u.id], inner)
            throw new Rollback('savepoint only')
          }),
        ).rejects.toBeInstanceOf(Rollback)
      })

      expect(await book(b1.id)).toMatchObject({ title: 'Dune Messiah' })
      expect(await book(b2.id)).toMatchObject({ title: 'Emma' })
      expect(await bookUsers(b2.id)).toEqual([])
      // b1 recomputed once; b2 and its users were never invalidated.
      expect(book.computed).toBe(3)
      expect(bookUsers.computed).toBe(1)
      const delivered = t.invalidated.slice(before)
      expect(delivered).toContain(`Book:${b1.id}`)
      expect(delivered).not.toContain(`Book:${b2.id}`)
      expect(delivered).not.toContain(`Book:${b2.id}:users`)
    })

    it('a committed savepoint inside a rolled back transaction invalidates nothing', async () => {
      const t = env()
      await t.attach()
      const { book } = t.probes
      const b = await t.harness.createBook({ title: 'Dune' })
      await book(b.id)
      const before = t.invalidated.length

      await expect(
        t.harness.transaction(async (tx) => {
          await t.harness.savepoint(tx, async (inner) => {
            await t.harness.updateBook(b.id, { title: 'Dune Messiah' }, inner)
          })
          throw new Rollback('outer')
        }),
      ).rejects.toBeInstanceOf(Rollback)

      expect(t.invalidated.length).toBe(before)
      expect(await book(b.id)).toMatchObject({ title: 'Dune' })
      expect(book.computed).toBe(1)
    })
  }
}
