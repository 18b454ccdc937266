/**
 * Runs the consistency harness once: `workers` OS processes (default 4) reading cached functions computed
 * from one real database and writing through an ORM adapter, interleaved at random from one seed.
 *
 * 1. A redis-server of its own; the database: a SQLite file in a temp dir, or a fresh schema in the
 *    PostgreSQL database at `pgUrl` (dropped afterwards).
 * 2. Schema and seed rows through the ORM driver; the truth file with the seed versions.
 * 3. Workers forked (`worker.ts` through tsx), each configured and attached; all start together.
 * 4. Their figures are summed; then one worker reads everything at rest against the final rows.
 *
 * Variants: `correct` (the real adapter and storage), `no-guard` (race guard disabled by a test-only
 * storage wrapper), `before-commit` (a test-only adapter that invalidates before COMMIT), `background`
 * (the real adapter with `delivery: 'background'`). The broken variants must show stale reads: proof that
 * the harness would catch those bugs.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DataSource } from 'typeorm'
import { RedisServer } from '../infra/redis-server.js'
import { scratchDir } from '../infra/scratch-dir.js'
import { mikroOrmDriver } from './mikro-orm-driver.js'
import type { AdapterMode, DatabaseTarget, OrmDriver } from './orm-driver.js'
import type { FromWorker, ToWorker, VerifyResult, WorkerConfig, WorkerResult } from './protocol.js'
import { seedData, WRITE_KINDS, type WriteKind } from './schema.js'
import { sequelizeDriver } from './sequelize/sequelize-driver.js'
import { TruthFile } from './truth-file.js'
import { typeormDriver } from './typeorm/typeorm-driver.js'

export const VARIANTS = ['correct', 'no-guard', 'before-commit', 'background'] as const
export type Variant = (typeof VARIANTS)[number]
export type Database = 'sqlite' | 'postgres'

export interface ConsistencyOptions {
  readonly database: Database
  readonly variant: Variant
  readonly seed: number
  readonly workers: number
  readonly opsPerWorker: number
  readonly authors: number
  readonly posts: number
  readonly readShare: number
  readonly computePauseMs: number
  readonly holdMs: number
  /** PostgreSQL URL (required for `postgres`). */
  readonly pgUrl?: string
}

export interface ConsistencyResult {
  readonly options: ConsistencyOptions
  readonly driver: string
  readonly operations: number
  readonly reads: number
  readonly hits: number
  readonly writes: Readonly<Record<WriteKind, number>>
  readonly retries: number
  readonly staleReads: number
  readonly staleSamples: readonly string[]
  readonly threw: number
  readonly thrownSamples: readonly string[]
  readonly errorEvents: Readonly<Record<string, number>>
  readonly atRest: VerifyResult
  readonly durationMs: number
}

const workerFile = fileURLToPath(new URL('./worker.ts', import.meta.url))
const DRIVERS: Record<string, OrmDriver> = {
  typeorm: typeormDriver,
  sequelize: sequelizeDriver,
  'mikro-orm': mikroOrmDriver,
}

const VARIANT_SETUP: Record<Variant, { mode: AdapterMode; guard: boolean }> = {
  correct: { mode: 'after-commit', guard: true },
  'no-guard': { mode: 'after-commit', guard: false },
  'before-commit': { mode: 'before-commit', guard: true },
  background: { mode: 'background', guard: true },
}

/** A forked worker with a typed message queue. */
class WorkerHandle {
  readonly child: ChildProcess
  readonly #inbox: FromWorker[] = []
  readonly #waiting: ((m: FromWorker) => void)[] = []

  constructor() {
    this.child = fork(workerFile, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.child.on('message', (m) => {
      const waiter = this.#waiting.shift()
      if (waiter) waiter(m as FromWorker)
      else this.#inbox.push(m as FromWorker)
    })
    this.child.on('exit', (code) => {
      const failed: FromWorker = { type: 'failed', message: `worker exited with code ${code}` }
      for (const waiter of this.#waiting.splice(0)) waiter(failed)
      this.#inbox.push(failed)
    })
  }

  send(message: ToWorker): void {
    this.child.send(message)
  }

  async expect<T extends FromWorker['type']>(type: T): Promise<Extract<FromWorker, { type: T }>> {
    const message =
      this.#inbox.shift() ?? (await new Promise<FromWorker>((resolve) => this.#waiting.push(resolve)))
    if (message.type === 'failed') throw new Error(`consistency worker failed: ${message.message}`)
    if (message.type !== type) throw new Error(`expected ${type} from a worker, got ${message.type}`)
    return message as Extract<FromWorker, { type: T }>
  }
}

export async function runConsistency(
  options: ConsistencyOptions,
  driverName = 'typeorm',
): Promise<ConsistencyResult> {
  const driver = DRIVERS[driverName]
  if (driver === undefined)
    throw new Error(`unknown driver ${driverName} → one of ${Object.keys(DRIVERS).join(', ')}`)
  const dir = scratchDir('consistency')
  const redis = await RedisServer.start()
  const database = await createDatabase(options, dir)
  const workers: WorkerHandle[] = []
  try {
    const seed = seedData(options.authors, options.posts, options.seed)
    const setup = await driver.open(database.target)
    await setup.createSchema(seed)
    await setup.close()
    const truthPath = join(dir, 'truth.bin')
    TruthFile.create(truthPath, seed).close()
    const prefix = `consistency:${randomUUID().slice(0, 8)}:`
    const { mode, guard } = VARIANT_SETUP[options.variant]
    for (let index = 0; index < options.workers; index += 1) {
      const worker = new WorkerHandle()
      workers.push(worker)
      const config: WorkerConfig = {
        index,
        workers: options.workers,
        seed: options.seed * 1000 + index,
        dataSeed: options.seed,
        ops: options.opsPerWorker,
        readShare: options.readShare,
        driver: driverName,
        database: database.target,
        mode,
        guard,
        redisUrl: redis.url,
        prefix,
        truthPath,
        authors: options.authors,
        posts: options.posts,
        computePauseMs: options.computePauseMs,
        holdMs: options.holdMs,
      }
      worker.send({ type: 'config', config })
    }
    for (const worker of workers) await worker.expect('ready')
    const started = performance.now()
    for (const worker of workers) worker.send({ type: 'go' })
    const results: WorkerResult[] = []
    for (const worker of workers) results.push((await worker.expect('done')).result)
    const durationMs = Math.round(performance.now() - started)
    // Background deliveries may still be in flight for a moment; everything else has been delivered.
    if (options.variant === 'background') await new Promise((resolve) => setTimeout(resolve, 200))
    workers[0]!.send({ type: 'verify' })
    const atRest = (await workers[0]!.expect('verified')).result
    return summarize(options, driverName, results, atRest, durationMs)
  } finally {
    for (const worker of workers) {
      if (worker.child.connected) worker.send({ type: 'exit' })
    }
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.child.exitCode !== null) return resolve()
            const timer = setTimeout(() => worker.child.kill('SIGKILL'), 10_000)
            worker.child.once('exit', () => {
              clearTimeout(timer)
              resolve()
            })
          }),
      ),
    )
    await database.drop()
    await redis.stop()
  }
}

async function createDatabase(
  options: ConsistencyOptions,
  dir: string,
): Promise<{ target: DatabaseTarget; drop(): Promise<void> }> {
  if (options.database === 'sqlite') {
    return { target: { kind: 'sqlite', file: join(dir, 'consistency.sqlite') }, drop: async () => {} }
  }
  const url = options.pgUrl
  if (url === undefined || url === '') {
    throw new Error(
      'the postgres run needs CACHEME_PG_URL → `bash scripts/services.sh start && eval "$(bash scripts/services.sh env)"`',
    )
  }
  const schema = `cm_consistency_${randomUUID().replaceAll('-', '').slice(0, 10)}`
  // Schema lifecycle is the coordinator's, not the ORM driver's; TypeORM's pg driver is just the client.
  const admin = async (sql: string) => {
    const client = await new DataSource({ type: 'postgres', url }).initialize()
    try {
      await client.query(sql)
    } finally {
      await client.destroy()
    }
  }
  await admin(`CREATE SCHEMA "${schema}"`)
  return { target: { kind: 'postgres', url, schema }, drop: () => admin(`DROP SCHEMA "${schema}" CASCADE`) }
}

function summarize(
  options: ConsistencyOptions,
  driver: string,
  results: readonly WorkerResult[],
  atRest: VerifyResult,
  durationMs: number,
): ConsistencyResult {
  const sum = (pick: (r: WorkerResult) => number) => results.reduce((total, r) => total + pick(r), 0)
  const writes = Object.fromEntries(WRITE_KINDS.map((kind) => [kind, sum((r) => r.writes[kind])])) as Record<
    WriteKind,
    number
  >
  const errorEvents: Record<string, number> = {}
  for (const r of results)
    for (const [name, n] of Object.entries(r.errorEvents)) errorEvents[name] = (errorEvents[name] ?? 0) + n
  return {
    options,
    driver,
    operations: options.workers * options.opsPerWorker,
    reads: sum((r) => r.reads),
    hits: sum((r) => r.hits),
    writes,
    retries: sum((r) => r.retries),
    staleReads: sum((r) => r.staleReads),
    staleSamples: results.flatMap((r) => r.staleSamples.map((s) => `worker ${r.index} ${s}`)).slice(0, 10),
    threw: sum((r) => r.threw),
    thrownSamples: results.flatMap((r) => r.thrownSamples).slice(0, 5),
    errorEvents,
    atRest,
    durationMs,
  }
}
