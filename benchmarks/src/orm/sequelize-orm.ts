/** Sequelize (SQLite in memory, or PostgreSQL in a throwaway schema) with `@cacheme/sequelize`. */
import { randomUUID } from 'node:crypto'
import { sequelizeAdapter } from '@cacheme/sequelize'
import { DataTypes, type Model, type ModelStatic, Sequelize } from 'sequelize'
import type { OrmFixture, OrmPlugin } from './orm-plugin.js'

const plugin: OrmPlugin = {
  name: 'sequelize',
  adapterPackage: '@cacheme/sequelize',
  async open(database, pgUrl): Promise<OrmFixture> {
    const schema = `bench_${randomUUID().replaceAll('-', '').slice(0, 10)}`
    const sequelize =
      database === 'sqlite'
        ? new Sequelize({ dialect: 'sqlite', storage: ':memory:', logging: false })
        : new Sequelize(pgUrl ?? '', {
            dialect: 'postgres',
            logging: false,
            dialectOptions: { options: `-c search_path=${schema}` },
          })
    if (database === 'postgres') await sequelize.query(`CREATE SCHEMA "${schema}"`)
    const BenchBook: ModelStatic<Model> = sequelize.define(
      'BenchBook',
      { title: { type: DataTypes.STRING, allowNull: false } },
      { tableName: 'BenchBook', timestamps: false },
    )
    await sequelize.sync()
    const loaded = new Map<number, Model>()
    const save = async (id: number, title: string, transaction?: import('sequelize').Transaction) => {
      const book = loaded.get(id)!
      book.set('title', title)
      await book.save(transaction ? { transaction } : {})
    }
    return {
      async seed(rows) {
        const books = await BenchBook.bulkCreate(
          Array.from({ length: rows }, (_, i) => ({ title: `book ${i}` })),
        )
        for (const book of books) loaded.set(book.get('id') as number, book)
        return books.map((book) => book.get('id') as number)
      },
      title: async (id) => (await BenchBook.findByPk(id))?.get('title') as string | undefined,
      save: (id, title) => save(id, title),
      saveTwoInTransaction: (a, b, title) =>
        sequelize.transaction(async (transaction) => {
          await save(a, title, transaction)
          await save(b, title, transaction)
        }),
      invalidKey: (id) => `BenchBook:${id}`,
      attach: (cm, adapterOptions) => cm.attach(sequelizeAdapter(sequelize, adapterOptions)),
      async close() {
        if (database === 'postgres') await sequelize.query(`DROP SCHEMA "${schema}" CASCADE`)
        await sequelize.close()
      },
    }
  },
}

export default plugin
