/**
 * The conformance-suite harness for TypeORM, on SQLite (better-sqlite3, in memory) or PostgreSQL (a
 * random schema per harness, dropped on close, so parallel test files never collide).
 *
 * Writes use the entity API the way TypeORM users write them: load, change, `save()` / `remove()`;
 * many-to-many changes assign the relation array and `save()` from either side. Bulk writes use
 * `manager.update()` / `manager.delete()` (query builders underneath).
 */
import { randomUUID } from 'node:crypto'
import type { Cacheme } from '@cacheme/core'
import type { AdapterOptions, Detach } from '@cacheme/core/adapter'
import {
  type AdapterHarness,
  type BookCriteria,
  type BookRow,
  compareIds,
  type Id,
  type UserRow,
} from '@cacheme/test-suite'
import { DataSource, type DataSourceOptions, type EntityManager, type FindOptionsWhere } from 'typeorm'
import { typeormAdapter } from '../../src/index.js'
import { Book, User } from './entities.js'

export type Database = 'sqlite' | 'postgres'

/** The PostgreSQL URL of the test services; missing → a loud failure, never a skip. */
export function pgUrl(): string {
  const url = process.env.CACHEME_PG_URL
  if (!url) {
    throw new Error(
      'CACHEME_PG_URL is not set: start services with `bash scripts/services.sh start` (or run `pnpm test:all`).',
    )
  }
  return url
}

/** An initialized DataSource over the suite's entities; on PostgreSQL in a fresh schema of its own. */
export async function openDataSource(
  database: Database,
  entities: DataSourceOptions['entities'] = [User, Book],
) {
  const schema = `cm_${randomUUID().replaceAll('-', '').slice(0, 12)}`
  const options: DataSourceOptions =
    database === 'sqlite'
      ? { type: 'better-sqlite3', database: ':memory:', entities }
      : // gen_random_uuid() is built into PostgreSQL ≥ 13; uuid-ossp would have to be installed per database.
        { type: 'postgres', url: pgUrl(), schema, entities, poolSize: 5, uuidExtension: 'pgcrypto' }
  const dataSource = await new DataSource(options).initialize()
  if (database === 'postgres') await dataSource.query(`CREATE SCHEMA "${schema}"`)
  return {
    dataSource,
    /** Drops and recreates every table (once, after connecting). */
    reset: () => dataSource.synchronize(true),
    /** Empties every table and restarts ids, keeping the schema (much cheaper than `reset`). */
    truncate: () => truncateAll(dataSource),
    close: async () => {
      if (database === 'postgres') await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`)
      await dataSource.destroy()
    },
  }
}

/** The lifecycle half of a harness: empty tables before each test, the adapter attached to `cm`. */
export function lifecycle(
  opened: Pick<Awaited<ReturnType<typeof openDataSource>>, 'dataSource' | 'truncate' | 'close'>,
) {
  return {
    setup: opened.truncate,
    teardown: async () => {},
    close: opened.close,
    attach: (cm: Cacheme, options?: AdapterOptions): Promise<Detach> =>
      cm.attach(typeormAdapter(opened.dataSource, options)),
  }
}

/** Deletes every row of every table of `ds` and restarts generated ids. */
async function truncateAll(ds: DataSource): Promise<void> {
  const tables = ds.entityMetadatas
    .filter((metadata) => metadata.tableType !== 'entity-child')
    .map((metadata) =>
      metadata.tablePath
        .split('.')
        .map((part) => ds.driver.escape(part))
        .join('.'),
    )
  if (ds.options.type === 'postgres') {
    await ds.query(`TRUNCATE TABLE ${tables.join(', ')} RESTART IDENTITY CASCADE`)
    return
  }
  await ds.query('PRAGMA foreign_keys = OFF')
  try {
    for (const table of tables) await ds.query(`DELETE FROM ${table}`)
    const sequences = await ds.query("SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'")
    if (sequences.length > 0) await ds.query('DELETE FROM sqlite_sequence')
  } finally {
    await ds.query('PRAGMA foreign_keys = ON')
  }
}

export async function typeormHarness(database: Database): Promise<AdapterHarness<EntityManager>> {
  const opened = await openDataSource(database)
  const ds = opened.dataSource
  await opened.reset()
  const m = (tx?: EntityManager): EntityManager => tx ?? ds.manager

  const bookWithUsers = (tx: EntityManager | undefined, id: Id) =>
    m(tx).findOneOrFail(Book, { where: { id: Number(id) }, relations: { users: true } })
  const userWithBooks = (tx: EntityManager | undefined, id: Id) =>
    m(tx).findOneOrFail(User, { where: { id: Number(id) }, relations: { books: true } })
  const refs = <T>(ids: readonly Id[]) => ids.map((id) => ({ id: Number(id) }) as T)
  const bookRow = (book: Book): BookRow => ({
    id: book.id,
    title: book.title,
    ownerId: book.owner?.id ?? null,
  })
  const where = (criteria: BookCriteria): FindOptionsWhere<Book> => ({
    ...(criteria.title === undefined ? {} : { title: criteria.title }),
    ...(criteria.ownerId === undefined ? {} : { owner: { id: Number(criteria.ownerId) } }),
  })

  return {
    ...lifecycle(opened),

    async createUser(name, tx) {
      const user = await m(tx).save(m(tx).create(User, { name }))
      return { id: user.id, name: user.name }
    },
    async createBook({ title, ownerId = null }, tx) {
      const owner = ownerId === null ? null : ({ id: Number(ownerId) } as User)
      const book = await m(tx).save(m(tx).create(Book, { title, owner }))
      return { id: book.id, title: book.title, ownerId }
    },
    async updateUser(id, changes, tx) {
      const user = await m(tx).findOneByOrFail(User, { id: Number(id) })
      user.name = changes.name
      await m(tx).save(user)
    },
    async updateBook(id, changes, tx) {
      const book = await m(tx).findOneByOrFail(Book, { id: Number(id) })
      if (changes.title !== undefined) book.title = changes.title
      if (changes.ownerId !== undefined)
        book.owner = changes.ownerId === null ? null : ({ id: Number(changes.ownerId) } as User)
      await m(tx).save(book)
    },
    async removeUser(id, tx) {
      await m(tx).remove(await m(tx).findOneByOrFail(User, { id: Number(id) }))
    },
    async removeBook(id, tx) {
      await m(tx).remove(await m(tx).findOneByOrFail(Book, { id: Number(id) }))
    },
    async softRemoveBook(id, tx) {
      await m(tx).softRemove(await m(tx).findOneByOrFail(Book, { id: Number(id) }))
    },

    async addUsersToBook(bookId, userIds, tx) {
      const book = await bookWithUsers(tx, bookId)
      book.users.push(...refs<User>(userIds))
      await m(tx).save(book)
    },
    async addBooksToUser(userId, bookIds, tx) {
      const user = await userWithBooks(tx, userId)
      user.books.push(...refs<Book>(bookIds))
      await m(tx).save(user)
    },
    async removeUsersFromBook(bookId, userIds, tx) {
      const book = await bookWithUsers(tx, bookId)
      book.users = book.users.filter((user) => !userIds.map(Number).includes(user.id))
      await m(tx).save(book)
    },
    async removeBooksFromUser(userId, bookIds, tx) {
      const user = await userWithBooks(tx, userId)
      user.books = user.books.filter((book) => !bookIds.map(Number).includes(book.id))
      await m(tx).save(user)
    },
    async setBookUsers(bookId, userIds, tx) {
      const book = await bookWithUsers(tx, bookId)
      book.users = refs<User>(userIds)
      await m(tx).save(book)
    },
    async setUserBooks(userId, bookIds, tx) {
      const user = await userWithBooks(tx, userId)
      user.books = refs<Book>(bookIds)
      await m(tx).save(user)
    },
    async clearBookUsers(bookId, tx) {
      const book = await bookWithUsers(tx, bookId)
      book.users = []
      await m(tx).save(book)
    },
    async clearUserBooks(userId, tx) {
      const user = await userWithBooks(tx, userId)
      user.books = []
      await m(tx).save(user)
    },

    async bulkUpdateBooks(criteria, changes, tx) {
      await m(tx).update(Book, where(criteria), { title: changes.title })
    },
    async bulkDeleteBooks(criteria, tx) {
      await m(tx).delete(Book, where(criteria))
    },
    async rawUpdateBookTitle(id, title) {
      const table = ds
        .getMetadata(Book)
        .tablePath.split('.')
        .map((part) => ds.driver.escape(part))
        .join('.')
      const [sql, parameters] = ds.driver.escapeQueryWithParameters(
        `UPDATE ${table} SET ${ds.driver.escape('title')} = :title WHERE ${ds.driver.escape('id')} = :id`,
        { title, id: Number(id) },
      )
      await ds.query(sql, parameters)
    },

    transaction: (fn) => ds.transaction((manager) => fn(manager)),
    savepoint: (tx, fn) => tx.transaction((manager) => fn(manager)),

    async readUser(id): Promise<UserRow | null> {
      const user = await ds.manager.findOneBy(User, { id: Number(id) })
      return user && { id: user.id, name: user.name }
    },
    async readBook(id) {
      const book = await ds.manager.findOne(Book, { where: { id: Number(id) }, relations: { owner: true } })
      return book && bookRow(book)
    },
    async readBooks() {
      const books = await ds.manager.find(Book, { relations: { owner: true }, order: { id: 'ASC' } })
      return books.map(bookRow)
    },
    async readBookUsers(bookId) {
      const users = await ds.createQueryBuilder().relation(Book, 'users').of(Number(bookId)).loadMany<User>()
      return users.map((user) => user.id).sort(compareIds)
    },
    async readUserBooks(userId) {
      const books = await ds.createQueryBuilder().relation(User, 'books').of(Number(userId)).loadMany<Book>()
      return books.map((book) => book.id).sort(compareIds)
    },
  }
}
