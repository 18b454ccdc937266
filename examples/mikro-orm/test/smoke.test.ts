/**
 * Smoke test of the example: the API in-process (`createApp` on a temporary SQLite file, MemoryStorage)
 * and the real `main` process (on Redis), driven over HTTP: miss, hit, write, fresh miss — asserting on
 * the responses and on the hit/miss log.
 */
import { execFile } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { type Cacheme, createCacheme, MemoryStorage } from '@cacheme/core'
import { mikroOrmAdapter } from '@cacheme/mikro-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { type Db, openDb, seed } from '../src/db.js'

describe('the mikro-orm example API, in-process', () => {
  let dir: string
  let db: Db
  let cm: Cacheme
  let server: Server
  let url: string
  let ids: Awaited<ReturnType<typeof seed>>
  const events: string[] = []

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cm-example-'))
    db = await openDb({ sqliteFile: join(dir, 'example.sqlite') })
    ids = await seed(db.orm)
    cm = createCacheme({ storage: new MemoryStorage() })
    cm.on('hit', (e) => events.push(`hit ${e.key.replace(/^CM:/, '')}`))
    cm.on('miss', (e) => events.push(`miss ${e.key.replace(/^CM:/, '')}`))
    await cm.attach(mikroOrmAdapter(db.orm))
    server = createServer(createApp({ cm, db, log: () => {} }))
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    server.close()
    await cm.close()
    await db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(url + path, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: response.status, body: response.status === 204 ? undefined : await response.json() }
  }

  it('serves miss, hit, then fresh values after each write', async () => {
    const book = `/books/${ids.book}`
    const expected = { id: ids.book, title: 'Notes', owner: { id: ids.ada, name: 'Ada' }, readers: [] }
    expect(await call('GET', book)).toEqual({ status: 200, body: expected })
    expect(events.splice(0).sort()).toEqual([
      `miss Book:${ids.book}>owner`,
      `miss Book:${ids.book}>readers`,
      `miss Book:${ids.book}>title`,
    ])
    expect(await call('GET', book)).toEqual({ status: 200, body: expected })
    expect(events.splice(0).every((e) => e.startsWith('hit '))).toBe(true)

    expect(await call('PUT', `/users/${ids.ada}`, { name: 'Ada Lovelace' })).toEqual({
      status: 200,
      body: { id: ids.ada, name: 'Ada Lovelace' },
    })
    expect((await call('GET', book)).body.owner).toEqual({ id: ids.ada, name: 'Ada Lovelace' })
    expect(events.splice(0).filter((e) => e.startsWith('miss'))).toEqual([`miss Book:${ids.book}>owner`])

    expect((await call('POST', `${book}/readers`, { userId: ids.alan })).status).toBe(204)
    expect((await call('GET', book)).body.readers).toEqual([{ id: ids.alan, name: 'Alan' }])
    expect((await call('DELETE', `${book}/readers/${ids.alan}`)).status).toBe(204)
    expect((await call('GET', book)).body.readers).toEqual([])
    expect((await call('PUT', book, { title: 'Notes, 2nd ed.' })).body.title).toBe('Notes, 2nd ed.')
    expect((await call('GET', '/health')).status).toBe(200)
  })

  it('answers 400 to bad input and 404 to missing books', async () => {
    expect(await call('PUT', `/users/${ids.ada}`, { name: '' })).toEqual({
      status: 400,
      body: { error: "'name' must be a non-empty string" },
    })
    expect((await call('POST', `/books/${ids.book}/readers`, { userId: 'x' })).status).toBe(400)
    expect((await call('GET', '/books/999')).status).toBe(404)
    expect((await call('DELETE', `/books/${ids.book}`)).status).toBe(204)
    expect((await call('GET', `/books/${ids.book}`)).status).toBe(404)
  })
})

describe('the mikro-orm example main process', () => {
  it('drives itself on Redis: miss, hit, fresh after commit, still cached after rollback — and exits 0', async () => {
    const url = process.env.CACHEME_REDIS_URL
    if (!url) throw new Error('CACHEME_REDIS_URL is not set (run through pnpm test:all)')
    const main = fileURLToPath(new URL('../dist/main.js', import.meta.url))
    const { stdout } = await promisify(execFile)(process.execPath, [main], {
      env: { ...process.env, REDIS_URL: url },
      timeout: 60_000,
    })
    const computed = stdout
      .split('\n')
      .filter((line) => line.startsWith('→'))
      .map((line) => Number(/computed (\d+)/.exec(line)?.[1]))
    expect(computed).toEqual([3, 0, 0, 1, 0, 1, 0, 0])
    expect(stdout).toContain('redis storage')
    expect(stdout).toContain('cache hit   Book:1>title')
    expect(stdout).toContain('"owner":{"id":1,"name":"Ada Lovelace"},"readers":[{"id":2,"name":"Alan"}]')
  })
})
