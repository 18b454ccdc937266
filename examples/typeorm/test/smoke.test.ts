/**
 * Smoke test of the example over HTTP: in-process through `createApp` (a throwaway SQLite file), and as
 * the real `main` process (SQLite with MemoryStorage, then Redis; PostgreSQL with Redis) — miss, hit,
 * write, fresh miss, asserted on the responses and on the hit/miss log.
 */
import { execFileSync } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createCacheme, MemoryStorage } from '@cacheme/core'
import { typeormAdapter } from '@cacheme/typeorm'
import { DataSource } from 'typeorm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { type Db, openDb } from '../src/db.js'

describe('typeorm example, in process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cacheme-example-typeorm-'))
  const cm = createCacheme({ storage: new MemoryStorage(), prefix: 'CM:' })
  const log: string[] = []
  let db: Db
  let server: Server
  let url = ''
  cm.on('hit', ({ key }) => log.push(`hit ${key.slice(3)}`))
  cm.on('miss', ({ key }) => log.push(`miss ${key.slice(3)}`))

  beforeAll(async () => {
    db = await openDb({ file: join(dir, 'test.sqlite') })
    await db.seed()
    await cm.attach(typeormAdapter(db.dataSource))
    server = createServer(createApp({ cm, db }))
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
    const res = await fetch(url + path, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: res.status, body: res.status === 204 ? undefined : await res.json() }
  }

  it('serves a miss, then a hit, then after a write the fresh value (only the changed part recomputed)', async () => {
    const first = await call('GET', '/books/1')
    expect(first).toEqual({
      status: 200,
      body: { id: 1, title: 'Notes', owner: { id: 1, name: 'Ada' }, readers: [] },
    })
    expect(log.splice(0).sort()).toEqual(['miss Book:1>owner', 'miss Book:1>readers', 'miss Book:1>title'])

    expect((await call('GET', '/books/1')).body).toEqual(first.body)
    expect(log.splice(0).sort()).toEqual(['hit Book:1>owner', 'hit Book:1>readers', 'hit Book:1>title'])

    expect(await call('PUT', '/users/1', { name: 'Ada Lovelace' })).toEqual({
      status: 200,
      body: { id: 1, name: 'Ada Lovelace' },
    })
    expect((await call('GET', '/books/1')).body).toMatchObject({ owner: { name: 'Ada Lovelace' } })
    expect(log.splice(0).sort()).toEqual(['hit Book:1>readers', 'hit Book:1>title', 'miss Book:1>owner'])

    expect((await call('POST', '/books/1/readers', { userId: 2 })).status).toBe(204)
    expect((await call('GET', '/books/1')).body).toMatchObject({ readers: [{ id: 2, name: 'Alan' }] })
    expect(log.splice(0).sort()).toEqual(['hit Book:1>owner', 'hit Book:1>title', 'miss Book:1>readers'])

    expect((await call('DELETE', '/books/1/readers/2')).status).toBe(204)
    expect((await call('GET', '/books/1')).body).toMatchObject({ readers: [] })

    expect(await call('PUT', '/books/1', { title: 'Notes, 2nd ed.', ownerId: 2 })).toMatchObject({
      status: 200,
      body: { title: 'Notes, 2nd ed.', owner: { id: 2, name: 'Alan' } },
    })
  })

  it('answers bad input with 400 and unknown rows with 404, as JSON', async () => {
    expect(await call('PUT', '/users/1', { name: '' })).toMatchObject({
      status: 400,
      body: { error: /name/ },
    })
    expect(await call('POST', '/books/1/readers', { userId: 'x' })).toMatchObject({ status: 400 })
    expect(await call('GET', '/books/99')).toEqual({ status: 404, body: { error: 'book 99 not found' } })
    expect(await call('GET', '/health')).toEqual({ status: 200, body: { ok: true } })
    expect((await call('DELETE', '/books/1')).status).toBe(204)
    expect((await call('GET', '/books/1')).status).toBe(404)
  })
})

describe('typeorm example, as the main process', () => {
  const main = fileURLToPath(new URL('../dist/main.js', import.meta.url))
  const run = (env: Record<string, string>) =>
    execFileSync(process.execPath, [main], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    })
  const computed = (out: string) => [...out.matchAll(/computed: (.+)$/gm)].map((m) => m[1])
  const steps = ['owner, readers, title', 'nothing', 'nothing', 'owner', 'nothing', 'readers', 'nothing']

  it.each([
    ['memory', {} as Record<string, string>],
    ['redis', { REDIS_URL: process.env.CACHEME_REDIS_URL ?? 'missing CACHEME_REDIS_URL' }],
  ])(
    'drives itself on SQLite: miss, hit, invalidation after commit, fresh miss, rolled-back rename recomputed (%s)',
    (_name, env) => {
      const out = run(env)
      // Step 8: SQLite shares one connection, so the rolled-back rename was invalidated (when made and at
      // ROLLBACK) and the readers are recomputed from the committed row.
      expect(computed(out)).toEqual([...steps, 'readers'])
      expect(out).toMatch(/invalidated {3}User, User:1 /)
      expect(out.trimEnd().split('\n').at(-1)).toBe(
        '   {"id":1,"title":"Notes","owner":{"id":1,"name":"Ada Lovelace"},"readers":[{"id":2,"name":"Alan"}]}',
      )
    },
  )

  it('drives itself on PostgreSQL (DATABASE_URL) and Redis: a rolled-back rename keeps the cache', async () => {
    const pgUrl = process.env.CACHEME_PG_URL
    if (!pgUrl) throw new Error('CACHEME_PG_URL is not set (run through pnpm test:all)')
    // The example recreates its tables: give it a database of its own.
    const name = `example_typeorm_${process.pid}_${Date.now()}`
    const admin = await new DataSource({ type: 'postgres', url: pgUrl }).initialize()
    await admin.query(`CREATE DATABASE ${name}`)
    try {
      const url = new URL(pgUrl)
      url.pathname = `/${name}`
      const out = run({ DATABASE_URL: url.href, REDIS_URL: process.env.CACHEME_REDIS_URL ?? 'missing' })
      expect(out).toContain('cacheme + TypeORM on PostgreSQL')
      expect(computed(out)).toEqual([...steps, 'nothing'])
      expect(out).toContain('GET (still cached: nothing was invalidated)')
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.destroy()
    }
  })
})
