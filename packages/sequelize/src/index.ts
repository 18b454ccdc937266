/**
 * `@cacheme/sequelize` — the Sequelize adapter of cacheme.
 *
 * @example
 * const cm = createCacheme({ storage: new RedisStorage(new Redis()) })
 * const detach = await cm.attach(sequelizeAdapter(sequelize))
 */
export { type SequelizeAdapterOptions, sequelizeAdapter } from './sequelize-adapter.js'
