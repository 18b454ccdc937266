/**
 * `@cacheme/typeorm` — the TypeORM adapter of cacheme.
 *
 * @example
 * const cm = createCacheme({ storage: new RedisStorage(new Redis()) })
 * await dataSource.initialize()
 * const detach = await cm.attach(typeormAdapter(dataSource))
 */
export { type TypeormAdapterOptions, typeormAdapter } from './typeorm-adapter.js'
