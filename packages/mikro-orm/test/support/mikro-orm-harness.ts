/**
 * The conformance-suite harness for MikroORM, on SQLite or PostgreSQL (see `database.ts`).
 *
 * Writes use the unit of work the way MikroORM users write them: a fresh `em.fork()` per operation (a
 * request), load, change, `flush()`; inside the suite's transactions the transactional `EntityManager`
 * is the `tx`. Many-to-many changes go through `Collection.add/remove/set/removeAll` on a populated
 * collection, from either side. Bulk writes are `em.nativeUpdate()` / `em.nativeDelete()`; the raw
 * write runs on the knex instance (`em.getKnex()`), below MikroORM, which no adapter can see.
 */
import type { Cacheme } from '@cacheme/core'
import type { AdapterOptions, Detach } from '@cacheme/core/adapter'
import {
  type AdapterHarness,
  type BookCriteria,
  type BookRow,
  compareIds,
  type Id,
} from '@cacheme/test-suite'
import type { EntityManager, FilterQuery } from '@mikro-orm/core'
import { mikroOrmAdapter } from '../../src/index.js'
import { type Database, type OpenedOrm, openOrm } from './database.js'
import { Book, suiteEntities, User } from './entities.js'

/** The lifecycle half of a harness: empty tables before each test, the adapter attached to `cm`. */
export function lifecycle(opened: OpenedOrm) {
  return {
    setup: () => opened.reset(),
    teardown: async () => {},
    close: () => opened.close(),
    attach: (cm: Cacheme, options?: AdapterOptions): Promise<Detach> =>
      cm.attach(mikroOrmAdapter(opened.orm, options)),
  }
}

export async function mikroOrmHarness(database: Database): Promise<AdapterHarness<EntityManager>> {
  const opened = await openOrm(database, suiteEntities)
  const { orm } = opened
  const m = (tx?: EntityManager): EntityManager => tx ?? orm.em.fork()
  const users = (em: EntityManager, ids: readonly Id[]) => ids.map((id) => em.getReference(User, Number(id)))
  const books = (em: EntityManager, ids: readonly Id[]) => ids.map((id) => em.getReference(Book, Number(id)))
  const bookWithUsers = (em: EntityManager, id: Id) =>
    em.findOneOrFail(Book, Number(id), { populate: ['users'] })
  const userWithBooks = (em: EntityManager, id: Id) =>
    em.findOneOrFail(User, Number(id), { populate: ['books'] })
  const bookRow = (book: Book): BookRow => ({
    id: book.id,
    title: book.title,
    ownerId: book.owner?.id ?? null,
  })
  const where = (criteria: BookCriteria): FilterQuery<Book> => ({
    ...(criteria.title === undefined ? {} : { title: criteria.title }),
    ...(criteria.ownerId === undefined ? {} : { owner: Number(criteria.ownerId) }),
  })

  return {
    ...lifecycle(opened),

    async createUser(name, tx) {
      const em = m(tx)
      const user = em.create(User, { name })
      await em.flush()
      return { id: user.id, name: user.name }
    },
    async createBook({ title, ownerId = null }, tx) {
      const em = m(tx)
      const owner = ownerId === null ? null : em.getReference(User, Number(ownerId))
      const book = em.create(Book, { title, owner })
      await em.flush()
      return { id: book.id, title: book.title, ownerId }
    },
    async updateUser(id, changes, tx) {
      const em = m(tx)
      const user = await em.findOneOrFail(User, Number(id))
      user.name = changes.name
      await em.flush()
    },
    async updateBook(id, changes, tx) {
      const em = m(tx)
      const book = await em.findOneOrFail(Book, Number(id))
      if (changes.title !== undefined) book.title = changes.title
      if (changes.ownerId !== undefined)
        book.owner = changes.ownerId === null ? null : em.getReference(User, Number(changes.ownerId))
      await em.flush()
    },
    async removeUser(id, tx) {
      const em = m(tx)
      await em.remove(await em.findOneOrFail(User, Number(id))).flush()
    },
    async removeBook(id, tx) {
      const em = m(tx)
      await em.remove(await em.findOneOrFail(Book, Number(id))).flush()
    },
    softRemoveBook: async () => {
      throw new Error('MikroORM has no built-in soft delete (capabilities.softDelete is false)')
    },

    async addUsersToBook(bookId, userIds, tx) {
      const em = m(tx)
      ;(await bookWithUsers(em, bookId)).users.add(users(em, userIds))
      await em.flush()
    },
    async addBooksToUser(userId, bookIds, tx) {
      const em = m(tx)
      ;(await userWithBooks(em, userId)).books.add(books(em, bookIds))
      await em.flush()
    },
    async removeUsersFromBook(bookId, userIds, tx) {
      const em = m(tx)
      const ids = userIds.map(Number)
      ;(await bookWithUsers(em, bookId)).users.remove((user) => ids.includes(user.id))
      await em.flush()
    },
    async removeBooksFromUser(userId, bookIds, tx) {
      const em = m(tx)
      const ids = bookIds.map(Number)
      ;(await userWithBooks(em, userId)).books.remove((book) => ids.includes(book.id))
      await em.flush()
    },
    async setBookUsers(bookId, userIds, tx) {
      const em = m(tx)
      ;(await bookWithUsers(em, bookId)).users.set(users(em, userIds))
      await em.flush()
    },
    async setUserBooks(userId, bookIds, tx) {
      const em = m(tx)
      ;(await userWithBooks(em, userId)).books.set(books(em, bookIds))
      await em.flush()
    },
    async clearBookUsers(bookId, tx) {
      const em = m(tx)
      ;(await bookWithUsers(em, bookId)).users.removeAll()
      await em.flush()
    },
    async clearUserBooks(userId, tx) {
      const em = m(tx)
      ;(await userWithBooks(em, userId)).books.removeAll()
      await em.flush()
    },

    async bulkUpdateBooks(criteria, changes, tx) {
      await m(tx).nativeUpdate(Book, where(criteria), { title: changes.title })
    },
    async bulkDeleteBooks(criteria, tx) {
      await m(tx).nativeDelete(Book, where(criteria))
    },
    async rawUpdateBookTitle(id, title) {
      await orm.em
        .getKnex()
        .raw(`update ${opened.table('Book')} set "title" = ? where "id" = ?`, [title, Number(id)])
    },

    transaction: (fn) => orm.em.fork().transactional((em) => fn(em)),
    savepoint: (tx, fn) => tx.transactional((em) => fn(em)),

    async readUser(id) {
      const user = await orm.em.fork().findOne(User, Number(id))
      return user && { id: user.id, name: user.name }
    },
    async readBook(id) {
      const book = await orm.em.fork().findOne(Book, Number(id))
      return book && bookRow(book)
    },
    async readBooks() {
      return (await orm.em.fork().find(Book, {}, { orderBy: { id: 'asc' } })).map(bookRow)
    },
    async readBookUsers(bookId) {
      const found = await orm.em.fork().find(User, { books: Number(bookId) })
      return found.map((user) => user.id).sort(compareIds)
    },
    async readUserBooks(userId) {
      const found = await orm.em.fork().find(Book, { users: Number(userId) })
      return found.map((book) => book.id).sort(compareIds)
    },
  }
}
