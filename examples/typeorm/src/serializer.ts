/**
 * The cached getters `GET /books/:id` is built from, as decorated methods. Each part has its own field in
 * the hash `Book:<id>` and its own invalid keys, so a change recomputes only the parts it concerns:
 *
 * | getter     | key                 | invalid keys (removed by the adapter after COMMIT)                 |
 * |------------|---------------------|--------------------------------------------------------------------|
 * | `title`    | `Book:<id>>title`   | `Book:<id>` (the book row)                                         |
 * | `owner`    | `Book:<id>>owner`   | `User:<ownerId>` (the owner row) and `Book:<id>` (a new owner)     |
 * | `readers`  | `Book:<id>>readers` | `Book:<id>:readers` (the links) and `User:<id>` of every reader    |
 *
 * A decorator needs its cacheme instance when the class is defined, so the class is created per instance
 * (`bookSerializer(cm, db)`); with one app-wide `cm` module, declare it at the top level instead.
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
  class TypeormBookSerializer implements BookSerializer {
    @cm.cacheme<BookSerializer['title']>({
      tag: 'BookSerializer.title',
      key: (c) => `Book:${c.args[0].id}>title`,
      invalidKeys: (c) => [`Book:${c.args[0].id}`],
    })
    async title(book: Book): Promise<string> {
      return (await db.books.findOneByOrFail({ id: book.id })).title
    }

    @cm.cacheme<BookSerializer['owner']>({
      tag: 'BookSerializer.owner',
      key: (c) => `Book:${c.args[0].id}>owner`,
      // The owner's row, and the book's own row: changing the owner must recompute it too.
      invalidKeys: (c) => [`User:${c.args[0].owner.id}`, `Book:${c.args[0].id}`],
    })
    async owner(book: Book): Promise<Person> {
      const { id, name } = await db.users.findOneByOrFail({ id: book.owner.id })
      return { id, name }
    }

    @cm.cacheme<BookSerializer['readers']>({
      tag: 'BookSerializer.readers',
      key: (c) => `Book:${c.args[0].id}>readers`,
      invalidKeys: (c) => [`Book:${c.args[0].id}:readers`, ...c.result.map((reader) => `User:${reader.id}`)],
    })
    async readers(book: Book): Promise<Person[]> {
      const readers = await db.users.find({ where: { books: { id: book.id } }, order: { id: 'ASC' } })
      return readers.map(({ id, name }) => ({ id, name }))
    }
  }
  return new TypeormBookSerializer()
}
