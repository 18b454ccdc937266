/**
 * The HTTP API, as a plain `node:http` request handler (no web framework). Every write is one MikroORM
 * unit of work in a fresh `em.fork()` (what a request-scoped EntityManager is): when its `flush()`
 * resolves, the adapter has invalidated what it changed, so the next `GET /books/:id` is fresh.
 *
 *   GET    /books/:id                 200 { id, title, owner: { id, name }, readers: [{ id, name }] } | 404
 *   PUT    /books/:id                 { title?, ownerId? } → 200 the updated book
 *   POST   /books/:id/readers         { userId } → 204
 *   DELETE /books/:id/readers/:userId → 204
 *   PUT    /users/:id                 { name } → 200 { id, name }
 *   DELETE /books/:id                 → 204
 *   GET    /health                    → 200
 * Bad input → 400 { error }.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import type { Cacheme } from '@cacheme/core'
import type { MikroORM } from '@mikro-orm/core'
import { Book, User } from './db.js'
import { type BookRef, BookSerializer } from './serializer.js'

export interface AppOptions {
  readonly cm: Cacheme
  readonly db: { readonly orm: MikroORM }
  /** One line per request (`GET /books/1 200 3.1 ms`). */
  readonly log: (line: string) => void
}

class BadRequest extends Error {}
class NotFound extends Error {}

export function createApp({ cm, db, log }: AppOptions): RequestListener {
  const { orm } = db
  const serializer = new BookSerializer(cm, orm)

  const bookRef = async (id: number): Promise<BookRef> => {
    const book = await orm.em.fork().findOne(Book, id)
    if (!book) throw new NotFound(`no book ${id}`)
    return { id: book.id, ownerId: book.owner.id }
  }

  const routes: [
    string,
    RegExp,
    (match: string[], body: Record<string, unknown>) => Promise<[number, unknown?]>,
  ][] = [
    ['GET', /^\/health$/, async () => [200, { ok: true }]],
    ['GET', /^\/books\/(\d+)$/, async ([id]) => [200, await serializer.serialize(await bookRef(Number(id)))]],
    [
      'PUT',
      /^\/books\/(\d+)$/,
      async ([id], body) => {
        const em = orm.em.fork()
        const book = await em.findOne(Book, Number(id))
        if (!book) throw new NotFound(`no book ${id}`)
        if (body.title !== undefined) book.title = text(body.title, 'title')
        if (body.ownerId !== undefined) {
          const owner = await em.findOne(User, positive(body.ownerId, 'ownerId'))
          if (!owner) throw new BadRequest(`no user ${String(body.ownerId)}`)
          book.owner = owner
        }
        await em.flush()
        return [200, await serializer.serialize(await bookRef(book.id))]
      },
    ],
    [
      'POST',
      /^\/books\/(\d+)\/readers$/,
      async ([id], body) => {
        const em = orm.em.fork()
        const book = await em.findOne(Book, Number(id), { populate: ['readers'] })
        if (!book) throw new NotFound(`no book ${id}`)
        const user = await em.findOne(User, positive(body.userId, 'userId'))
        if (!user) throw new BadRequest(`no user ${String(body.userId)}`)
        book.readers.add(user)
        await em.flush()
        return [204]
      },
    ],
    [
      'DELETE',
      /^\/books\/(\d+)\/readers\/(\d+)$/,
      async ([id, userId]) => {
        const em = orm.em.fork()
        const book = await em.findOne(Book, Number(id), { populate: ['readers'] })
        if (!book) throw new NotFound(`no book ${id}`)
        book.readers.remove((reader) => reader.id === Number(userId))
        await em.flush()
        return [204]
      },
    ],
    [
      'PUT',
      /^\/users\/(\d+)$/,
      async ([id], body) => {
        const em = orm.em.fork()
        const user = await em.findOne(User, Number(id))
        if (!user) throw new NotFound(`no user ${id}`)
        user.name = text(body.name, 'name')
        await em.flush()
        return [200, { id: user.id, name: user.name }]
      },
    ],
    [
      'DELETE',
      /^\/books\/(\d+)$/,
      async ([id]) => {
        const em = orm.em.fork()
        const book = await em.findOne(Book, Number(id))
        if (!book) throw new NotFound(`no book ${id}`)
        await em.remove(book).flush()
        return [204]
      },
    ],
  ]

  return (request: IncomingMessage, response: ServerResponse) => {
    const started = performance.now()
    const path = (request.url ?? '/').split('?')[0]!
    const handle = async (): Promise<[number, unknown?]> => {
      for (const [method, pattern, run] of routes) {
        const match = pattern.exec(path)
        if (match && request.method === method) return run(match.slice(1), await readJson(request))
      }
      throw new NotFound(`no route ${request.method} ${path}`)
    }
    handle()
      .catch((error: unknown): [number, unknown] => {
        if (error instanceof BadRequest) return [400, { error: error.message }]
        if (error instanceof NotFound) return [404, { error: error.message }]
        return [500, { error: 'internal error' }]
      })
      .then(([status, body]) => {
        response.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' })
        response.end(body === undefined ? undefined : JSON.stringify(body))
        log(`${request.method} ${path} ${status} ${(performance.now() - started).toFixed(1)} ms`)
      })
  }
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  let raw = ''
  for await (const chunk of request) raw += chunk
  if (raw.trim() === '') return {}
  try {
    const parsed: unknown = JSON.parse(raw)
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>
  } catch {
    // reported below
  }
  throw new BadRequest('the body must be a JSON object')
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new BadRequest(`'${field}' must be a non-empty string`)
  return value
}

function positive(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0)
    throw new BadRequest(`'${field}' must be a positive integer`)
  return value
}
