/**
 * Reading a request, whichever server it came through: the path inside the admin and its mount path,
 * the query, cookies, and a bounded `application/x-www-form-urlencoded` body.
 *
 * Mounting: plain `node:http` passes the full URL (`basePath` tells what to strip); Express's
 * `app.use('/admin', admin)` strips the mount path itself and keeps it in `req.baseUrl`; Fastify hands the
 * raw request with its full URL (`basePath` again). Express may also have parsed the body already
 * (`express.urlencoded()` in front of the admin): then `req.body` is used instead of the consumed stream.
 */
import type { IncomingMessage } from 'node:http'

/** Largest form body accepted (the admin's forms hold a pattern or a key and a token). */
export const MAX_BODY_BYTES = 16 * 1024

/** Where a request points inside the admin. */
export interface Target {
  /** Mount path, `''` or e.g. `/admin` (no trailing slash). */
  readonly base: string
  /** The path inside the admin, starting with `/`. */
  readonly path: string
  readonly query: URLSearchParams
}

/** Express adds these; other servers do not. */
interface ExpressLike {
  readonly originalUrl?: unknown
  readonly baseUrl?: unknown
  readonly body?: unknown
}

/** The admin path of a request, or `undefined` when it is not under `basePath`. */
export function target(req: IncomingMessage, basePath: string | undefined): Target | undefined {
  const extra = req as IncomingMessage & ExpressLike
  let base: string
  let rest: string
  const url = typeof extra.originalUrl === 'string' ? extra.originalUrl : (req.url ?? '/')
  if (basePath !== undefined) {
    const pathname = url.split('?')[0] ?? ''
    if (pathname !== basePath && !pathname.startsWith(`${basePath}/`)) return undefined
    base = basePath
    rest = url.slice(basePath.length)
  } else if (typeof extra.baseUrl === 'string') {
    base = extra.baseUrl.replace(/\/+$/, '')
    rest = req.url ?? '/'
  } else {
    base = ''
    rest = url
  }
  const parsed = new URL(rest.startsWith('/') ? rest : `/${rest}`, 'http://admin.invalid')
  // The URL parser resolves dot segments; repeated and trailing slashes are collapsed (`/tags/` is `/tags`).
  const path = parsed.pathname.replace(/\/{2,}/g, '/').replace(/\/$/, '') || '/'
  return { base, path, query: parsed.searchParams }
}

/** The cookies of a request (later duplicates ignored). */
export function cookies(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>()
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=')
    if (at <= 0) continue
    const name = part.slice(0, at).trim()
    if (out.has(name)) continue
    try {
      out.set(name, decodeURIComponent(part.slice(at + 1).trim()))
    } catch {
      // A malformed cookie value is ignored, like a missing one.
    }
  }
  return out
}

/** Why a body was refused. */
export class BodyError extends Error {
  readonly status: 413 | 415 | 400
  constructor(status: 413 | 415 | 400, message: string) {
    super(message)
    this.status = status
  }
}

/**
 * The urlencoded form of a POST. Rejects other content types (415) and bodies over {@link MAX_BODY_BYTES}
 * (413). Uses a body a framework already parsed when there is one.
 */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const parsed = (req as IncomingMessage & ExpressLike).body
  if (parsed !== undefined && parsed !== null && typeof parsed === 'object' && !Buffer.isBuffer(parsed)) {
    const form = new URLSearchParams()
    for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
      if (typeof value === 'string') form.set(name, value)
    }
    return form
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
  if (type !== 'application/x-www-form-urlencoded') {
    throw new BodyError(415, 'forms are sent as application/x-www-form-urlencoded')
  }
  if (typeof parsed === 'string' || Buffer.isBuffer(parsed)) return new URLSearchParams(parsed.toString())
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > MAX_BODY_BYTES) throw new BodyError(413, 'form too large')
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
    size += buffer.length
    if (size > MAX_BODY_BYTES) throw new BodyError(413, 'form too large')
    chunks.push(buffer)
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
}

/** True when the client asked for HTML (a browser), so it gets pages rather than plain-text errors. */
export function wantsHtml(req: IncomingMessage): boolean {
  return /\btext\/html\b/.test(req.headers.accept ?? '')
}

/** True when the request came over TLS (directly, or through a proxy that says so and is trusted). */
export function isHttps(req: IncomingMessage, trustProxy: boolean): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted === true) return true
  return (
    trustProxy &&
    String(req.headers['x-forwarded-proto'] ?? '')
      .split(',')[0]
      ?.trim() === 'https'
  )
}
