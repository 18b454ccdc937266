/**
 * The Sequelize driver of the consistency harness: the schema as two Sequelize models on SQLite (a file
 * shared by the processes, WAL mode) or PostgreSQL (one schema shared by the processes), the write kinds
 * through Sequelize's own API, and the adapter attached as `@cacheme/sequelize` (after commit, awaited or
 * background) or as the broken before-commit adapter.
 *
 * The write kinds in Sequelize: `save-*` load the row and `save()` it (no transaction: autocommit);
 * `move-post`, `tx-two` and `rollback` run in a managed `sequelize.transaction(cb)`; `nested` saves inside
 * a savepoint (`sequelize.transaction({ transaction: outer }, cb)`); `qb-update` is `Post.update(values,
 * { where })` — half of them pinned by primary key (the adapter invalidates that row), half by a range the
 * adapter cannot read ids from (it invalidates every `Post` key).
 *
 * SQLite allows one writer at a time across processes. node-sqlite3 gives every connection a 1 s busy
 * timeout, which covers a writer waiting for another process's COMMIT, but not a deferred transaction that
 * read and then wants to write after another process committed (SQLite fails that at once). So
 * transactions begin `IMMEDIATE` (they take the write lock at BEGIN, not halfway), Sequelize's own
 * statement retry on `SQLITE_BUSY` is tuned to short back-offs, and a write that still fails with
 * `SQLITE_BUSY` is rolled back and retried whole (`../write-attempts.ts`). Both kinds of retry are
 * counted (0 in the recorded runs: the busy timeout and IMMEDIATE absorb every conflict).
 */
import type { Cacheme } from '@cacheme/core'
import { sequelizeAdapter } from '@cacheme/sequelize'
import { DataTypes, type Model, type ModelStatic, Op, type Options, Sequelize, Transaction } from 'sequelize'
import type { AdapterMode, DatabaseTarget, OrmDriver, OrmSession, WriteOp } from '../orm-driver.js'
import type { AuthorRow, PostRow, SeedData } from '../schema.js'
import { IntendedRollback, performWrite, SQLITE_BUSY } from '../write-attempts.js'
import { beforeCommitAdapter } from './before-commit-adapter.js'

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

class SequelizeSession implements OrmSession {
  readonly #sequelize: Sequelize
  readonly #target: DatabaseTarget
  readonly #Author: ModelStatic<Model>
  readonly #Post: ModelStatic<Model>
  /** Statements and writes retried after SQLITE_BUSY (reported by the worker). */
  retries = 0

  constructor(target: DatabaseTarget) {
    this.#target = target
    this.#sequelize = new Sequelize(options(target, () => (this.retries += 1)))
    const schema = target.kind === 'postgres' ? { schema: target.schema } : {}
    // A fresh object per attribute: Sequelize writes into attribute definitions (field names).
    const int = () => ({ type: DataTypes.INTEGER, allowNull: false })
    this.#Author = this.#sequelize.define(
      'Author',
      {
        id: { ...int(), primaryKey: true },
        version: int(),
        name: { type: DataTypes.STRING, allowNull: false },
      },
      { tableName: 'author', timestamps: false, ...schema },
    )
    this.#Post = this.#sequelize.define(
      'Post',
      {
        id: { ...int(), primaryKey: true },
        version: int(),
        authorId: int(),
        title: { type: DataTypes.STRING, allowNull: false },
      },
      { tableName: 'post', timestamps: false, ...schema },
    )
  }

  async createSchema(seed: SeedData): Promise<void> {
    if (this.#target.kind === 'sqlite') await this.#sequelize.query('PRAGMA journal_mode = WAL')
    await this.#sequelize.sync({ force: true })
    await this.#Author.bulkCreate(seed.authors.map((row) => ({ ...row })))
    await this.#Post.bulkCreate(seed.posts.map((row) => ({ ...row })))
  }

  async attach(cm: Cacheme, mode: AdapterMode): Promise<() => Promise<void>> {
    if (mode === 'before-commit') return cm.attach(beforeCommitAdapter(this.#sequelize))
    return cm.attach(
      sequelizeAdapter(this.#sequelize, { delivery: mode === 'background' ? 'background' : 'await' }),
    )
  }

  async post(id: number): Promise<PostRow | undefined> {
    return ((await this.#Post.findByPk(id, { raw: true })) as PostRow | null) ?? undefined
  }

  async author(id: number): Promise<AuthorRow | undefined> {
    return ((await this.#Author.findByPk(id, { raw: true })) as AuthorRow | null) ?? undefined
  }

  async postsOf(authorId: number): Promise<PostRow[]> {
    const rows = await this.#Post.findAll({ where: { authorId }, order: [['id', 'ASC']], raw: true })
    return rows as unknown as PostRow[]
  }

  async write(op: WriteOp): Promise<void> {
    await performWrite(
      this.#target,
      () => this.#attempt(op),
      () => (this.retries += 1),
    )
  }

  async close(): Promise<void> {
    await this.#sequelize.close()
  }

  async #attempt(op: WriteOp): Promise<void> {
    const sequelize = this.#sequelize
    const hold = () => (op.holdMs > 0 ? sleep(op.holdMs) : Promise.resolve())
    const t = (transaction?: Transaction) => ({ transaction: transaction ?? null })
    /** Load, change, `save()`: the entity path. */
    const save = async (model: ModelStatic<Model>, id: number, values: object, tx?: Transaction) => {
      const row = await model.findByPk(id, { ...t(tx), rejectOnEmpty: true })
      row.set(values)
      await row.save(t(tx))
    }
    const post = (tx?: Transaction) => {
      const { id, version, authorId } = op.post!
      return save(this.#Post, id, { version, authorId, title: `post ${id} v${version}` }, tx)
    }
    const author = (tx?: Transaction) => {
      const { id, version } = op.author!
      return save(this.#Author, id, { version, name: `author ${id} v${version}` }, tx)
    }
    switch (op.kind) {
      case 'save-post':
        await post()
        return
      case 'save-author':
        await author()
        return
      case 'move-post':
        await sequelize.transaction(async (tx) => {
          await post(tx)
          await hold()
        })
        return
      case 'tx-two':
        await sequelize.transaction(async (tx) => {
          await post(tx)
          await author(tx)
          await hold()
        })
        return
      case 'nested':
        await sequelize.transaction((outer) =>
          sequelize.transaction({ transaction: outer }, async (inner) => {
            await post(inner)
            await hold()
          }),
        )
        return
      case 'qb-update': {
        const { id, version, authorId } = op.post!
        // Even versions pinned by primary key (precise), odd ones by a range (model-wide).
        const where = version % 2 === 0 ? { id } : { id: { [Op.between]: [id, id] } }
        await this.#Post.update({ version, authorId, title: `post ${id} qb` }, { where })
        return
      }
      case 'rollback':
        await sequelize.transaction(async (tx) => {
          await post(tx)
          await hold()
          throw new IntendedRollback('rolled back on purpose')
        })
        return
    }
  }
}

function options(target: DatabaseTarget, retried: () => void): Options {
  if (target.kind === 'postgres') {
    return { dialect: 'postgres', logging: false, pool: { max: 4 }, ...urlParts(target.url) }
  }
  return {
    dialect: 'sqlite',
    storage: target.file,
    logging: false,
    transactionType: Transaction.TYPES.IMMEDIATE,
    retry: {
      max: 12,
      match: [SQLITE_BUSY],
      backoffBase: 4,
      backoffExponent: 1.5,
      report: (message) => {
        if (message.startsWith('Retrying')) retried()
      },
    },
  }
}

/** `new Sequelize(options)` takes the connection as parts, not as a URL. */
function urlParts(url: string): Options {
  const parsed = new URL(url)
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    username: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: parsed.pathname.slice(1),
  }
}

export const sequelizeDriver: OrmDriver = {
  name: 'sequelize',
  async open(target) {
    return new SequelizeSession(target)
  },
}
