/**
 * The ORM setup: `User`, `Book` (many-to-one `owner`), and the many-to-many `Book.readers` ↔ `User.books`
 * (owning side `Book.readers`), as plain classes mapped with `EntitySchema` — no decorators, so no
 * `reflect-metadata` and no `emitDecoratorMetadata` (MikroORM's `@Entity()` / `@Property()` work the same
 * with the adapter; it reads MikroORM's metadata, however it was declared).
 *
 * Database: a SQLite file (`./data/mikro-orm.sqlite` under this example, recreated on every start) or,
 * with `DATABASE_URL=postgres://…`, PostgreSQL in a schema of its own (`cacheme_example`, recreated).
 */
import { mkdirSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite'
import { Collection, EntitySchema, MikroORM, OptionalProps } from '@mikro-orm/core'
import { PostgreSqlDriver } from '@mikro-orm/postgresql'

export class User {
  declare [OptionalProps]?: 'books'
  id!: number
  name!: string
  books = new Collection<Book>(this)
}

export class Book {
  declare [OptionalProps]?: 'readers'
  id!: number
  title!: string
  owner!: User
  readers = new Collection<User>(this)
}

const UserSchema = new EntitySchema<User>({
  class: User,
  tableName: 'users',
  properties: {
    id: { type: 'number', primary: true, autoincrement: true },
    name: { type: 'string' },
    books: { kind: 'm:n', entity: () => Book, mappedBy: 'readers' },
  },
})

const BookSchema = new EntitySchema<Book>({
  class: Book,
  tableName: 'books',
  properties: {
    id: { type: 'number', primary: true, autoincrement: true },
    title: { type: 'string' },
    owner: { kind: 'm:1', entity: () => User },
    readers: { kind: 'm:n', entity: () => User, inversedBy: 'books', owner: true },
  },
})

/** The entity schemas, for `MikroORM.init({ entities })`. */
export const entities = [UserSchema, BookSchema]

export const defaultSqliteFile = fileURLToPath(new URL('../data/mikro-orm.sqlite', import.meta.url))
const PG_SCHEMA = 'cacheme_example'

export interface Db {
  readonly orm: MikroORM
  /** Where the data lives, for the start banner. */
  readonly where: string
  close(): Promise<void>
}

/** Opens (and recreates) the database: PostgreSQL when `databaseUrl` is given, else the SQLite file. */
export async function openDb(options: { databaseUrl?: string; sqliteFile?: string } = {}): Promise<Db> {
  if (options.databaseUrl) {
    const orm = await MikroORM.init({
      driver: PostgreSqlDriver,
      clientUrl: options.databaseUrl,
      schema: PG_SCHEMA,
      entities,
    })
    await orm.schema.refreshDatabase({ schema: PG_SCHEMA })
    return { orm, where: `PostgreSQL (schema ${PG_SCHEMA})`, close: () => orm.close(true) }
  }
  const file = options.sqliteFile ?? defaultSqliteFile
  mkdirSync(dirname(file), { recursive: true })
  rmSync(file, { force: true })
  const orm = await MikroORM.init({ driver: BetterSqliteDriver, dbName: file, entities })
  await orm.schema.createSchema()
  return { orm, where: `SQLite ${file}`, close: () => orm.close(true) }
}

/** Two users and one book owned by the first, read by nobody yet. */
export async function seed(orm: MikroORM): Promise<{ ada: number; alan: number; book: number }> {
  const em = orm.em.fork()
  const ada = em.create(User, { name: 'Ada' })
  const alan = em.create(User, { name: 'Alan' })
  const book = em.create(Book, { title: 'Notes', owner: ada })
  await em.flush()
  return { ada: ada.id, alan: alan.id, book: book.id }
}
