/**
 * The quick start of packages/typeorm/README.md, verbatim between the region markers (test/readme.test.ts
 * checks the README contains it, and runs this file against Redis).
 */
// #region readme
import 'reflect-metadata'
import { createCacheme, RedisStorage } from '@cacheme/core'
import { typeormAdapter } from '@cacheme/typeorm'
import { Redis } from 'ioredis'
import { Column, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm'

@Entity()
class Book {
  @PrimaryGeneratedColumn()
  id!: number

  @Column({ type: 'varchar' })
  title!: string
}

const dataSource = new DataSource({
  type: 'better-sqlite3',
  database: ':memory:',
  entities: [Book],
  synchronize: true,
})
await dataSource.initialize()
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
redis.on('error', (error) => console.error('redis:', error.message)) // cacheme fails open; say why
const cm = createCacheme({ storage: new RedisStorage(redis) })
const detach = await cm.attach(typeormAdapter(dataSource)) // one global subscriber; detach() removes it

const books = dataSource.getRepository(Book)
const getTitle = cm.wrap(async (id: number) => (await books.findOneByOrFail({ id })).title, {
  key: (c) => `Book:${c.args[0]}>title`,
  invalidKeys: (c) => [`Book:${c.args[0]}`], // saving book <id> removes this value, after COMMIT
  tag: 'getTitle',
})

const book = await books.save(books.create({ title: 'Notes' }))
console.log(await getTitle(book.id)) // miss: 'Notes'
await books.save({ id: book.id, title: 'Notes, 2nd ed.' }) // resolves after the invalidation is done
console.log(await getTitle(book.id)) // miss again, fresh: 'Notes, 2nd ed.'
console.log(await getTitle(book.id)) // hit
// #endregion readme
await cm.invalidatePattern(`Book:${book.id}`)
await detach()
await dataSource.destroy()
redis.disconnect()
