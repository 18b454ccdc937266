/**
 * Entity writes through the ORM's entity API: insert, update, delete, soft delete. Each must invalidate
 * the entity's own key(s) and the model-level key, be delivered before the awaited write resolves
 * (read-your-writes), and leave unrelated rows cached.
 */
import type { Concern } from './context.js'

export function crudTests({ env, it, expect, capabilities }: Concern): void {
  it('saving a changed book invalidates its key before the save resolves and leaves other books cached', async () => {
    const t = env()
    await t.attach()
    const { book } = t.probes
    const b1 = await t.harness.createBook({ title: 'Dune' })
    const b2 = await t.harness.createBook({ title: 'Emma' })
    expect(await book(b1.id)).toMatchObject({ title: 'Dune' })
    expect(await book(b2.id)).toMatchObject({ title: 'Emma' })

    await t.harness.updateBook(b1.id, { title: 'Dune Messiah' })

    // Read-your-writes: nothing to wait for once the awaited save resolved.
    expect(await t.hasEntry(`Book:${b1.id}>detail`)).toBe(false)
    expect(await t.hasEntry(`Book:${b2.id}>detail`)).toBe(true)
    expect(await book(b1.id)).toMatchObject({ title: 'Dune Messiah' })
    expect(await book(b2.id)).toMatchObject({ title: 'Emma' })
    expect(book.computed).toBe(3)
  })

  it('saving a book invalidates the model-level key', async () => {
    const t = env()
    await t.attach()
    const { allBooks } = t.probes
    const b1 = await t.harness.createBook({ title: 'Dune' })
    expect((await allBooks()).map((b) => b.title)).toEqual(['Dune'])

    await t.harness.updateBook(b1.id, { title: 'Dune Messiah' })

    expect((await allBooks()).map((b) => b.title)).toEqual(['Dune Messiah'])
    expect(allBooks.computed).toBe(2)
  })

  it("inserting a book invalidates the model-level key and the new row's own key", async () => {
    const t = env()
    await t.attach()
    const { allBooks } = t.probes
    await t.harness.createBook({ title: 'Dune' })
    expect(await allBooks()).toHaveLength(1)

    const created = await t.harness.createBook({ title: 'Emma' })

    expect((await allBooks()).map((b) => b.title)).toEqual(['Dune', 'Emma'])
    expect(allBooks.computed).toBe(2)
    // A value cached for a row that did not exist yet ("not found") must not survive its insert.
    expect(t.invalidated).toContain(`Book:${created.id}`)
  })

  it('inserting a user invalidates the User model-level key and leaves Book values cached', async () => {
    const t = env()
    await t.attach()
    const { allBooks } = t.probes
    // Any value cached under the model-level key `User` (a user list, a count...).
    const userList = t.probe('userList', {
      key: () => 'Users>all',
      invalidKeys: () => ['User'],
      compute: async () => 'a list of users',
    })
    await t.harness.createBook({ title: 'Dune' })
    await allBooks()
    await userList()

    await t.harness.createUser('ada')

    await userList()
    await allBooks()
    expect(userList.computed).toBe(2)
    expect(allBooks.computed).toBe(1)
  })

  it("changing a book's owner invalidates the book", async () => {
    const t = env()
    await t.attach()
    const { book } = t.probes
    const ada = await t.harness.createUser('ada')
    const bob = await t.harness.createUser('bob')
    const b = await t.harness.createBook({ title: 'Dune', ownerId: ada.id })
    expect(await book(b.id)).toMatchObject({ ownerId: ada.id })

    await t.harness.updateBook(b.id, { ownerId: bob.id })

    expect(await book(b.id)).toMatchObject({ ownerId: bob.id })
    expect(book.computed).toBe(2)
  })

  it('updating a user invalidates its key and leaves other users cached', async () => {
    const t = env()
    await t.attach()
    const { user } = t.probes
    const ada = await t.harness.createUser('ada')
    const bob = await t.harness.createUser('bob')
    await user(ada.id)
    await user(bob.id)

    await t.harness.updateUser(ada.id, { name: 'ada lovelace' })

    expect(await user(ada.id)).toMatchObject({ name: 'ada lovelace' })
    expect(await user(bob.id)).toMatchObject({ name: 'bob' })
    expect(user.computed).toBe(3)
  })

  it('deleting a book invalidates its key and the model-level key before the delete resolves', async () => {
    const t = env()
    await t.attach()
    const { book, allBooks } = t.probes
    const b1 = await t.harness.createBook({ title: 'Dune' })
    const b2 = await t.harness.createBook({ title: 'Emma' })
    await book(b1.id)
    await book(b2.id)
    expect(await allBooks()).toHaveLength(2)

    await t.harness.removeBook(b1.id)

    expect(await t.hasEntry(`Book:${b1.id}>detail`)).toBe(false)
    expect(await t.hasEntry('Books>all')).toBe(false)
    expect(await book(b1.id)).toBeNull()
    expect((await allBooks()).map((b) => b.title)).toEqual(['Emma'])
    await book(b2.id)
    expect(book.computed).toBe(3)
  })

  it('deleting a user invalidates its key', async () => {
    const t = env()
    await t.attach()
    const { user } = t.probes
    const ada = await t.harness.createUser('ada')
    expect(await user(ada.id)).toMatchObject({ name: 'ada' })

    await t.harness.removeUser(ada.id)

    expect(await user(ada.id)).toBeNull()
    expect(user.computed).toBe(2)
  })

  if (capabilities.softDelete) {
    it('soft-deleting a book invalidates its key and the model-level key', async () => {
      const t = env()
      await t.attach()
      const { book, allBooks } = t.probes
      const b1 = await t.harness.createBook({ title: 'Dune' })
      const b2 = await t.harness.createBook({ title: 'Emma' })
      await book(b1.id)
      await book(b2.id)
      await allBooks()

      await t.harness.softRemoveBook(b1.id)

      expect(await book(b1.id)).toBeNull()
      expect((await allBooks()).map((b) => b.title)).toEqual(['Emma'])
      await book(b2.id)
      expect(book.computed).toBe(3)
      expect(allBooks.computed).toBe(2)
    })
  }
}
