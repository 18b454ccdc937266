/**
 * `@cacheme/mikro-orm` — the MikroORM adapter of cacheme.
 *
 * @example
 * const orm = await MikroORM.init({ entities: [User, Book], dbName: 'app.sqlite' })
 * const cm = createCacheme({ storage: new RedisStorage(new Redis()) })
 * const detach = await cm.attach(mikroOrmAdapter(orm))
 */
export { type MikroOrmAdapterOptions, mikroOrmAdapter } from './mikro-orm-adapter.js'
