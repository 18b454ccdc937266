/**
 * Many-to-many changes (the seed's `m2m_cache_keys`): every junction row added or removed invalidates both
 * sides — `Book:<b>:users` and `User:<u>:books` by default, or what the `m2m` option's builders return —
 * whichever side the change was made from. Includes the seed's m2m left/right tests, set/replace, clear
 * (the seed crashes there) and deletes of linked rows.
 */
import type { Concern, TestEnv } from './context.js'
import type { Id } from './harness.js'
import { sortIds } from './ids.js'

export function m2mTests({ env, it, expect }: Concern): void {
  it('seed m2m left: book.users.add(u1, u2) then remove(u1) updates both sides', async () => {
    const t = env()
    await t.attach()
    const { bookUsers: left, userBooks: right } = t.probes
    const b = await t.harness.createBook({ title: 'Dune' })
    const u1 = await t.harness.createUser('u1')
    const u2 = await t.harness.createUser('u2')
    expect(await left(b.id)).toEqual([])
    expect(await right(u1.id)).toEqual([])

    await t.harness.addUsersToBook(b.id, [u1.id, u2.id])

    expect(await left(b.id)).toEqual(sortIds([u1.id, u2.id]))
    expect(await right(u1.id)).toEqual([b.id])

    await t.harness.removeUsersFromBook(b.id, [u1.id])

    expect(await left(b.id)).toEqual([u2.id])
    expect(await right(u1.id)).toEqual([])
    expect(await right(u2.id)).toEqual([b.id])
    expect(left.computed).toBe(3)
  })

  it('seed m2m right: user.books.add(b1, b2) then remove(b1) updates both sides', async () => {
    const t = env()
    await t.attach()
    const { bookUsers: left, userBooks: right } = t.probes
    const u = await t.harness.createUser('u')
    const b1 = await t.harness.createBook({ title: 'b1' })
    const b2 = await t.harness.createBook({ title: 'b2' })
    expect(await right(u.id)).toEqual([])
    expect(await left(b1.id)).toEqual([])

    await t.harness.addBooksToUser(u.id, [b1.id, b2.id])

    expect(await right(u.id)).toEqual(sortIds([b1.id, b2.id]))
    expect(await left(b1.id)).toEqual([u.id])

    await t.harness.removeBooksFromUser(u.id, [b1.id])

    expect(await right(u.id)).toEqual([b2.id])
    expect(await left(b1.id)).toEqual([])
    expect(await left(b2.id)).toEqual([u.id])
    expect(right.computed).toBe(3)
  })

  it("replacing a book's users invalidates both sides of every added and removed link", async () => {
    const t = env()
    await t.attach()
    const { bookUsers: left, userBooks: right } = t.probes
    const b = await t.harness.createBook({ title: 'Dune' })
    const [u1, u2, u3] = await createUsers(t, ['u1', 'u2', 'u3'])
    await t.harness.addUsersToBook(b.id, [u1, u2])
    expect(await left(b.id)).toEqual(sortIds([u1, u2]))
    expect(await right(u1)).toEqual([b.id])
    expect(await right(u3)).toEqual([])

    await t.harness.setBookUsers(b.id, [u2, u3])

    expect(await left(b.id)).toEqual(sortIds([u2, u3]))
    expect(await right(u1)).toEqual([])
    expect(await right(u2)).toEqual([b.id])
    expect(await right(u3)).toEqual([b.id])
  })

  it("replacing a user's books invalidates both sides of every added and removed link", async () => {
    const t = env()
    await t.attach()
    const { bookUsers: left, userBooks: right } = t.probes
    const u = await t.harness.createUser('u')
    const [b1, b2, b3] = await createBooks(t, ['b1', 'b2', 'b3'])
    await t.harness.addBooksToUser(u.id, [b1, b2])
    expect(await right(u.id)).toEqual(sortIds([b1, b2]))
    expect(await left(b1)).toEqual([u.id])
    expect(await left(b3)).toEqual([])

    await t.harness.setUserBooks(u.id, [b2, b3])

    expect(await right(u.id)).toEqual(sortIds([b2, b3]))
    expect(await left(b1)).toEqual([])
    expect(await left(b2)).toEqual([u.id])
    expect(await left(b3)).toEqual([u.id])
  })

  it("clearing a book's users invalidates the users' side too (the seed crashes here)", async () => {
    const t = env()
    await t.attach()
    const { bookUsers: left, userBooks: right } = t.probes
    const b = await t.harness.createBook({ title: 'Dune' })
    const [u1, u2] = await createUsers(t, ['u1', 'u2'])
    await t.harness.addUsersToBook(b.id, [u1, u2])
    expect(await left(b.id)).toHaveLength(2)
    expect(await right(u1)).toEqual([b.id])
    expect(await right(u2)).toEqual([b.id])

    await t.harness.clearBookUsers(b.id)

    expect(await left(b.id)).toEqual([])
    expect(await right(u1)).toEqual([])
    expect(await right(u2)).toEqual([])
  })

  it("clearing a user's books invalidates the books' side too", async () => {
    const t = env()
    await t.attach()
    const { bookUsers: left, userBooks: right } = t.probes
    const u = await t.harness.createUser('u')
    const [b1, b2] = await createBooks(t, ['b1', 'b2'])
    await t.harness.addBooksToUser(u.id, [b1, b2])
    expect(await right(u.id)).toHaveLength(2)
    expect(await left(b1)).toEqual([u.id])
    expect(await left(b2)).toEqual([u.id])

    await t.harness.clearUserBooks(u.id)

    expect(await right(u.id)).toEqual([])
    expect(await left(b1)).toEqual([])
    expect(await left(b2)).toEqual([])
  })

  it('deleting a book invalidates the m2m keys of the users it was linked to', async () => {
    const t = env()
    await t.attach()
    const { userBooks: right } = t.probes
    const [b1, b2] = await createBooks(t, ['b1', 'b2'])
    const u = await t.harness.createUser('u')
    await t.harness.addBooksToUser(u.id, [b1, b2])
    expect(await right(u.id)).toEqual(sortIds([b1, b2]))

    await t.harness.removeBook(b1)

    expect(await right(u.id)).toEqual([b2])
  })

  it('deleting a user invalidates the m2m keys of the books it was linked to', async () => {
    const t = env()
    await t.attach()
    const { bookUsers: left } = t.probes
    const b = await t.harness.createBook({ title: 'Dune' })
    const [u1, u2] = await createUsers(t, ['u1', 'u2'])
    await t.harness.addUsersToBook(b.id, [u1, u2])
    expect(await left(b.id)).toEqual(sortIds([u1, u2]))

    await t.harness.removeUser(u1)

    expect(await left(b.id)).toEqual([u2])
  })

  it("custom m2m builders receive the other side's ids and replace the default keys, from either side", async () => {
    const t = env()
    // The seed's m2m_cache_keys, keyed by the owning relation: the Book builder gets user ids and says
    // which user-side keys changed; the User builder gets book ids.
    await t.attach({
      m2m: {
        'Book.users': {
          Book: (ids) => ids.map((id) => `Reader:${String(id)}:shelf`),
          User: (ids) => ids.map((id) => `Shelf:${String(id)}:readers`),
        },
      },
    })
    const shelf = t.probe('shelf', {
      key: (userId: Id) => `Reader:${userId}>shelf`,
      invalidKeys: (userId) => [`Reader:${userId}:shelf`],
      compute: (userId) => t.harness.readUserBooks(userId),
    })
    const readers = t.probe('readers', {
      key: (bookId: Id) => `Shelf:${bookId}>readers`,
      invalidKeys: (bookId) => [`Shelf:${bookId}:readers`],
      compute: (bookId) => t.harness.readBookUsers(bookId),
    })
    const { bookUsers: defaultLeft } = t.probes
    const [b1, b2] = await createBooks(t, ['b1', 'b2'])
    const u = await t.harness.createUser('u')
    expect(await shelf(u.id)).toEqual([])
    expect(await readers(b1)).toEqual([])
    expect(await defaultLeft(b1)).toEqual([])

    await t.harness.addUsersToBook(b1, [u.id])

    expect(await shelf(u.id)).toEqual([b1])
    expect(await readers(b1)).toEqual([u.id])
    // The builders replaced the default `Book:<b>:users` key: it was not invalidated.
    expect(await defaultLeft(b1)).toEqual([])
    expect(defaultLeft.computed).toBe(1)

    await t.harness.addBooksToUser(u.id, [b2])

    expect(await shelf(u.id)).toEqual(sortIds([b1, b2]))
    expect(await readers(b2)).toEqual([u.id])
    expect(shelf.computed).toBe(3)
  })

  it("every link change invalidates the relation's own keys, 'Book.users' and 'User.books' (invalidM2mModels)", async () => {
    const t = env()
    await t.attach()
    // What `invalidM2mModels: ['Book.users']` / `['User.books']` register: the relation keys themselves.
    const links = t.probe('links', {
      key: (relation: string) => `Links>${relation}`,
      invalidKeys: (relation) => [relation],
      compute: async () => (await t.harness.readBooks()).length,
    })
    const probeBoth = async (): Promise<void> => {
      await links('Book.users')
      await links('User.books')
    }
    const b = await t.harness.createBook({ title: 'Dune' })
    const [u1, u2] = await createUsers(t, ['u1', 'u2'])
    await probeBoth()

    await t.harness.addUsersToBook(b.id, [u1])
    await probeBoth()
    await t.harness.addBooksToUser(u2, [b.id])
    await probeBoth()
    await t.harness.removeUsersFromBook(b.id, [u1])
    await probeBoth()
    await t.harness.clearUserBooks(u2)
    await probeBoth()

    expect(links.computed).toBe(10)
  })
}

/** Creates one user per name, in order; resolves to their ids (a tuple as long as `names`). */
async function createUsers<const N extends readonly string[]>(
  t: TestEnv,
  names: N,
): Promise<{ [K in keyof N]: Id }> {
  const ids: Id[] = []
  for (const name of names) ids.push((await t.harness.createUser(name)).id)
  return ids as { [K in keyof N]: Id }
}

/** Creates one book per title, in order; resolves to their ids. */
async function createBooks<const N extends readonly string[]>(
  t: TestEnv,
  titles: N,
): Promise<{ [K in keyof N]: Id }> {
  const ids: Id[] = []
  for (const title of titles) ids.push((await t.harness.createBook({ title })).id)
  return ids as { [K in keyof N]: Id }
}
