/** The admin mounted under /admin of a plain node:http server on loopback, over a real storage. */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Cacheme } from '@cacheme/core'
import { type AdminOptions, createAdmin } from '../../src/index.js'
import { connect, instance, MemoryStorage, randomPrefix, type StorageKind } from './services.js'

/** A running admin, its instance, and a neighbour instance on another prefix of the same storage. */
export interface RunningAdmin {
  readonly origin: string
  readonly cm: Cacheme
  readonly neighbour: Cacheme
  readonly prefix: string
  close(): Promise<void>
}

/** Starts one (call `close` in afterEach). */
export async function startAdmin(
  kind: StorageKind,
  options: Partial<AdminOptions> & Pick<AdminOptions, 'authorize'>,
): Promise<RunningAdmin> {
  const client = connect(kind)
  const memory = new MemoryStorage()
  const prefix = randomPrefix()
  const cm = instance(client, memory, prefix)
  const neighbour = instance(client, memory, `${prefix.slice(0, -1)}-neighbour:`)
  const admin = createAdmin({ cacheme: cm, basePath: '/admin', stats: false, ...options })
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/admin')) admin(req, res)
    else res.writeHead(200).end('the app')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    cm,
    neighbour,
    prefix,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await admin.close()
      for (const c of [cm, neighbour]) await c.invalidatePattern('*').catch(() => undefined)
      await client?.quit()
    },
  }
}
