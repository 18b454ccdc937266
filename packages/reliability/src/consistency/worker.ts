/**
 * One process of the consistency harness (started by `coordinator.ts` with `fork`). It opens the shared
 * database through its ORM driver, creates its own cacheme on the shared Redis and prefix with the adapter
 * attached, waits for the go signal, then runs its seeded sequence of operations:
 *
 * - reads of the cached functions (`cached-reads.ts`), each checked against the truth file;
 * - writes of the rows it owns, each through a different ORM path, publishing the new versions to the
 *   truth file as soon as the committing call resolved.
 *
 * On `verify` it reads every function at rest and compares with the final rows.
 */
import { type CacheStorage, createCacheme, RedisStorage } from '@cacheme/core'
import { Redis } from 'ioredis'
import { Random } from '../stats/random.js'
import { cachedReads, staleAuthorPosts, stalePostView } from './cached-reads.js'
import { GuardlessStorage } from './guardless-storage.js'
import { mikroOrmDriver } from './mikro-orm-driver.js'
import type { OrmDriver, WriteOp } from './orm-driver.js'
import type { FromWorker, ToWorker, VerifyResult, WorkerConfig, WorkerResult } from './protocol.js'
import { ownerOf, seedData, WRITE_KINDS, type WriteKind } from './schema.js'
import { sequelizeDriver } from './sequelize/sequelize-driver.js'
import { TruthFile } from './truth-file.js'
import { typeormDriver } from './typeorm/typeorm-driver.js'

const DRIVERS: Record<string, OrmDriver> = {
  typeorm: typeormDriver,
  sequelize: sequelizeDriver,
  'mikro-orm': mikroOrmDriver,
}

/** Relative weights of the write kinds. */
const WRITE_WEIGHTS: Record<WriteKind, number> = {
  'save-post': 25,
  'save-author': 15,
  'move-post': 15,
  'tx-two': 15,
  nested: 10,
  'qb-update': 10,
  rollback: 10,
}

const send = (message: FromWorker) => process.send?.(message)
const next = () => new Promise<ToWorker>((resolve) => process.once('message', (m) => resolve(m as ToWorker)))

async function main(): Promise<void> {
  const first = await next()
  if (first.type !== 'config') throw new Error(`expected config, got ${first.type}`)
  const config = first.config
  const driver = DRIVERS[config.driver]
  if (driver === undefined) throw new Error(`unknown driver ${config.driver}`)
  const session = await driver.open(config.database)
  const redis = new Redis(config.redisUrl)
  const real = new RedisStorage(redis)
  const storage: CacheStorage = config.guard ? real : new GuardlessStorage(real)
  const cm = createCacheme({ storage, prefix: config.prefix })
  const errorEvents: Record<string, number> = {}
  cm.on('error', (e) => {
    const name = `${e.operation}: ${e.error.message.split(' → ')[0]}`
    errorEvents[name] = (errorEvents[name] ?? 0) + 1
  })
  let hits = 0
  cm.on('hit', () => {
    hits += 1
  })
  const detach = await session.attach(cm, config.mode)
  const truth = TruthFile.open(config.truthPath, config.authors, config.posts)
  const random = new Random(config.seed)
  const reads = cachedReads(cm, session, random.fork(1), config.computePauseMs)

  send({ type: 'ready' })
  for (;;) {
    const message = await next()
    if (message.type === 'go')
      send({
        type: 'done',
        result: await run(config, session, reads, truth, random, () => hits, errorEvents),
      })
    else if (message.type === 'verify')
      send({ type: 'verified', result: await verify(config, session, reads, truth) })
    else break
  }
  await detach()
  await cm.close()
  await session.close()
  redis.disconnect()
  truth.close()
}

async function run(
  config: WorkerConfig,
  session: Awaited<ReturnType<OrmDriver['open']>>,
  reads: ReturnType<typeof cachedReads>,
  truth: TruthFile,
  random: Random,
  hits: () => number,
  errorEvents: Record<string, number>,
): Promise<WorkerResult> {
  const seed = seedData(config.authors, config.posts, config.dataSeed)
  const ownPosts = seed.posts.filter((p) => ownerOf(p.id, config.workers) === config.index)
  const ownAuthors = seed.authors.filter((a) => ownerOf(a.id, config.workers) === config.index)
  const posts = new Map(ownPosts.map((p) => [p.id, { version: p.version, authorId: p.authorId }]))
  const authors = new Map(ownAuthors.map((a) => [a.id, a.version]))
  const writes = Object.fromEntries(WRITE_KINDS.map((kind) => [kind, 0])) as Record<WriteKind, number>
  const kinds = WRITE_KINDS.flatMap((kind) => Array<WriteKind>(WRITE_WEIGHTS[kind]).fill(kind))
  const staleSamples: string[] = []
  const thrownSamples: string[] = []
  let staleReads = 0
  let threw = 0
  let readCount = 0
  const started = performance.now()

  for (let i = 0; i < config.ops; i += 1) {
    try {
      if (random.next() < config.readShare) {
        readCount += 1
        const before = truth.read()
        let stale: string | undefined
        if (random.next() < 0.5) {
          const id = 1 + random.int(config.posts)
          stale = stalePostView(id, await reads.postView(id), before)
        } else {
          const id = 1 + random.int(config.authors)
          const value = await reads.authorPosts(id)
          stale = await staleAuthorPosts(id, value, before, truth.read(), config.posts, (p) =>
            session.post(p),
          )
        }
        if (stale !== undefined) {
          staleReads += 1
          if (staleSamples.length < 10) staleSamples.push(`op ${i}: ${stale}`)
        }
        continue
      }
      const kind = random.pick(kinds)
      const post = random.pick(ownPosts)
      const current = posts.get(post.id)!
      const author = random.pick(ownAuthors)
      const authorId = kind === 'move-post' ? 1 + random.int(config.authors) : current.authorId
      const op: WriteOp = {
        kind,
        post: kind === 'save-author' ? undefined : { id: post.id, version: current.version + 1, authorId },
        author:
          kind === 'save-author' || kind === 'tx-two'
            ? { id: author.id, version: authors.get(author.id)! + 1 }
            : undefined,
        holdMs: random.next() * config.holdMs,
      }
      await session.write(op)
      writes[kind] += 1
      if (kind === 'rollback') continue
      // The committing call resolved: from now on no read anywhere may return the old rows.
      if (op.post) {
        posts.set(op.post.id, { version: op.post.version, authorId: op.post.authorId })
        truth.publishPost(op.post.id, op.post.version, op.post.authorId)
      }
      if (op.author) {
        authors.set(op.author.id, op.author.version)
        truth.publishAuthor(op.author.id, op.author.version)
      }
    } catch (error) {
      threw += 1
      if (thrownSamples.length < 5) thrownSamples.push(`op ${i}: ${String(error)}`)
    }
  }
  return {
    index: config.index,
    reads: readCount,
    hits: hits(),
    writes,
    retries: (session as { retries?: number }).retries ?? 0,
    staleReads,
    staleSamples,
    threw,
    thrownSamples,
    errorEvents,
    durationMs: Math.round(performance.now() - started),
  }
}

/** At rest every cached read must be exactly the final rows (the floors are now the final versions). */
async function verify(
  config: WorkerConfig,
  session: Awaited<ReturnType<OrmDriver['open']>>,
  reads: ReturnType<typeof cachedReads>,
  truth: TruthFile,
): Promise<VerifyResult> {
  const floors = truth.read()
  const samples: string[] = []
  let stale = 0
  let checked = 0
  const note = (problem: string | undefined) => {
    checked += 1
    if (problem === undefined) return
    stale += 1
    if (samples.length < 10) samples.push(problem)
  }
  for (let id = 1; id <= config.posts; id += 1) note(stalePostView(id, await reads.postView(id), floors))
  for (let id = 1; id <= config.authors; id += 1) {
    note(
      await staleAuthorPosts(id, await reads.authorPosts(id), floors, floors, config.posts, (p) =>
        session.post(p),
      ),
    )
  }
  return { checked, stale, samples }
}

main().catch((error: unknown) => {
  send({ type: 'failed', message: String((error as Error)?.stack ?? error) })
  process.exitCode = 1
  setTimeout(() => process.exit(1), 100).unref()
})
