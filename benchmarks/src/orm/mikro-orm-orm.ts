/**
 * MikroORM (better-sqlite3 in memory, or PostgreSQL in a throwaway schema) with `@cacheme/mikro-orm`.
 * `save` is one `flush()` of a changed, loaded entity. `saveTwoInTransaction(a, b)` is MikroORM's unit of
 * work at its most typical: one `flush()` (one implicit transaction) that changes books `a` and `b` and
 * adds or removes the link between book `a` and reader `b` — two UPDATEs and a pivot-row INSERT/DELETE.
 */
import { randomUUID } from 'node:crypto'
import { mikroOrmAdapter } from '@cacheme/mikro-orm'
import { MikroORM as SqliteOrm } from '@mikro-orm/better-sqlite'
import { Collection, EntitySchema, type MikroORM, OptionalProps } from '@mikro-orm/core'
import { MikroORM as PostgresOrm } from '@mikro-orm/postgresql'
import type { OrmFixture, OrmPlugin } from './orm-plugin.js'

class BenchBook {
  declare [OptionalProps]?: 'readers'
  id!: number
  title!: string
  readers = new Collection<BenchReader>(this)
}
class BenchReader {
  declare [OptionalProps]?: 'books'
  id!: number
  name!: string
  books = new Collection<BenchBook>(this)
}

const entities = [
  new EntitySchema<BenchBook>({
    class: BenchBook,
    properties: {
      id: { type: 'number', primary: true, autoincrement: true },
      title: { type: 'string' },
      readers: { kind: 'm:n', entity: () => BenchReader, inversedBy: 'books', owner: true },
    },
  }),
  new EntitySchema<BenchReader>({
    class: BenchReader,
    properties: {
      id: { type: 'number', primary: true, autoincrement: true },
      name: { type: 'string' },
      books: { kind: 'm:n', entity: () => BenchBook, mappedBy: 'readers' },
    },
  }),
]

const plugin: OrmPlugin = {
  name: 'mikro-orm',
  adapterPackage: '@cacheme/mikro-orm',
  async open(database, pgUrl): Promise<OrmFixture> {
    const schema = `bench_${randomUUID().replaceAll('-', '').slice(0, 10)}`
    const orm: MikroORM =
      database === 'sqlite'
        ? await SqliteOrm.init({ dbName: ':memory:', entities })
        : await PostgresOrm.init({ clientUrl: pgUrl, schema, entities })
    if (database === 'postgres') await orm.em.getConnection().execute(`create schema "${schema}"`)
    await orm.schema.createSchema(database === 'postgres' ? { schema } : {})
    // One long-lived EntityManager holds the loaded rows (its identity map), as a request would.
    const em = orm.em.fork()
    const books = new Map<number, BenchBook>()
    const readers = new Map<number, BenchReader>()
    return {
      async seed(rows) {
        const created = Array.from({ length: rows }, (_, i) => ({
          book: em.create(BenchBook, { title: `book ${i}` }),
          reader: em.create(BenchReader, { name: `reader ${i}` }),
        }))
        await em.flush()
        await em.populate(
          created.map(({ book }) => book),
          ['readers'],
        )
        for (const { book, reader } of created) {
          books.set(book.id, book)
          readers.set(book.id, reader)
        }
        return [...books.keys()]
      },
      title: async (id) => (await orm.em.fork().findOne(BenchBook, id))?.title,
      async save(id, title) {
        books.get(id)!.title = title
        await em.flush()
      },
      async saveTwoInTransaction(a, b, title) {
        const book = books.get(a)!
        const reader = readers.get(b)!
        book.title = title
        books.get(b)!.title = title
        if (book.readers.contains(reader)) book.readers.remove(reader)
        else book.readers.add(reader)
        await em.flush()
      },
      invalidKey: (id) => `BenchBook:${id}`,
      attach: (cm, adapterOptions) => cm.attach(mikroOrmAdapter(orm, adapterOptions)),
      async close() {
        if (database === 'postgres') await orm.em.getConnection().execute(`drop schema "${schema}" cascade`)
        await orm.close(true)
      },
    }
  },
}

export default plugin
