/**
 * The @cacheme/sequelize README quick start, verbatim between the region markers (test/readme.test.ts
 * checks both that the README contains it and that it runs).
 */
// #region readme
import { createCacheme, RedisStorage } from '@cacheme/core'
import { sequelizeAdapter } from '@cacheme/sequelize'
import { Redis } from 'ioredis'
import { DataTypes, Sequelize } from 'sequelize'

const sequelize = new Sequelize('sqlite::memory:', { logging: false })
const Book = sequelize.define('Book', { title: DataTypes.STRING })
await sequelize.sync()
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
redis.on('error', (error) => console.error('redis:', error.message)) // cacheme fails open; say why
const cm = createCacheme({ storage: new RedisStorage(redis) })
const detach = await cm.attach(sequelizeAdapter(sequelize)) // global hooks; detach() removes them

const getTitle = cm.wrap(async (id: number) => (await Book.findByPk(id))?.get('title'), {
  key: (c) => `Book:${c.args[0]}>title`,
  invalidKeys: (c) => [`Book:${c.args[0]}`], // saving book <id> removes this value, after COMMIT
  tag: 'getTitle',
})

const book = await Book.create({ title: 'Notes' })
console.log(await getTitle(book.get('id') as number)) // miss: 'Notes'
await book.update({ title: 'Notes, 2nd ed.' }) // resolves after the invalidation is done
console.log(await getTitle(book.get('id') as number)) // miss again, fresh: 'Notes, 2nd ed.'
console.log(await getTitle(book.get('id') as number)) // hit
// #endregion readme
await detach()
await cm.close()
await sequelize.close()
redis.disconnect()
