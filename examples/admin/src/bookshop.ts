/** The example application: a bookshop whose serializer parts are cached with cacheme. */
import type { Cacheme } from '@cacheme/core'

const users = new Map([
  [1, { name: 'Ada Lovelace' }],
  [2, { name: 'Grace Hopper' }],
  [3, { name: 'Alan Turing' }],
])
const books = Array.from({ length: 60 }, (_, i) => ({
  id: i + 1,
  title: `Book ${i + 1}`,
  ownerId: (i % 3) + 1,
}))

/** The cached functions of the shop, and a seeding run that fills the cache (with some hits for the stats). */
export function bookshop(cm: Cacheme) {
  const owner = cm.wrap(async (bookId: number) => ({ ...users.get(books[bookId - 1]!.ownerId)! }), {
    key: (c) => `Book:${c.args[0]}>owner`,
    invalidKeys: (c) => [`User:${books[c.args[0] - 1]!.ownerId}`],
    tag: 'BookSerializer.owner',
    timeout: 3600,
  })
  const title = cm.wrap(async (bookId: number) => books[bookId - 1]!.title, {
    key: (c) => `Book:${c.args[0]}>title`,
    invalidKeys: (c) => [`Book:${c.args[0]}`],
    tag: 'BookSerializer.title',
  })
  const shelf = cm.wrap(
    async (ownerId: number) => books.filter((book) => book.ownerId === ownerId).map((book) => book.id),
    {
      key: (c) => `User:${c.args[0]}>shelf`,
      invalidModels: ['Book'],
      tag: 'UserSerializer.shelf',
      timeout: 600,
    },
  )
  return {
    owner,
    title,
    shelf,
    async page(bookId: number) {
      return { title: await title(bookId), owner: await owner(bookId) }
    },
    async seed() {
      for (const book of books) await Promise.all([owner(book.id), title(book.id)])
      for (const id of users.keys()) await shelf(id)
      for (const book of books.slice(0, 30)) await Promise.all([owner(book.id), title(book.id)]) // hits
    },
  }
}
