/**
 * The MikroORM driver of the consistency harness, in one module: the schema as `EntitySchema`s, the write
 * kinds through MikroORM's unit of work (a fresh `em.fork()` per operation: load, change, `flush()`), and
 * the adapter attached as `@cacheme/mikro-orm` (after commit, awaited or background) or as a deliberately
 * broken one that invalidates before COMMIT.
 *
 * Databases: a SQLite file shared by the processes (better-sqlite3, WAL, MikroORM's default pool of one
 * connection per process) or one PostgreSQL schema shared by the processes. SQLite allows one writer at a
 * time across processes: a write that meets `SQLITE_BUSY` (a transaction that read, then wants to write
 * after another process committed) is rolled back by SQLite and retried (`write-attempts.ts`, shared by
 * every driver); only the attempt that commits is published.
 *
 * The broken `before-commit` adapter (test-only) invalidates each row's keys from MikroORM's entity
 * events (`afterCreate` / `afterUpdate` / `afterDelete`), which run inside the flush — before its COMMIT,
 * and MikroORM awaits them. The query-builder UPDATE fires no entity event, so in that mode the session
 * invalidates the `Post` model just before running it: the same bug, for the one write without events.
 */
import type { Cacheme } from '@cacheme/core'
import type { AdapterContext, CachemeAdapter } from '@cacheme/core/adapter'
import { entityKeys } from '@cacheme/core/adapter'
import { mikroOrmAdapter } from '@cacheme/mikro-orm'
import { type SqlEntityManager, MikroORM as SqliteOrm } from '@mikro-orm/better-sqlite'
import {
  type EntityManager,
  EntitySchema,
  type EventArgs,
  type EventSubscriber,
  type MikroORM,
} from '@mikro-orm/core'
import { MikroORM as PostgresOrm } from '@mikro-orm/postgresql'
import type { AdapterMode, DatabaseTarget, OrmDriver, OrmSession, WriteOp } from './orm-driver.js'
import type { AuthorRow, PostRow, SeedData } from './schema.js'
import { IntendedRollback, performWrite } from './write-attempts.js'

class Author {
  id!: number
  version!: number
  name!: string
}

class Post {
  id!: number
  version!: number
  authorId!: number
  title!: string
}

const entities = [
  new EntitySchema<Author>({
    class: Author,
    tableName: 'author',
    properties: {
      id: { type: 'integer', primary: true, autoincrement: false },
      version: { type: 'integer' },
      name: { type: 'string' },
    },
  }),
  new EntitySchema<Post>({
    class: Post,
    tableName: 'post',
    properties: {
      id: { type: 'integer', primary: true, autoincrement: false },
      version: { type: 'integer' },
      authorId: { type: 'integer' },
      title: { type: 'string' },
    },
  }),
] as EntitySchema[]

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

async function open(target: DatabaseTarget): Promise<MikroORM> {
  const common = { entities, allowGlobalContext: false, debug: false }
  if (target.kind === 'sqlite') {
    return SqliteOrm.init({
      ...common,
      dbName: target.file,
      pool: {
        min: 1,
        max: 1,
        afterCreate: (db: { pragma(sql: string): unknown }, done: (e: unknown, c: unknown) => void) => {
          db.pragma('journal_mode = WAL')
          db.pragma('busy_timeout = 10000')
          done(null, db)
        },
      },
    })
  }
  return PostgresOrm.init({
    ...common,
    clientUrl: target.url,
    schema: target.schema,
    pool: { min: 1, max: 4 },
  })
}

/** Test-only, deliberately broken: invalidates from entity events, inside the flush, before COMMIT. */
function beforeCommitAdapter(orm: MikroORM): CachemeAdapter {
  return {
    name: 'mikro-orm-before-commit',
    attach(context: AdapterContext) {
      let attached = true
      const invalidate = async ({ entity, meta }: EventArgs<object>) => {
        if (!attached || !meta) return
        const id = (entity as { id?: unknown }).id
        await context.invalidate(entityKeys({}, meta.className, entity, id), {
          kind: 'mikro-orm-before-commit',
        })
      }
      const subscriber: EventSubscriber = {
        afterCreate: invalidate,
        afterUpdate: invalidate,
        afterDelete: invalidate,
      }
      orm.em.getEventManager().registerSubscriber(subscriber)
      // MikroORM cannot unregister a subscriber: it stops forwarding instead.
      return async () => {
        attached = false
      }
    },
  }
}

class MikroOrmSession implements OrmSession {
  readonly #orm: MikroORM
  readonly #target: DatabaseTarget
  #cm: Cacheme | undefined
  #mode: AdapterMode = 'after-commit'
  /** Writes retried after SQLITE_BUSY (reported by the worker). */
  retries = 0

  constructor(orm: MikroORM, target: DatabaseTarget) {
    this.#orm = orm
    this.#target = target
  }

  async createSchema(seed: SeedData): Promise<void> {
    const schema = this.#target.kind === 'postgres' ? { schema: this.#target.schema } : {}
    await this.#orm.schema.refreshDatabase(schema)
    const em = this.#orm.em.fork()
    await em.insertMany(Author, [...seed.authors])
    await em.insertMany(Post, [...seed.posts])
  }

  async attach(cm: Cacheme, mode: AdapterMode): Promise<() => Promise<void>> {
    this.#cm = cm
    this.#mode = mode
    if (mode === 'before-commit') return cm.attach(beforeCommitAdapter(this.#orm))
    return cm.attach(mikroOrmAdapter(this.#orm, { delivery: mode === 'background' ? 'background' : 'await' }))
  }

  async post(id: number): Promise<PostRow | undefined> {
    const post = await this.#orm.em.fork().findOne(Post, id)
    return post
      ? { id: post.id, version: post.version, authorId: post.authorId, title: post.title }
      : undefined
  }

  async author(id: number): Promise<AuthorRow | undefined> {
    const author = await this.#orm.em.fork().findOne(Author, id)
    return author ? { id: author.id, version: author.version, name: author.name } : undefined
  }

  async postsOf(authorId: number): Promise<PostRow[]> {
    const posts = await this.#orm.em.fork().find(Post, { authorId }, { orderBy: { id: 'asc' } })
    return posts.map((p) => ({ id: p.id, version: p.version, authorId: p.authorId, title: p.title }))
  }

  write(op: WriteOp): Promise<void> {
    return performWrite(
      this.#target,
      () => this.#attempt(op),
      () => {
        this.retries += 1
      },
    )
  }

  async close(): Promise<void> {
    await this.#orm.close(true)
  }

  async #attempt(op: WriteOp): Promise<void> {
    const hold = () => (op.holdMs > 0 ? sleep(op.holdMs) : Promise.resolve())
    /** Loads the post in `em` and changes it to `op.post`'s version (flushed by the caller). */
    const post = async (em: EntityManager) => {
      const { id, version, authorId } = op.post!
      Object.assign(await em.findOneOrFail(Post, id), { version, authorId, title: `post ${id} v${version}` })
    }
    const author = async (em: EntityManager) => {
      const { id, version } = op.author!
      Object.assign(await em.findOneOrFail(Author, id), { version, name: `author ${id} v${version}` })
    }
    const em = this.#orm.em.fork()
    switch (op.kind) {
      case 'save-post':
        await post(em)
        await em.flush()
        return
      case 'save-author':
        await author(em)
        await em.flush()
        return
      case 'move-post':
        await em.transactional(async (tx) => {
          await post(tx)
          await tx.flush()
          await hold()
        })
        return
      case 'tx-two':
        await em.transactional(async (tx) => {
          await post(tx)
          await author(tx)
          await tx.flush()
          await hold()
        })
        return
      case 'nested':
        await em.transactional((outer) =>
          outer.transactional(async (inner) => {
            await post(inner)
            await inner.flush()
            await hold()
          }),
        )
        return
      case 'qb-update': {
        const { id, version, authorId } = op.post!
        if (this.#mode === 'before-commit') await this.#cm?.invalidateModel('Post')
        // Both SQL drivers' EntityManagers are SqlEntityManagers (core's type has no query builder).
        await (em as SqlEntityManager)
          .createQueryBuilder(Post)
          .update({ version, authorId, title: `post ${id} qb` })
          .where({ id })
          .execute()
        return
      }
      case 'rollback':
        await em.transactional(async (tx) => {
          await post(tx)
          await tx.flush()
          await hold()
          throw new IntendedRollback('rolled back on purpose')
        })
        return
    }
  }
}

export const mikroOrmDriver: OrmDriver = {
  name: 'mikro-orm',
  async open(target) {
    return new MikroOrmSession(await open(target), target)
  },
}
