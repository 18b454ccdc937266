/**
 * cacheme + MikroORM demo: starts the HTTP API of `app.ts` and, by default, drives it over HTTP —
 * miss, hit, a user rename (invalidated after COMMIT), a fresh read, a new reader, a rolled-back
 * transaction — printing each step, what was computed and how long it took; then shuts down (exit 0).
 *
 *   pnpm demo:mikro-orm                          # SQLite file + MemoryStorage
 *   REDIS_URL=redis://127.0.0.1:6379 pnpm …      # RedisStorage
 *   DATABASE_URL=postgres://… pnpm …             # PostgreSQL
 *   node dist/main.js --serve                    # stay up and print the URL (PORT to choose the port)
 */
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type CacheStorage, createCacheme, MemoryStorage, RedisStorage } from '@cacheme/core'
import { mikroOrmAdapter } from '@cacheme/mikro-orm'
import { Redis } from 'ioredis'
import { createApp } from './app.js'
import { openDb, seed, User } from './db.js'

const serve = process.argv.includes('--serve')
const out = (line: string) => process.stdout.write(`${line}\n`)

const redis = process.env.REDIS_URL
  ? new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: 1 })
  : undefined
// ioredis emits 'error' on every failed reconnect; without a listener Node treats it as an uncaught
// exception and the process dies. cacheme already fails open (serves from the database) and reports the
// failure as its own 'error' event, logged below, so the listener only has to exist.
redis?.on('error', () => {})
const storage: CacheStorage = redis ? new RedisStorage(redis) : new MemoryStorage()
const prefix = `demo-mikro-orm:${process.pid}:`
const cm = createCacheme({ storage, prefix })
const shown = (key: string) => (key.startsWith(prefix) ? key.slice(prefix.length) : key)
cm.on('hit', (e) => out(`  cache hit   ${shown(e.key)}`))
cm.on('miss', (e) => out(`  cache miss  ${shown(e.key)} (computed in ${e.durationMs.toFixed(1)} ms)`))
cm.on('invalidate', (e) => out(`  invalidated ${e.keys.join(', ')} (${e.cause.kind})`))
cm.on('error', (e) => out(`  cache error ${e.operation}: ${e.error.message}`))

const db = await openDb({ databaseUrl: process.env.DATABASE_URL })
const ids = await seed(db.orm)
const detach = await cm.attach(mikroOrmAdapter(db.orm))
const server = createServer(createApp({ cm, db, log: (line) => out(`  ${line}`) }))
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1')
await once(server, 'listening')
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
out(`cacheme + MikroORM on ${db.where}, ${storage.name} storage: ${url}`)

async function shutdown(): Promise<void> {
  server.close()
  await detach()
  await cm.close()
  await db.close()
  redis?.disconnect()
}

if (serve) {
  out(`try: curl ${url}/books/${ids.book}`)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown())
} else {
  let misses = 0
  cm.on('miss', () => {
    misses += 1
  })
  const step = async (title: string, run: () => Promise<unknown>): Promise<void> => {
    out(`\n${title}`)
    const before = misses
    const started = performance.now()
    const result = await run()
    const ms = (performance.now() - started).toFixed(1)
    out(
      `→ ${ms} ms, computed ${misses - before} part(s)${result === undefined ? '' : `: ${JSON.stringify(result)}`}`,
    )
  }
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(url + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`)
    return response.status === 204 ? undefined : response.json()
  }
  const book = `/books/${ids.book}`
  await step('1. GET the book (miss: every part computed)', () => call('GET', book))
  await step('2. GET it again (hit: nothing computed)', () => call('GET', book))
  await step('3. rename its owner (invalidated after COMMIT)', () =>
    call('PUT', `/users/${ids.ada}`, { name: 'Ada Lovelace' }),
  )
  await step('4. GET (fresh: only the owner recomputed)', () => call('GET', book))
  await step('5. add a reader', () => call('POST', `${book}/readers`, { userId: ids.alan }))
  await step('6. GET (fresh: only the readers recomputed)', () => call('GET', book))
  await step('7. rename a reader in a transaction that rolls back', () =>
    db.orm.em
      .fork()
      .transactional(async (em) => {
        ;(await em.findOneOrFail(User, ids.alan)).name = 'Rolled back'
        await em.flush()
        throw new Error('abort')
      })
      .catch(() => undefined),
  )
  await step('8. GET (still cached: nothing computed)', () => call('GET', book))
  out('\ncleaning up the demo keys')
  await cm.invalidatePattern('*')
  await shutdown()
}
