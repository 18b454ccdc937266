/**
 * The harness an ORM adapter implements to run the shared conformance suite.
 *
 * The suite never touches an ORM itself: it drives the ORM through these few ORM-agnostic operations and
 * checks what cacheme serves afterwards. Every write goes through the ORM's **entity API** (what a user
 * of that ORM writes day to day: `repo.save(book)`, `book.save()`, `em.flush()`...), except the explicitly
 * bulk and raw operations, which exist to exercise "rows unknown" and "invisible" writes.
 *
 * ## The schema (names are part of the contract: the suite builds keys from them)
 *
 * - `User` (`id`, `name`). Its entity class has the seed's model property as a **getter**:
 *   `get cacheKey() { return [\`User:${this.id}\`, \`Person:${this.id}\`] }` — a list, so that the suite can
 *   tell the getter (which adds `Person:<id>`) from the default key (`User:<id>`).
 * - `Book` (`id`, `title`, `owner` → `User`, many-to-one, nullable; optionally a soft-delete column).
 *   No `cacheKey` getter: its default key is `Book:<id>`.
 * - `Book.users` ↔ `User.books`, many-to-many, **owning side `Book.users`** (the key of the `m2m` option is
 *   `'Book.users'`). Default m2m invalid keys: `Book:<bookId>:users` and `User:<userId>:books`.
 *
 * Ids may be numbers or strings; the suite only formats them with `String(id)`.
 */
import type { Cacheme } from '@cacheme/core'
import type { AdapterOptions, Detach } from '@cacheme/core/adapter'

/** A primary key as the ORM returns it. */
export type Id = number | string

/** A `User` row as read from the database. */
export interface UserRow {
  readonly id: Id
  readonly name: string
}

/** A `Book` row as read from the database (soft-deleted books are never returned). */
export interface BookRow {
  readonly id: Id
  readonly title: string
  readonly ownerId: Id | null
}

/** Which books a bulk operation targets: every given field must match (AND). At least one field is given. */
export interface BookCriteria {
  readonly ownerId?: Id
  readonly title?: string
}

/**
 * Optional behaviour, declared rather than skipped by name. A test that needs a capability is registered
 * only when the factory declares it; every other test runs on every adapter.
 */
export interface AdapterCapabilities {
  /** `softRemoveBook` exists: the ORM soft-deletes (a deleted-at column it filters out of reads). */
  readonly softDelete: boolean
  /**
   * `savepoint(tx, fn)` opens a nested transaction (SAVEPOINT): when `fn` throws, only the savepoint's
   * writes are rolled back and the outer transaction can still commit.
   */
  readonly savepoints: boolean
  /**
   * Every statement of the harness's ORM handle runs on **one shared database connection** — reads outside
   * a transaction included — so readers see a transaction's rows before it commits (TypeORM's SQLite
   * drivers share one query runner; Sequelize shares one connection for an in-memory SQLite). There is no
   * isolation to wait for, so the adapter invalidates a change when it is made, again at COMMIT (for
   * other connections to the same database), and again when its transaction or savepoint rolls back
   * (values read from its rows are gone with them): core's `TransactionScopes` option `sharedConnection`.
   * The transaction tests then expect that instead of "nothing before COMMIT, nothing on ROLLBACK".
   * Default `false`.
   */
  readonly sharedConnection?: boolean
}

/**
 * The operations the suite drives. All are async; `tx` (optional on every write) runs the write inside a
 * transaction opened by {@link AdapterHarness.transaction} or {@link AdapterHarness.savepoint}; without it
 * the write runs on its own, the way the ORM does by default.
 *
 * Reads (`read*`) are what cached functions compute from. They run **outside** any transaction, on
 * whatever connection the ORM picks (so on a single-connection database they may see uncommitted rows —
 * the suite's assertions hold either way).
 */
export interface AdapterHarness<Tx = unknown> {
  /** Before each test: empty tables (fresh schema or truncated tables), ids may restart. */
  setup(): Promise<void>
  /** After each test. */
  teardown(): Promise<void>
  /** After the last test: close connections, drop what the harness created. */
  close(): Promise<void>

  /** Attaches the adapter under test to `cm`: `cm.attach(xxxAdapter(orm, options))`. */
  attach(cm: Cacheme, options?: AdapterOptions): Promise<Detach>

  createUser(name: string, tx?: Tx): Promise<UserRow>
  createBook(input: { title: string; ownerId?: Id | null }, tx?: Tx): Promise<BookRow>
  /** Loads the user, changes it and saves it through the entity API. */
  updateUser(id: Id, changes: { name: string }, tx?: Tx): Promise<void>
  /** Loads the book, changes it and saves it through the entity API. */
  updateBook(id: Id, changes: { title?: string; ownerId?: Id | null }, tx?: Tx): Promise<void>
  /** Deletes the user through the entity API (its junction rows go with it). */
  removeUser(id: Id, tx?: Tx): Promise<void>
  /** Deletes the book through the entity API (its junction rows go with it). */
  removeBook(id: Id, tx?: Tx): Promise<void>
  /** Soft-deletes the book (only called when `capabilities.softDelete`). */
  softRemoveBook(id: Id, tx?: Tx): Promise<void>

  /** `book.users.add(...users)` — from the owning side. */
  addUsersToBook(bookId: Id, userIds: readonly Id[], tx?: Tx): Promise<void>
  /** `user.books.add(...books)` — from the inverse side. */
  addBooksToUser(userId: Id, bookIds: readonly Id[], tx?: Tx): Promise<void>
  /** `book.users.remove(...users)`. */
  removeUsersFromBook(bookId: Id, userIds: readonly Id[], tx?: Tx): Promise<void>
  /** `user.books.remove(...books)`. */
  removeBooksFromUser(userId: Id, bookIds: readonly Id[], tx?: Tx): Promise<void>
  /** Replaces the book's users with exactly `userIds`. */
  setBookUsers(bookId: Id, userIds: readonly Id[], tx?: Tx): Promise<void>
  /** Replaces the user's books with exactly `bookIds`. */
  setUserBooks(userId: Id, bookIds: readonly Id[], tx?: Tx): Promise<void>
  /** `book.users.clear()`. */
  clearBookUsers(bookId: Id, tx?: Tx): Promise<void>
  /** `user.books.clear()`. */
  clearUserBooks(userId: Id, tx?: Tx): Promise<void>

  /** One UPDATE by criteria, rows not loaded (`repo.update(where, set)`, `Model.update(set, { where })`...). */
  bulkUpdateBooks(where: BookCriteria, changes: { title: string }, tx?: Tx): Promise<void>
  /** One DELETE by criteria, rows not loaded. */
  bulkDeleteBooks(where: BookCriteria, tx?: Tx): Promise<void>
  /** Raw SQL the adapter cannot see: `UPDATE book SET title = ? WHERE id = ?`. */
  rawUpdateBookTitle(id: Id, title: string): Promise<void>

  /** Runs `fn` in a transaction: commits when it resolves, rolls back and rethrows when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>
  /**
   * Runs `fn` in a transaction nested in `tx` (a savepoint where the ORM has them): released when it
   * resolves, rolled back (to the savepoint) and rethrown when it throws.
   */
  savepoint<T>(tx: Tx, fn: (tx: Tx) => Promise<T>): Promise<T>

  readUser(id: Id): Promise<UserRow | null>
  readBook(id: Id): Promise<BookRow | null>
  /** Every (not soft-deleted) book, by ascending id. */
  readBooks(): Promise<BookRow[]>
  /** Ids of the book's users, ascending. */
  readBookUsers(bookId: Id): Promise<Id[]>
  /** Ids of the user's books, ascending. */
  readUserBooks(userId: Id): Promise<Id[]>
}

/**
 * What an adapter hands to `runAdapterSuite` (with its `runner`). Name and capabilities are plain data because the test runner
 * needs them while registering tests, before anything async (connecting) can run.
 */
export interface HarnessFactory<Tx = unknown> {
  /** Shown as the outer describe, e.g. `typeorm on PostgreSQL`. */
  readonly name: string
  readonly capabilities: AdapterCapabilities
  /** Creates the harness once per suite run (connects, builds the schema), in `beforeAll`. */
  create(): Promise<AdapterHarness<Tx>>
}
