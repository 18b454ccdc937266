/**
 * The example's database: `User` (`id`, `name`), `Book` (`id`, `title`, `owner` → User) and the
 * many-to-many `Book.readers` ↔ `User.books` (owning side `Book.readers`), entities in `entities.ts`.
 *
 * SQLite file by default (`./data/typeorm.sqlite` under the example, recreated on every start), or
 * PostgreSQL when `DATABASE_URL` is set (the tables are dropped and recreated there too: run it on a
 * scratch database).
 */
import 'reflect-metadata'
import { mkdirSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DataSource, type Repository } from 'typeorm'
import { Book, User } from './entities.js'

export { Book, User }

export interface Db {
  readonly dataSource: DataSource
  readonly users: Repository<User>
  readonly books: Repository<Book>
  /** Where the data lives, for the log: the SQLite file or the PostgreSQL host. */
  readonly where: string
  /** Whether readers share the writers' one connection (TypeORM's SQLite drivers): see main.ts. */
  readonly sharedConnection: boolean
  /** Recreates the tables and inserts 2 users and 1 book (owner: the first user). */
  seed(): Promise<{ users: [User, User]; book: Book }>
  close(): Promise<void>
}

export const defaultFile = fileURLToPath(new URL('../data/typeorm.sqlite', import.meta.url))

/** Opens (initializes) the database. */
export async function openDb(options: { databaseUrl?: string | undefined; file?: string } = {}): Promise<Db> {
  const file = options.file ?? defaultFile
  let dataSource: DataSource
  if (options.databaseUrl) {
    dataSource = new DataSource({ type: 'postgres', url: options.databaseUrl, entities: [User, Book] })
  } else {
    mkdirSync(dirname(file), { recursive: true })
    rmSync(file, { force: true })
    dataSource = new DataSource({ type: 'better-sqlite3', database: file, entities: [User, Book] })
  }
  await dataSource.initialize()
  const users = dataSource.getRepository(User)
  const books = dataSource.getRepository(Book)
  return {
    dataSource,
    users,
    books,
    where: options.databaseUrl ? `PostgreSQL at ${new URL(options.databaseUrl).host}` : `SQLite file ${file}`,
    sharedConnection: !options.databaseUrl,
    async seed() {
      await dataSource.synchronize(true) // drop and recreate the tables
      const ada = await users.save(users.create({ name: 'Ada' }))
      const alan = await users.save(users.create({ name: 'Alan' }))
      const book = await books.save(books.create({ title: 'Notes', owner: ada, readers: [] }))
      return { users: [ada, alan], book }
    },
    close: () => dataSource.destroy(),
  }
}
