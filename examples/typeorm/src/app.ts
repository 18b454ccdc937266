/**
 * The HTTP API, as a plain `node:http` request handler (no framework):
 *
 *   GET    /books/:id               → 200 { id, title, owner: { id, name }, readers: [{ id, name }] } | 404
 *   PUT    /books/:id               { title?, ownerId? } → 200 the updated book
 *   POST   /books/:id/readers       { userId } → 204
 *   DELETE /books/:id/readers/:uid  → 204
 *   PUT    /users/:id               { name } → 200 { id, name }
 *   DELETE /books/:id               → 204
 *   GET    /health                  → 200 { ok: true }
 *
 * Writes go through TypeORM's repositories and relation query builder only; the adapter turns them into
 * invalidations after COMMIT, so the next GET is fresh without any cache code in the handlers.
 * Bad input → 400 `{ error }`; unknown rows → 404 `{ error }`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Cacheme } from '@cacheme/core'
import { Book, type Db } from './db.js'
import { bookSerializer } from './serializer.js'

export interface AppOptions {
  readonly cm: Cacheme
  readonly db: Db
  /** One line per request (method, path, status, duration). */
  readonly log?: (line: string) => void
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void

export function createApp({ cm, db, log = () => {} }: AppOptions): Handler {
  const serializer = bookSerializer(cm, db)
  const { books, users, dataSource } = db
  // Adding a link through the relation query builder is seen with both ids (precise); removing one
  // through it is not (TypeORM reports no ids: relation-wide), so removals go through save() instead.
  const readerLinks = (bookId: number) => dataSource.createQueryBuilder().relation(Book, 'readers').of(bookId)

  const findBook = async (id: number) => {
    const book = await books.findOneBy({ id })
    if (!book) throw new HttpError(404, `book ${id} not found`)
    return book
  }
  const findUser = async (id: number) => {
    const user = await users.findOneBy({ id })
    if (!user) throw new HttpError(404, `user ${id} not found`)
    return user
  }
  const bookJson = async (id: number) => {
    const book = await findBook(id)
    const [title, owner, readers] = await Promise.all([
      serializer.title(book),
      serializer.owner(book),
      serializer.readers(book),
    ])
    return { id: book.id, title, owner, readers }
  }

  const routes: [string, RegExp, (params: number[], body: Record<string, unknown>) => Promise<unknown>][] = [
    ['GET', /^\/health$/, async () => ({ ok: true })],
    ['GET', /^\/books\/(\d+)$/, async ([id]) => bookJson(id!)],
    [
      'PUT',
      /^\/books\/(\d+)$/,
      async ([id], body) => {
        const book = await findBook(id!)
        if (body.title !== undefined) book.title = text(body.title, 'title')
        if (body.ownerId !== undefined) book.owner = await findUser(positive(body.ownerId, 'ownerId'))
        await books.save(book)
        return bookJson(id!)
      },
    ],
    [
      'POST',
      /^\/books\/(\d+)\/readers$/,
      async ([id], body) => {
        const book = await findBook(id!)
        await readerLinks(book.id).add(await findUser(positive(body.userId, 'userId')))
        return undefined
      },
    ],
    [
      'DELETE',
      /^\/books\/(\d+)\/readers\/(\d+)$/,
      async ([id, userId]) => {
        const book = await books.findOne({ where: { id: id! }, relations: { readers: true } })
        if (!book) throw new HttpError(404, `book ${id} not found`)
        book.readers = book.readers.filter((reader) => reader.id !== userId)
        await books.save(book)
        return undefined
      },
    ],
    [
      'PUT',
      /^\/users\/(\d+)$/,
      async ([id], body) => {
        const user = await findUser(id!)
        user.name = text(body.name, 'name')
        await users.save(user)
        return { id: user.id, name: user.name }
      },
    ],
    [
      'DELETE',
      /^\/books\/(\d+)$/,
      async ([id]) => {
        await books.remove(await findBook(id!))
        return undefined
      },
    ],
  ]

  return (req, res) => {
    const started = performance.now()
    const path = (req.url ?? '/').split('?')[0]!
    const send = (status: number, payload?: unknown) => {
      res.writeHead(status, payload === undefined ? {} : { 'content-type': 'application/json' })
      res.end(payload === undefined ? undefined : JSON.stringify(payload))
      log(`${req.method} ${path} → ${status} (${(performance.now() - started).toFixed(1)} ms)`)
    }
    const route = routes.find(([method, pattern]) => method === req.method && pattern.test(path))
    if (!route) {
      send(404, { error: `no route ${req.method} ${path}` })
      return
    }
    const params = route[1].exec(path)!.slice(1).map(Number)
    readJson(req)
      .then((body) => route[2](params, body))
      .then(
        (payload) => send(payload === undefined ? 204 : 200, payload),
        (error: unknown) => {
          if (error instanceof HttpError) send(error.status, { error: error.message })
          else send(500, { error: error instanceof Error ? error.message : String(error) })
        },
      )
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  if (chunks.length === 0) return {}
  let body: unknown
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw new HttpError(400, 'the body is not JSON → send e.g. {"name":"Ada"}')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'the body must be a JSON object')
  }
  return body as Record<string, unknown>
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new HttpError(400, `'${field}' must be a non-empty string, got ${JSON.stringify(value)}`)
  }
  return value
}

function positive(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new HttpError(400, `'${field}' must be a positive integer id, got ${JSON.stringify(value)}`)
  }
  return value
}
