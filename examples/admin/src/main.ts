/**
 * The admin example: a bookshop app on `/` and `@cacheme/admin` on `/admin`, one server, one command
 * (`pnpm demo:admin`). MemoryStorage by default; `REDIS_URL=redis://…` to use Redis. Sign in with the
 * token it prints (or set ADMIN_TOKEN). `PORT` picks the port (default 3000; 0 for any free one).
 */
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { bearerAuth, createAdmin } from '@cacheme/admin'
import { createCacheme, RedisStorage } from '@cacheme/core'
import { Redis } from 'ioredis'
import { bookshop } from './bookshop.js'

const redis = process.env.REDIS_URL ? new Redis(process.env.REDIS_URL) : undefined
const cm = createCacheme({ prefix: 'shop:', ...(redis ? { storage: new RedisStorage(redis) } : {}) })
const shop = bookshop(cm)
const token = process.env.ADMIN_TOKEN ?? randomBytes(16).toString('hex')
const admin = createAdmin({
  cacheme: cm,
  authorize: bearerAuth(token, { name: 'demo' }),
  basePath: '/admin',
  title: 'Bookshop cache',
  stats: { flushIntervalMs: 2000 },
})

const server = createServer((req, res) => {
  if (req.url === '/admin' || req.url?.startsWith('/admin/')) return admin(req, res)
  const id = Number(/^\/books\/(\d+)$/.exec(req.url ?? '')?.[1] ?? 1)
  shop.page(Math.min(60, Math.max(1, id))).then(
    (page) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(page)),
    () => res.writeHead(500).end(),
  )
})

await shop.seed()
server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo
  console.log(`bookshop: http://127.0.0.1:${port}/books/1`)
  console.log(`admin:    http://127.0.0.1:${port}/admin  (token: ${token})`)
  console.log(`storage:  ${redis ? 'redis' : 'memory'}`)
})
const stop = async () => {
  server.close()
  server.closeAllConnections()
  await admin.close()
  await redis?.quit()
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
