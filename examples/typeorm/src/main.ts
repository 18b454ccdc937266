/**
 * The example, runnable: `npm run demo` at the repository root, or
 * `pnpm --filter @cacheme/example-typeorm start` after `pnpm build`.
 *
 * Builds cacheme (MemoryStorage, or RedisStorage when `REDIS_URL` is set), opens the database (an SQLite
 * file, or PostgreSQL when `DATABASE_URL` is set), attaches the TypeORM adapter, serves the API on `PORT`
 * (default: a free port) and logs every hit, miss and invalidation as one line. Then it drives itself over
 * HTTP — miss, hit, rename, fresh read, new reader, a rolled-back transaction — printing each step with
 * its timing and what was computed, and exits 0. With `--serve` it stays up instead and prints the URL.
 */
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type CacheStorage, createCacheme, MemoryStorage, RedisStorage } from '@cacheme/core'
import { typeormAdapter } from '@cacheme/typeorm'
import { Redis } from 'ioredis'
import { createApp } from './app.js'
import { openDb, User } from './db.js'

const serve = process.argv.includes('--serve')
const out = (line: string) => process.stdout.write(`${line}\n`)

let redis: Redis | undefined
let storage: CacheStorage
if (process.env.REDIS_URL) {
  redis = new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: 1 })
  // Without a listener ioredis prints every connection error to stderr and Node warns of an unhandled
  // 'error' event. cacheme already fails open (the API keeps answering from the database) and reports
  // the trouble through its own 'error' event, logged below; this listener only keeps ioredis quiet.
  redis.on('error', () => {})
  storage = new RedisStorage(redis)
} else {
  storage = new MemoryStorage()
}
const prefix = `example-typeorm:${process.pid}:`
const cm = createCacheme({ storage, prefix })
const shown = (key: string) => (key.startsWith(prefix) ? key.slice(prefix.length) : key)

const misses: string[] = []
cm.on('hit', ({ key }) => out(`  cache hit     ${shown(key)}`))
cm.on('miss', ({ key, tag }) => {
  misses.push(tag.replace('BookSerializer.', ''))
  out(`  cache miss    ${shown(key)}`)
})
cm.on('invalidate', ({ keys, removed, cause }) =>
  out(`  invalidated   ${keys.join(', ')} (${removed} removed, ${cause.kind})`),
)
cm.on('error', ({ error }) => out(`  cache error   ${error.message}`))

const db = await openDb({ databaseUrl: process.env.DATABASE_URL })
const { users, book } = await db.seed()
const detach = await cm.attach(typeormAdapter(db.dataSource))
const server = createServer(createApp({ cm, db, log: (line) => out(`  http          ${line}`) }))
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1')
await once(server, 'listening')
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
out(`cacheme + TypeORM on ${db.where}, ${storage.name} storage: ${url}`)

async function shutdown(): Promise<void> {
  server.close()
  await detach()
  await cm.close()
  await db.close()
  redis?.disconnect()
}

if (serve) {
  out(`serving; try: curl ${url}/books/${book.id}   (Ctrl-C to stop)`)
  process.once('SIGINT', () => void shutdown())
  process.once('SIGTERM', () => void shutdown())
} else {
  const call = async (method: string, path: string, body?: object) => {
    const res = await fetch(url + path, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    })
    if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status}: ${await res.text()}`)
    return res.status === 204 ? undefined : res.json()
  }
  let n = 0
  const step = async (what: string, run: () => Promise<unknown>) => {
    misses.length = 0
    n += 1
    out(`\n${n}. ${what}`)
    const started = performance.now()
    const result = await run()
    const ms = (performance.now() - started).toFixed(1)
    const computed = misses.length === 0 ? 'nothing' : [...misses].sort().join(', ')
    out(`   → ${ms} ms, computed: ${computed}${result === undefined ? '' : `\n   ${JSON.stringify(result)}`}`)
  }
  const get = () => call('GET', `/books/${book.id}`)
  await step('GET the book (miss: every part computed)', get)
  await step('GET it again (hit)', get)
  await step('PUT /users/1: rename the owner (invalidated after COMMIT)', () =>
    call('PUT', `/users/${users[0].id}`, { name: 'Ada Lovelace' }),
  )
  await step('GET (fresh: only the owner recomputed)', get)
  await step('POST a reader', () => call('POST', `/books/${book.id}/readers`, { userId: users[1].id }))
  await step('GET (only the readers recomputed)', get)
  await step('a transaction that renames the reader, then rolls back', () =>
    db.dataSource
      .transaction(async (manager) => {
        await manager.getRepository(User).save({ id: users[1].id, name: 'Rolled back' })
        throw new Error('abort')
      })
      .catch(() => undefined),
  )
  // On PostgreSQL nothing was invalidated. On SQLite every reader shares the transaction's connection
  // and could have read the uncommitted name, so the adapter invalidated the change when it was made and
  // again at ROLLBACK: the readers are recomputed, with the committed name.
  await step(
    db.sharedConnection
      ? 'GET (SQLite shares one connection: the readers are recomputed from the committed row)'
      : 'GET (still cached: nothing was invalidated)',
    get,
  )
  await shutdown()
}
