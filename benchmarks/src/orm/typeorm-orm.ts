/** TypeORM (better-sqlite3 in memory, or PostgreSQL in a throwaway schema) with `@cacheme/typeorm`. */
import 'reflect-metadata'
import { randomUUID } from 'node:crypto'
import { typeormAdapter } from '@cacheme/typeorm'
import { Column, DataSource, type DataSourceOptions, Entity, PrimaryGeneratedColumn } from 'typeorm'
import type { OrmFixture, OrmPlugin } from './orm-plugin.js'

@Entity('BenchBook')
class BenchBook {
  @PrimaryGeneratedColumn()
  id!: number

  @Column({ type: 'varchar' })
  title!: string
}

const plugin: OrmPlugin = {
  name: 'typeorm',
  adapterPackage: '@cacheme/typeorm',
  async open(database, pgUrl): Promise<OrmFixture> {
    const schema = `bench_${randomUUID().replaceAll('-', '').slice(0, 10)}`
    const options: DataSourceOptions =
      database === 'sqlite'
        ? { type: 'better-sqlite3', database: ':memory:', entities: [BenchBook] }
        : { type: 'postgres', url: pgUrl, schema, entities: [BenchBook] }
    const ds = await new DataSource(options).initialize()
    if (database === 'postgres') await ds.query(`CREATE SCHEMA "${schema}"`)
    await ds.synchronize()
    const repo = ds.getRepository(BenchBook)
    const loaded = new Map<number, BenchBook>()
    return {
      async seed(rows) {
        const books = await repo.save(
          Array.from({ length: rows }, (_, i) => repo.create({ title: `book ${i}` })),
        )
        for (const book of books) loaded.set(book.id, book)
        return books.map((book) => book.id)
      },
      title: async (id) => (await repo.findOneBy({ id }))?.title,
      async save(id, title) {
        const book = loaded.get(id)!
        book.title = title
        await repo.save(book)
      },
      invalidKey: (id) => `BenchBook:${id}`,
      attach: (cm, adapterOptions) => cm.attach(typeormAdapter(ds, adapterOptions)),
      async close() {
        if (database === 'postgres') await ds.query(`DROP SCHEMA "${schema}" CASCADE`)
        await ds.destroy()
      },
    }
  },
}

export default plugin
