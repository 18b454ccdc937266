/**
 * The cached getters `GET /books/:id` is built from. Each part has its own key in the hash `Book:<id>`
 * and its own invalid keys, so a change recomputes only the parts it concerns:
 *
 * | getter     | key                 | invalid keys (removed by the adapter after COMMIT)                 |
 * |------------|---------------------|--------------------------------------------------------------------|
 * | `title`    | `Book:<id>>title`   | `Book:<id>` (the book row)                                         |
 * | `owner`    | `Book:<id>>owner`   | `User:<ownerId>` (the owner row) and `Book:<id>` (a new owner)     |
 * | `readers`  | `Book:<id>>readers` | `Book:<id>:readers` (the links) and `User:<id>` of every reader    |
 */
import type { Cacheme } from '@cacheme/core'
import type { Book, Db } from './db.js'

export interface Person {
  readonly id: number
  readonly name: string
}

export interface BookSerializer {
  title(book: Book): Promise<string>
  owner(book: Book): Promise<Person>
  readers(book: Book): Promise<Person[]>
}

export function bookSerializer(cm: Cacheme, db: Db): BookSerializer {
  return {
    title: cm.wrap(async (book: Book) => book.title, {
      tag: 'BookSerializer.title',
      key: (c) => `Book:${c.args[0].id}>title`,
      invalidKeys: (c) => [`Book:${c.args[0].id}`],
    }),
    owner: cm.wrap(
      async (book: Book): Promise<Person> => {
        const owner = await db.User.findByPk(book.ownerId, { rejectOnEmpty: true })
        return { id: owner.id, name: owner.name }
      },
      {
        tag: 'BookSerializer.owner',
        key: (c) => `Book:${c.args[0].id}>owner`,
        // The owner's row, and the book's own row: changing `ownerId` must recompute it too.
        invalidKeys: (c) => [`User:${c.args[0].ownerId}`, `Book:${c.args[0].id}`],
      },
    ),
    readers: cm.wrap(
      async (book: Book): Promise<Person[]> => {
        const readers = await book.getReaders({ joinTableAttributes: [], order: [['id', 'ASC']] })
        return readers.map(({ id, name }) => ({ id, name }))
      },
      {
        tag: 'BookSerializer.readers',
        key: (c) => `Book:${c.args[0].id}>readers`,
        invalidKeys: (c) => [
          `Book:${c.args[0].id}:readers`,
          ...c.result.map((reader) => `User:${reader.id}`),
        ],
      },
    ),
  }
}
