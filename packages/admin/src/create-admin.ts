/**
 * `createAdmin(options)`: the admin as one request handler `(req, res, next?)` that mounts in plain
 * `node:http`, Express (`app.use('/admin', admin)`) and Fastify (a hijacked catch-all route), and that
 * the `cacheme-admin` bin serves on its own.
 *
 * Every request goes through the same gate, in this order:
 * 1. only the stylesheet and the login form are served without authorization (they show no data);
 * 2. `authorize(req)` must return `true` or a user name — otherwise 401 (built-in authorizers: the login
 *    form for browsers, a `WWW-Authenticate` challenge for other clients) or 403 (a custom authorizer);
 * 3. a POST must be same-site (Origin / Sec-Fetch-Site) and carry the CSRF token of its cookie and user
 *    (`csrf.ts`), else 403; GET and HEAD never mutate anything;
 * 4. the page runs; malformed input (a bad key, pattern or cursor) is a 400 page with core's message,
 *    storage trouble a 503 page, anything else a 500 page (logged, details not shown).
 * Every response carries a strict Content-Security-Policy and the other headers of `response.ts`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { type Cacheme, CachemeError, type Logger } from '@cacheme/core'
import { type AdminOptions, checkOptions } from './admin-options.js'
import { type Authorize, isCredentialAuthorizer, SESSION_COOKIE } from './auth.js'
import { CSRF_COOKIE, Csrf, isCrossSite } from './csrf.js'
import { HistoryStore } from './history-store.js'
import { html } from './html.js'
import { layout, notice } from './layout.js'
import type { PageContext } from './page-context.js'
import { loginPage } from './pages/login.js'
import { PatternJobs } from './pattern-jobs.js'
import { BodyError, isHttps, readForm, type Target, target, wantsHtml } from './request.js'
import { type Reply, send } from './response.js'
import { route } from './router.js'
import { collectStats, type StatsCollector } from './stats-collector.js'
import { STYLESHEET } from './style.js'

/** The handler `createAdmin` returns. */
export interface AdminHandler {
  /** Handles one request. Outside `basePath` it calls `next()` when given, else answers 404. */
  (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void): void
  /** Stops statistics (flushing them) and cancels running pattern jobs. */
  close(): Promise<void>
}

/**
 * Creates the admin handler. Nothing is read from or written to the storage until the first request
 * (statistics, when on, start listening to the instance's events at once).
 * @throws CachemeError `E_INVALID_OPTION` for a missing `cacheme` or `authorize` (there is no open
 * default), a `basePath` that is not `/segment...`, or an out-of-range number, a short `secret`, ...
 */
export function createAdmin(options: AdminOptions): AdminHandler {
  const basePath = checkOptions(options)
  const cm = options.cacheme
  const logger = options.logger ?? cm.config.logger
  const history = new HistoryStore(cm, { maxEntries: options.historyMaxEntries, logger })
  const jobs = new PatternJobs(cm, history, options.scanCount)
  const csrf = new Csrf(options.secret)
  const credentials = isCredentialAuthorizer(options.authorize) ? options.authorize.login : undefined
  const stats: StatsCollector | undefined =
    options.stats === false
      ? undefined
      : collectStats(cm, { logger, ...(typeof options.stats === 'object' ? options.stats : {}) })
  const appTitle = options.title ?? 'cacheme admin'

  const handle = async (req: IncomingMessage, res: ServerResponse, at: Target): Promise<void> => {
    const method = req.method ?? 'GET'
    const cookie = csrf.cookieOf(req)
    const secure = isHttps(req, options.trustProxy === true) ? '; Secure' : ''
    const cookiePath = at.base || '/'
    const setCookies = cookie.fresh
      ? [`${CSRF_COOKIE}=${cookie.value}; Path=${cookiePath}; HttpOnly; SameSite=Strict${secure}`]
      : []
    const reply = (r: Reply, extra: readonly string[] = []) => send(res, r, [...setCookies, ...extra])
    const plain = (status: number, body: string, headers = {}) =>
      reply({ kind: 'text', status, body, headers })

    if (at.path === '/style.css' && (method === 'GET' || method === 'HEAD')) {
      return send(res, { kind: 'text', status: 200, body: STYLESHEET, type: 'text/css; charset=utf-8' })
    }
    const login = (status: number, error?: string, next = `${at.base}/tags`) =>
      loginPage({
        base: at.base,
        appTitle,
        prefix: cm.inspector.prefix,
        fields: credentials?.fields,
        csrf: csrf.token(cookie.value, ''),
        next,
        error,
        status,
      })
    if (at.path === '/login') {
      if (method !== 'POST') return reply(login(200, undefined, safeNext(at.query.get('next'), at.base)))
      if (credentials === undefined || isCrossSite(req)) return plain(403, 'Forbidden')
      const form = await readForm(req)
      if (!csrf.verify(cookie, '', form.get('_csrf')))
        return reply(login(403, 'The form expired: please sign in again.'))
      const session = credentials.check({
        username: form.get('username') ?? undefined,
        password: form.get('password') ?? undefined,
        token: form.get('token') ?? undefined,
      })
      const next = safeNext(form.get('next'), at.base)
      if (session === undefined) return reply(login(401, 'Wrong credentials.', next))
      return reply({ kind: 'redirect', to: next }, [
        `${SESSION_COOKIE}=${session}; Path=${cookiePath}; HttpOnly; SameSite=Strict; Max-Age=${credentials.maxAgeSeconds}${secure}`,
      ])
    }

    const user = await authorizedUser(options.authorize, req, logger)
    if (user === undefined) {
      if (credentials === undefined) {
        return wantsHtml(req) ? reply(login(403)) : plain(403, 'Forbidden: authorize() refused this request.')
      }
      if (wantsHtml(req))
        return reply(
          login(
            401,
            undefined,
            method === 'GET' ? safeNext(at.base + at.path + search(at), at.base) : undefined,
          ),
        )
      return plain(401, 'Unauthorized', { 'WWW-Authenticate': credentials.challenge })
    }

    if (at.path === '/logout' && method === 'POST') {
      const form = await readForm(req)
      if (isCrossSite(req) || !csrf.verify(cookie, user, form.get('_csrf')))
        return plain(403, 'Forbidden: missing or invalid CSRF token.')
      return reply({ kind: 'redirect', to: `${at.base}/login` }, [
        `${SESSION_COOKIE}=; Path=${cookiePath}; HttpOnly; SameSite=Strict; Max-Age=0${secure}`,
      ])
    }
    const match = route(method, at.path)
    if (match.kind === 'none')
      return reply(errorPage(at, appTitle, cm, 404, 'Not found', 'There is no such page.'))
    if (match.kind === 'wrong-method') return plain(405, 'Method Not Allowed', { Allow: match.allow })
    let form = new URLSearchParams()
    if (match.method === 'POST') {
      if (isCrossSite(req)) return plain(403, 'Forbidden: cross-site request.')
      form = await readForm(req)
      if (!csrf.verify(cookie, user, form.get('_csrf')))
        return plain(403, 'Forbidden: missing or invalid CSRF token.')
    }
    const ctx: PageContext = {
      cm,
      base: at.base,
      query: at.query,
      form,
      user,
      csrf: csrf.token(cookie.value, user),
      canLogout: credentials !== undefined,
      appTitle,
      history,
      jobs,
      collecting: stats !== undefined,
    }
    try {
      reply(await match.run(ctx))
    } catch (error) {
      if (
        CachemeError.is(error) &&
        ['E_INVALID_KEY', 'E_INVALID_PATTERN', 'E_INVALID_OPTION', 'E_UNKNOWN_TAG'].includes(error.code)
      ) {
        return reply(errorPage(at, appTitle, cm, 400, 'Invalid input', error.message))
      }
      if (CachemeError.is(error, 'E_STORAGE_UNAVAILABLE') || CachemeError.is(error, 'E_STORAGE_TIMEOUT')) {
        return reply(errorPage(at, appTitle, cm, 503, 'Storage unavailable', error.message))
      }
      throw error
    }
  }

  const handler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void): void => {
    const at = target(req, basePath)
    if (at === undefined) {
      if (next) next()
      else send(res, { kind: 'text', status: 404, body: 'Not Found' })
      return
    }
    handle(req, res, at).catch((error: unknown) => {
      if (error instanceof BodyError)
        return send(res, { kind: 'text', status: error.status, body: error.message })
      logger.error({ err: error, path: at.path }, 'cacheme-admin: request failed')
      if (!res.headersSent)
        send(res, errorPage(at, appTitle, cm, 500, 'Something went wrong', 'The error was logged.'))
      else res.destroy()
    })
  }
  return Object.assign(handler, {
    close: async () => {
      await jobs.close()
      await stats?.stop()
    },
  })
}

/** What `authorize` allowed, as a user name; `undefined` for anything but `true` or a non-empty string. */
async function authorizedUser(
  authorize: Authorize,
  req: IncomingMessage,
  logger: Logger,
): Promise<string | undefined> {
  try {
    const result = await authorize(req)
    if (result === true) return 'admin'
    if (typeof result === 'string' && result.length > 0) return result
    return undefined
  } catch (error) {
    logger.error({ err: error }, 'cacheme-admin: authorize() threw; the request is refused')
    return undefined
  }
}

/** A redirect target after login: a path inside the admin, else the tags page (no open redirect). */
function safeNext(next: string | null, base: string): string {
  if (
    next &&
    next.length < 2000 &&
    next.startsWith(`${base}/`) &&
    !next.startsWith('//') &&
    !/[\\\r\n]/.test(next) &&
    !next.includes('//')
  ) {
    return next
  }
  return `${base}/tags`
}

function search(at: Target): string {
  const text = at.query.toString()
  return text ? `?${text}` : ''
}

function errorPage(
  at: Target,
  appTitle: string,
  cm: Cacheme,
  status: number,
  title: string,
  message: string,
): Reply {
  const body = html`${notice(status >= 500 ? 'error' : 'warning', message)}<p><a href="${at.base}/tags">Back to the tags</a></p>`
  return {
    kind: 'html',
    status,
    body: layout({ title, appTitle, base: at.base, prefix: cm.inspector.prefix, body }),
  }
}
