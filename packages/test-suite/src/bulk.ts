/**
 * Writes whose rows the adapter cannot know (one UPDATE/DELETE by criteria): every key of the model is
 * invalidated (`invalidateModel`: all `<Model>:*` invalid keys and the model-level key), other models are
 * left alone, and transactions still defer it to COMMIT. Raw SQL is invisible to any adapter: the explicit
 * `cm.invalidateModel()` is the documented remedy.
 */
import type { Concern } from './context.js'
import { sortIds } from './ids.js'

export function bulkTests({ env, it, expect, capabilities }: Concern): void {
  it('a bulk update by criteria invalidates every key of the model and leaves other models cached', async () => {
    const t = env()
    await t.attach()
    const { book, bookUsers, allBooks, user } = t.probes
    const ada = await t.harness.createUser('ada')
    const b1 = await t.harness.createBook({ title: 'Dune', ownerId: ada.id })
    const b2 = await t.harness.createBook({ title: 'Emma' })
    await book(b1.id)
    await book(b2.id)
    await bookUsers(b1.id)
    await allBooks()
    await user(ada.id)

    await t.harness.bulkUpdateBooks({ ownerId: ada.id }, { title: 'Dune (2nd ed.)' })

    expect(await t.hasEntry(`Book:${b1.id}>detail`)).toBe(false)
    expect(await book(b1.id)).toMatchObject({ title: 'Dune (2nd ed.)' })
    expect((await allBooks()).map((b) => b.title)).toEqual(['Dune (2nd ed.)', 'Emma'])
    // Rows unknown: every Book key went, even those the UPDATE did not touch.
    expect(await t.hasEntry(`Book:${b2.id}>detail`)).toBe(false)
    expect(await t.hasEntry(`Book:${b1.id}>users`)).toBe(false)
    await user(ada.id)
    expect(user.computed).toBe(1)
  })

  it('a bulk delete by criteria invalidates every key of the model', async () => {
    const t = env()
    await t.attach()
    const { book, allBooks } = t.probes
    const b1 = await t.harness.createBook({ title: 'Dune' })
    const b2 = await t.harness.createBook({ title: 'Emma' })
    await book(b1.id)
    await book(b2.id)
    await allBooks()

    await t.harness.bulkDeleteBooks({ title: 'Dune' })

    expect(await book(b1.id)).toBeNull()
    expect(await book(b2.id)).toMatchObject({ title: 'Emma' })
    expect((await allBooks()).map((b) => b.title)).toEqual(['Emma'])
    expect(book.computed).toBe(4)
  })

  it("a bulk delete also invalidates the other side's m2m keys (junction rows go with the deleted rows)", async () => {
    const t = env()
    await t.attach()
    const { userBooks } = t.probes
    const u = await t.harness.createUser('ada')
    const b1 = await t.harness.createBook({ title: 'Dune' })
    const b2 = await t.harness.createBook({ title: 'Emma' })
    await t.harness.addBooksToUser(u.id, [b1.id, b2.id])
    expect(await userBooks(u.id)).toEqual(sortIds([b1.id, b2.id]))

    await t.harness.bulkDeleteBooks({ title: 'Dune' })

    expect(await userBooks(u.id)).toEqual([b2.id])
  })

  // On a shared connection readers see the update at once, so it is invalidated at once.
  const when = capabilities.sharedConnection ? 'when made' : 'only after COMMIT'
  it(`a bulk update inside a transaction is invalidated ${when}`, async () => {
    const t = env()
    await t.attach()
    const { book } = t.probes
    const b = await t.harness.createBook({ title: 'Dune' })
    await book(b.id)

    await t.harness.transaction(async (tx) => {
      await t.harness.bulkUpdateBooks({ title: 'Dune' }, { title: 'Dune Messiah' }, tx)
      expect(await t.hasEntry(`Book:${b.id}>detail`)).toBe(!capabilities.sharedConnection)
      await book(b.id)
    })

    if (!capabilities.sharedConnection) expect(await t.hasEntry(`Book:${b.id}>detail`)).toBe(false)
    expect(await book(b.id)).toMatchObject({ title: 'Dune Messiah' })
  })

  it("raw SQL is invisible to the adapter; cm.invalidateModel('Book') repairs it", async () => {
    const t = env()
    await t.attach()
    const { book, allBooks } = t.probes
    const b = await t.harness.createBook({ title: 'Dune' })
    await book(b.id)
    await allBooks()

    await t.harness.rawUpdateBookTitle(b.id, 'Dune Messiah')

    // No hook saw it: the stale value is still served (this is why the explicit helper exists).
    expect(await book(b.id)).toMatchObject({ title: 'Dune' })

    await t.cm.invalidateModel('Book')

    expect(await book(b.id)).toMatchObject({ title: 'Dune Messiah' })
    expect((await allBooks()).map((x) => x.title)).toEqual(['Dune Messiah'])
    expect(book.computed).toBe(2)
  })
}
