/**
 * The conformance-suite harness for Sequelize, on SQLite (in memory) or PostgreSQL (a schema of its own).
 *
 * Writes use the model and association API the way Sequelize users write them: `Model.create()`, load +
 * `save()`, `instance.destroy()` (Book is paranoid: `force: true` deletes for real), `book.addUsers()` /
 * `removeUsers()` / `setUsers()` from either side, `Model.update()` / `Model.destroy()` by criteria. The
 * transaction is passed explicitly (`{ transaction: tx }`); the CLS variant is in `cls.test.ts`.
 */
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
import type { Transaction, WhereOptions } from 'sequelize'
import { sequelizeAdapter } from '../../src/index.js'
import { type Database, openDatabase } from './database.js'
import { defineSuiteModels, type SuiteModels } from './models.js'

type BookInstance = InstanceType<SuiteModels['Book']>

export async function sequelizeHarness(database: Database): Promise<AdapterHarness<Transaction>> {
  let models!: SuiteModels
  const { sequelize, reset, close } = await openDatabase(database, (s) => {
    models = defineSuiteModels(s)
  })
  const { Book, User } = models
  const t = (transaction?: Transaction) => ({ transaction: transaction ?? null })
  const book = (id: Id, tx?: Transaction) => Book.findByPk(Number(id), { ...t(tx), rejectOnEmpty: true })
  const user = (id: Id, tx?: Transaction) => User.findByPk(Number(id), { ...t(tx), rejectOnEmpty: true })
  const ids = (list: readonly Id[]) => list.map(Number)
  const bookRow = (b: BookInstance): BookRow => ({ id: b.id, title: b.title, ownerId: b.ownerId ?? null })
  const where = (criteria: BookCriteria): WhereOptions => ({
    ...(criteria.title === undefined ? {} : { title: criteria.title }),
    ...(criteria.ownerId === undefined ? {} : { ownerId: Number(criteria.ownerId) }),
  })
  const q = (name: string) => sequelize.getQueryInterface().quoteIdentifier(name)

  return {
    setup: reset,
    teardown: async () => {},
    close,
    attach: (cm: Cacheme, options?: AdapterOptions): Promise<Detach> =>
      cm.attach(sequelizeAdapter(sequelize, options)),

    async createUser(name, tx) {
      const created = await User.create({ name }, t(tx))
      return { id: created.id, name: created.name }
    },
    async createBook({ title, ownerId = null }, tx) {
      const created = await Book.create({ title, ownerId: ownerId === null ? null : Number(ownerId) }, t(tx))
      return { id: created.id, title: created.title, ownerId }
    },
    async updateUser(id, changes, tx) {
      const found = await user(id, tx)
      found.name = changes.name
      await found.save(t(tx))
    },
    async updateBook(id, changes, tx) {
      const found = await book(id, tx)
      if (changes.title !== undefined) found.title = changes.title
      if (changes.ownerId !== undefined)
        found.ownerId = changes.ownerId === null ? null : Number(changes.ownerId)
      await found.save(t(tx))
    },
    async removeUser(id, tx) {
      await (await user(id, tx)).destroy(t(tx))
    },
    async removeBook(id, tx) {
      await (await book(id, tx)).destroy({ ...t(tx), force: true })
    },
    async softRemoveBook(id, tx) {
      await (await book(id, tx)).destroy(t(tx))
    },

    async addUsersToBook(bookId, userIds, tx) {
      await (await book(bookId, tx)).addUsers(ids(userIds), t(tx))
    },
    async addBooksToUser(userId, bookIds, tx) {
      await (await user(userId, tx)).addBooks(ids(bookIds), t(tx))
    },
    async removeUsersFromBook(bookId, userIds, tx) {
      await (await book(bookId, tx)).removeUsers(ids(userIds), t(tx))
    },
    async removeBooksFromUser(userId, bookIds, tx) {
      await (await user(userId, tx)).removeBooks(ids(bookIds), t(tx))
    },
    async setBookUsers(bookId, userIds, tx) {
      await (await book(bookId, tx)).setUsers(ids(userIds), t(tx))
    },
    async setUserBooks(userId, bookIds, tx) {
      await (await user(userId, tx)).setBooks(ids(bookIds), t(tx))
    },
    async clearBookUsers(bookId, tx) {
      await (await book(bookId, tx)).setUsers([], t(tx))
    },
    async clearUserBooks(userId, tx) {
      await (await user(userId, tx)).setBooks([], t(tx))
    },

    async bulkUpdateBooks(criteria, changes, tx) {
      await Book.update({ title: changes.title }, { where: where(criteria), ...t(tx) })
    },
    async bulkDeleteBooks(criteria, tx) {
      await Book.destroy({ where: where(criteria), force: true, ...t(tx) })
    },
    async rawUpdateBookTitle(id, title) {
      await sequelize.query(`UPDATE ${q('Book')} SET ${q('title')} = ? WHERE ${q('id')} = ?`, {
        replacements: [title, Number(id)],
      })
    },

    transaction: (fn) => sequelize.transaction((tx) => fn(tx)),
    savepoint: (tx, fn) => sequelize.transaction({ transaction: tx }, (inner) => fn(inner)),

    async readUser(id): Promise<UserRow | null> {
      const found = await User.findByPk(Number(id))
      return found && { id: found.id, name: found.name }
    },
    async readBook(id) {
      const found = await Book.findByPk(Number(id))
      return found && bookRow(found)
    },
    async readBooks() {
      return (await Book.findAll({ order: [['id', 'ASC']] })).map(bookRow)
    },
    async readBookUsers(bookId) {
      // Users linked to a book that is not soft-deleted (the paranoid include filters it).
      const users = await User.findAll({
        attributes: ['id'],
        include: [
          {
            association: 'books',
            attributes: [],
            where: { id: Number(bookId) },
            through: { attributes: [] },
          },
        ],
      })
      return users.map((u) => u.id).sort(compareIds)
    },
    async readUserBooks(userId) {
      const books = await Book.findAll({
        attributes: ['id'],
        include: [
          {
            association: 'users',
            attributes: [],
            where: { id: Number(userId) },
            through: { attributes: [] },
          },
        ],
      })
      return books.map((b) => b.id).sort(compareIds)
    },
  }
}
