/**
 * The quick start of packages/admin/README.md, verbatim between the region markers (test/readme.test.ts
 * checks the README contains it and runs this file, which then makes one request and exits).
 */
// #region readme
import { createServer } from 'node:http'
import { bearerAuth, createAdmin } from '@cacheme/admin'
import { createCacheme } from '@cacheme/core'

const cm = createCacheme({ prefix: 'CM:' }) // your application's instance (RedisStorage in production)
const admin = createAdmin({
  cacheme: cm,
  authorize: bearerAuth(process.env.ADMIN_TOKEN ?? 'replace-me-with-a-long-secret'), // no open default
  basePath: '/admin',
})
const server = createServer((req, res) => (req.url?.startsWith('/admin') ? admin(req, res) : res.end('app')))
server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1')
// #endregion readme

// Not in the README: prove it serves, then stop.
await new Promise((resolve) => server.once('listening', resolve))
const { port } = server.address() as { port: number }
const response = await fetch(`http://127.0.0.1:${port}/admin/tags`, {
  headers: { authorization: `Bearer ${process.env.ADMIN_TOKEN ?? 'replace-me-with-a-long-secret'}` },
})
console.log(response.status, response.headers.get('content-security-policy')?.split(';')[0])
server.close()
await admin.close()
