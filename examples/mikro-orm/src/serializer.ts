/**
 * The cached getters: each part of a book's JSON is cached on its own, under the key the seed's README
 * describes, and depends on exactly the rows it was built from. The adapter invalidates `Book:<id>` when
 * the book row changes, `User:<id>` when a user row changes and `Book:<id>:readers` when a link of
 * `Book.readers` is added or removed (from either side) — after COMMIT.
 */
import type { Cacheme } from '@cacheme/core'
import type { MikroORM } from '@mikro-orm/core'
import { Book, User } from './db.js'

/** What the getters need of a book: its id and its owner's id. */
export interface BookRef {
  readonly id: number
  readonly ownerId: number
}

export interface Person {
  readonly id: number
  readonly name: string
}

export class BookSerializer {
  /** `Book:<id>>title`, invalidated by `Book:<id>` (the book row). */
  readonly title: (book: BookRef) => Promise<string>
  /** `Book:<id>>owner`, invalidated by `User:<ownerId>` (renaming the book leaves it cached). */
  readonly owner: (book: BookRef) => Promise<Person>
  /** `Book:<id>>readers`, invalidated by `Book:<id>:readers` and by `User:<id>` of every reader in it. */
  readonly readers: (book: BookRef) => Promise<Person[]>

  constructor(cm: Cacheme, orm: MikroORM) {
    this.title = cm.wrap(async (book: BookRef) => (await orm.em.fork().findOneOrFail(Book, book.id)).title, {
      tag: 'BookSerializer.title',
      key: (c) => `Book:${c.args[0].id}>title`,
      invalidKeys: (c) => [`Book:${c.args[0].id}`],
    })
    this.owner = cm.wrap(
      async (book: BookRef) => {
        const { id, name } = await orm.em.fork().findOneOrFail(User, book.ownerId)
        return { id, name }
      },
      {
        tag: 'BookSerializer.owner',
        key: (c) => `Book:${c.args[0].id}>owner`,
        invalidKeys: (c) => [`User:${c.args[0].ownerId}`],
      },
    )
    this.readers = cm.wrap(
      async (book: BookRef) => {
        const users = await orm.em.fork().find(User, { books: book.id }, { orderBy: { id: 'asc' } })
        return users.map(({ id, name }) => ({ id, name }))
      },
      {
        tag: 'BookSerializer.readers',
        key: (c) => `Book:${c.args[0].id}>readers`,
        invalidKeys: (c) => [
          `Book:${c.args[0].id}:readers`,
          ...c.result.map((reader) => `User:${reader.id}`),
        ],
      },
    )
  }

  /** The JSON of `GET /books/:id`, built from the three cached parts. */
  async serialize(book: BookRef): Promise<{ id: number; title: string; owner: Person; readers: Person[] }> {
    const [title, owner, readers] = await Promise.all([
      this.title(book),
      this.owner(book),
      this.readers(book),
    ])
    return { id: book.id, title, owner, readers }
  }
}
