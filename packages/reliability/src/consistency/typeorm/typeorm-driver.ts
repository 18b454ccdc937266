/**
 * The TypeORM driver of the consistency harness: the schema on SQLite (a file shared by the processes,
 * WAL mode) or PostgreSQL (one schema shared by the processes), the write kinds through TypeORM's own API,
 * and the adapter attached as `@cacheme/typeorm` (after commit, awaited or background) or as the broken
 * before-commit adapter.
 *
 * SQLite allows one writer at a time across processes: a write that meets `SQLITE_BUSY` (a transaction
 * that read, then wants to write after another process committed) is rolled back by SQLite and retried
 * (`../write-attempts.ts`) — what an application on multi-process SQLite does. Only the attempt that
 * commits is published.
 */
import type { Cacheme } from '@cacheme/core'
import { typeormAdapter } from '@cacheme/typeorm'
import { DataSource, type DataSourceOptions, type EntityManager } from 'typeorm'
import type { AdapterMode, DatabaseTarget, OrmDriver, OrmSession, WriteOp } from '../orm-driver.js'
import type { AuthorRow, PostRow, SeedData } from '../schema.js'
import { IntendedRollback, performWrite } from '../write-attempts.js'
import { beforeCommitAdapter } from './before-commit-adapter.js'
import { Author, Post } from './entities.js'

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

function options(target: DatabaseTarget): DataSourceOptions {
  const entities = [Author, Post]
  if (target.kind === 'sqlite') {
    return { type: 'better-sqlite3', database: target.file, entities, enableWAL: true, timeout: 10_000 }
  }
  return { type: 'postgres', url: target.url, schema: target.schema, entities, poolSize: 4 }
}

class TypeormSession implements OrmSession {
  readonly #ds: DataSource
  readonly #target: DatabaseTarget
  /** Writes retried after SQLITE_BUSY (reported by the worker). */
  retries = 0

  constructor(ds: DataSource, target: DatabaseTarget) {
    this.#ds = ds
    this.#target = target
  }

  async createSchema(seed: SeedData): Promise<void> {
    await this.#ds.synchronize(true)
    await this.#ds.manager.insert(Author, [...seed.authors])
    await this.#ds.manager.insert(Post, [...seed.posts])
  }

  async attach(cm: Cacheme, mode: AdapterMode): Promise<() => Promise<void>> {
    if (mode === 'before-commit') return cm.attach(beforeCommitAdapter(this.#ds))
    return cm.attach(typeormAdapter(this.#ds, { delivery: mode === 'background' ? 'background' : 'await' }))
  }

  async post(id: number): Promise<PostRow | undefined> {
    return (await this.#ds.manager.findOneBy(Post, { id })) ?? undefined
  }

  async author(id: number): Promise<AuthorRow | undefined> {
    return (await this.#ds.manager.findOneBy(Author, { id })) ?? undefined
  }

  postsOf(authorId: number): Promise<PostRow[]> {
    return this.#ds.manager.find(Post, { where: { authorId }, order: { id: 'ASC' } })
  }

  async write(op: WriteOp): Promise<void> {
    await performWrite(
      this.#target,
      () => this.#attempt(op),
      () => (this.retries += 1),
    )
  }

  async close(): Promise<void> {
    await this.#ds.destroy()
  }

  async #attempt(op: WriteOp): Promise<void> {
    const ds = this.#ds
    const hold = () => (op.holdMs > 0 ? sleep(op.holdMs) : Promise.resolve())
    const post = (m: EntityManager) =>
      m.save(Post, { ...op.post!, title: `post ${op.post!.id} v${op.post!.version}` })
    switch (op.kind) {
      case 'save-post':
        await post(ds.manager)
        return
      case 'save-author':
        await ds.manager.save(Author, {
          ...op.author!,
          name: `author ${op.author!.id} v${op.author!.version}`,
        })
        return
      case 'move-post':
        await ds.transaction(async (m) => {
          await post(m)
          await hold()
        })
        return
      case 'tx-two':
        await ds.transaction(async (m) => {
          await post(m)
          await m.save(Author, { ...op.author!, name: `author ${op.author!.id} v${op.author!.version}` })
          await hold()
        })
        return
      case 'nested':
        await ds.transaction((outer) =>
          outer.transaction(async (inner) => {
            await post(inner)
            await hold()
          }),
        )
        return
      case 'qb-update':
        await ds
          .createQueryBuilder()
          .update(Post)
          .set({ version: op.post!.version, authorId: op.post!.authorId, title: `post ${op.post!.id} qb` })
          .where('id = :id', { id: op.post!.id })
          .execute()
        return
      case 'rollback':
        await ds.transaction(async (m) => {
          await post(m)
          await hold()
          throw new IntendedRollback('rolled back on purpose')
        })
        return
    }
  }
}

export const typeormDriver: OrmDriver = {
  name: 'typeorm',
  async open(target) {
    const ds = await new DataSource(options(target)).initialize()
    return new TypeormSession(ds, target)
  },
}
