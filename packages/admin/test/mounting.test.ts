/**
 * The one handler mounts under /admin in plain node:http, Express and Fastify (each as its README shows):
 * pages render with links under the mount path, a login works, a CSRF-protected POST mutates, and the
 * application's own routes keep working beside it.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type Cacheme, createCacheme, MemoryStorage } from '@cacheme/core'
import express from 'express'
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { type AdminHandler, basicAuth, createAdmin } from '../src/index.js'
import { csrfToken, Session } from './support/http.js'
import { seedBooks } from './support/services.js'

const auth = () => basicAuth({ username: 'ops', password: 'mount-password' })
const stops: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop()
})

type Mount = (cm: Cacheme) => Promise<{ origin: string; admin: AdminHandler; close: () => Promise<void> }>

const mounts: Record<string, Mount> = {
  'node:http': async (cm) => {
    // #region mount-http
    const admin = createAdmin({ cacheme: cm, authorize: auth(), basePath: '/admin', stats: false })
    const server = createServer((req, res) => {
      if (req.url === '/admin' || req.url?.startsWith('/admin/')) return admin(req, res)
      res.end('app home')
    })
    // #endregion mount-http
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return {
      origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      admin,
      close: () => new Promise((resolve) => server.close(() => resolve())),
    }
  },
  express: async (cm) => {
    // #region mount-express
    const admin = createAdmin({ cacheme: cm, authorize: auth(), stats: false })
    const app = express()
    app.use(express.urlencoded({ extended: false })) // an app-wide body parser must not break the admin
    app.use('/admin', admin)
    // #endregion mount-express
    app.get('/', (_req, res) => {
      res.send('app home')
    })
    const server = app.listen(0, '127.0.0.1')
    await new Promise<void>((resolve) => server.once('listening', () => resolve()))
    return {
      origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      admin,
      close: () => new Promise((resolve) => server.close(() => resolve())),
    }
  },
  fastify: async (cm) => {
    // #region mount-fastify
    const admin = createAdmin({ cacheme: cm, authorize: auth(), basePath: '/admin', stats: false })
    const app = Fastify()
    // Leave form bodies unread: the admin reads them itself from the raw request.
    app.addContentTypeParser('application/x-www-form-urlencoded', (_request, _payload, done) => done(null))
    const handler = (request: FastifyRequest, reply: FastifyReply) => {
      reply.hijack()
      admin(request.raw, reply.raw)
    }
    app.all('/admin', handler)
    app.all('/admin/*', handler)
    // #endregion mount-fastify
    app.get('/', async () => 'app home')
    await app.listen({ port: 0, host: '127.0.0.1' })
    return {
      origin: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
      admin,
      close: () => app.close(),
    }
  },
}

describe.each(Object.keys(mounts))('mounted in %s under /admin', (name) => {
  it('serves the pages under /admin, logs in with the form and performs a CSRF-protected invalidation', async () => {
    const cm = createCacheme({ storage: new MemoryStorage(), prefix: 'mount:' })
    await seedBooks(cm, 4)
    const { origin, admin, close } = await mounts[name]!(cm)
    stops.push(async () => {
      await close()
      await admin.close()
    })
    expect(await (await fetch(`${origin}/`)).text()).toBe('app home')
    const browser = new Session(origin)
    const gate = await browser.get('/admin/tags')
    expect(gate.status).toBe(401)
    expect(gate.text).toContain('action="/admin/login"')
    const login = await browser.post('/admin/login', {
      _csrf: csrfToken(gate.text),
      username: 'ops',
      password: 'mount-password',
      next: '/admin/tags',
    })
    expect(login.status).toBe(303)
    const tags = await browser.get('/admin/tags')
    expect(tags.status).toBe(200)
    expect(tags.text).toContain('href="/admin/style.css"')
    expect(tags.text).toContain('href="/admin/keys?tag=BookSerializer.owner"')
    expect((await browser.get('/admin/style.css')).headers.get('content-type')).toContain('text/css')
    const done = await browser.post('/admin/tags/invalidate', {
      _csrf: csrfToken(tags.text),
      tag: 'BookSerializer.owner',
    })
    expect(done.status).toBe(303)
    expect(done.headers.get('location')).toMatch(/^\/admin\/history\?last=/)
    expect((await cm.inspector.tags()).map((t) => [t.name, t.live])).toEqual([
      ['BookSerializer.owner', 0],
      ['BookSerializer.title', 4],
    ])
    const forged = await browser.post('/admin/tags/invalidate', {
      _csrf: 'forged',
      tag: 'BookSerializer.title',
    })
    expect(forged.status).toBe(403)
  })
})
