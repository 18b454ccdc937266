/**
 * cacheme + TypeORM demo: a book serializer whose parts are cached separately and invalidated exactly
 * when the rows they were built from change. On SQLite every reader shares the DataSource's one
 * connection and sees uncommitted rows, so a change is invalidated when it is made and again if its
 * transaction rolls back (on PostgreSQL: after COMMIT, never on rollback).
 *
 *   pnpm demo:typeorm                                     # SQLite in memory + MemoryStorage
 *   REDIS_URL=redis://127.0.0.1:6379 pnpm demo:typeorm    # Redis
 */
import 'reflect-metadata'
import { type CacheStorage, createCacheme, MemoryStorage, RedisStorage } from '@cacheme/core'
import { typeormAdapter } from '@cacheme/typeorm'
import { Redis } from 'ioredis'
import { DataSource } from 'typeorm'
import { Book, User } from './entities.js'

const dataSource = new DataSource({
  type: 'better-sqlite3',
  database: ':memory:',
  entities: [User, Book],
  synchronize: true,
})
await dataSource.initialize()
const redis = process.env.REDIS_URL ? new Redis(process.env.REDIS_URL) : undefined
const storage: CacheStorage = redis ? new RedisStorage(redis) : new MemoryStorage()
const cm = createCacheme({ storage, prefix: `demo-typeorm:${process.pid}:` })
await cm.attach(typeormAdapter(dataSource))

let computed = 0
class BookSerializer {
  // Book:<id>>owner depends on the owner row only: renaming the book does not invalidate it.
  @cm.cacheme<[book: Book], { name: string }>({
    key: (c) => `Book:${c.args[0].id}>owner`,
    invalidKeys: (c) => [`User:${c.args[0].owner.id}`],
  })
  async owner(book: Book): Promise<{ name: string }> {
    computed += 1
    const owner = await dataSource.getRepository(User).findOneByOrFail({ id: book.owner.id })
    return { name: owner.name }
  }

  // Book:<id>>readers depends on the junction rows (the adapter invalidates Book:<id>:readers for us) and
  // on each reader's row (their names are in the value).
  @cm.cacheme<[book: Book], { id: number; name: string }[]>({
    key: (c) => `Book:${c.args[0].id}>readers`,
    invalidKeys: (c) => [`Book:${c.args[0].id}:readers`, ...c.result.map((reader) => `User:${reader.id}`)],
  })
  async readers(book: Book): Promise<{ id: number; name: string }[]> {
    computed += 1
    const row = await dataSource
      .getRepository(Book)
      .findOneOrFail({ where: { id: book.id }, relations: { readers: true } })
    return row.readers.map(({ id, name }) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name))
  }
}

const serializer = new BookSerializer()
const users = dataSource.getRepository(User)
const books = dataSource.getRepository(Book)
const ada = await users.save(users.create({ name: 'Ada' }))
const alan = await users.save(users.create({ name: 'Alan' }))
const book = await books.save(books.create({ title: 'Notes', owner: ada, readers: [] }))

async function show(step: string): Promise<void> {
  const before = computed
  const view = {
    owner: await serializer.owner(book),
    readers: (await serializer.readers(book)).map((r) => r.name),
  }
  console.log(`${step.padEnd(44)} computed ${computed - before}  ${JSON.stringify(view)}`)
}

console.log(`cacheme + TypeORM on ${storage.name} storage\n`)
await show('1. first read')
await show('2. second read (cached)')
await books.save({ id: book.id, title: 'Notes, 2nd ed.' })
await show('3. book renamed (owner/readers unaffected)')
await users.save({ ...ada, name: 'Ada Lovelace' })
await show('4. owner renamed → owner recomputed')
await dataSource.createQueryBuilder().relation(Book, 'readers').of(book).add(alan)
await show('5. reader added → readers recomputed')
await users.save({ ...alan, name: 'Alan Turing' })
await show('6. reader renamed → readers recomputed')
await dataSource
  .transaction(async (manager) => {
    await manager.getRepository(User).save({ ...ada, name: 'Rolled back' })
    throw new Error('abort')
  })
  .catch(() => undefined)
await show('7. rolled-back rename → recomputed, same')

await cm.invalidatePattern('*')
await cm.close()
await dataSource.destroy()
redis?.disconnect()
