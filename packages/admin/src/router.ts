/**
 * The admin's routes: which page handles which method and path. GET routes only read; every mutation is
 * a POST route (and the caller checks its CSRF token before dispatching). Path parameters are job ids.
 */
import type { PageContext } from './page-context.js'
import { entryPage } from './pages/entry.js'
import { historyPage } from './pages/history.js'
import { invalidateKey, invalidKeyPage } from './pages/invalid-keys.js'
import { keysPage } from './pages/keys.js'
import { cancelRun, confirmRun, jobPage, patternPage, startDryRun } from './pages/pattern.js'
import { statsPage } from './pages/stats.js'
import { invalidateTag, tagsPage } from './pages/tags.js'
import type { Reply } from './response.js'

type Handler = (ctx: PageContext, id: string) => Promise<Reply>

interface Route {
  readonly method: 'GET' | 'POST'
  readonly path: RegExp
  readonly handler: Handler
}

const JOB = '([A-Za-z0-9_-]{1,32})'

const ROUTES: readonly Route[] = [
  { method: 'GET', path: /^\/$/, handler: async (ctx) => ({ kind: 'redirect', to: `${ctx.base}/tags` }) },
  { method: 'GET', path: /^\/tags$/, handler: tagsPage },
  { method: 'POST', path: /^\/tags\/invalidate$/, handler: invalidateTag },
  { method: 'GET', path: /^\/keys$/, handler: keysPage },
  { method: 'GET', path: /^\/key$/, handler: entryPage },
  { method: 'GET', path: /^\/invalid$/, handler: invalidKeyPage },
  { method: 'POST', path: /^\/invalid\/invalidate$/, handler: invalidateKey },
  { method: 'GET', path: /^\/pattern$/, handler: patternPage },
  { method: 'POST', path: /^\/pattern\/dry-run$/, handler: startDryRun },
  { method: 'GET', path: new RegExp(`^/pattern/jobs/${JOB}$`), handler: jobPage },
  { method: 'POST', path: new RegExp(`^/pattern/jobs/${JOB}/confirm$`), handler: confirmRun },
  { method: 'POST', path: new RegExp(`^/pattern/jobs/${JOB}/cancel$`), handler: cancelRun },
  { method: 'GET', path: /^\/history$/, handler: historyPage },
  { method: 'GET', path: /^\/stats$/, handler: statsPage },
]

/** What a request resolves to. */
export type Match =
  | {
      readonly kind: 'route'
      readonly method: 'GET' | 'POST'
      readonly run: (ctx: PageContext) => Promise<Reply>
    }
  | { readonly kind: 'wrong-method'; readonly allow: string }
  | { readonly kind: 'none' }

/** Finds the route of `method` (HEAD is GET) and `path`. */
export function route(method: string, path: string): Match {
  const wanted = method === 'HEAD' ? 'GET' : method
  const candidates = ROUTES.map((r) => ({ r, m: r.path.exec(path) })).filter((x) => x.m !== null)
  if (candidates.length === 0) return { kind: 'none' }
  const found = candidates.find((x) => x.r.method === wanted)
  if (found === undefined)
    return { kind: 'wrong-method', allow: [...new Set(candidates.map((x) => x.r.method))].join(', ') }
  const id = found.m?.[1] ?? ''
  return { kind: 'route', method: found.r.method, run: (ctx) => found.r.handler(ctx, id) }
}
