/** What every page handler receives, and the one helper that wraps a page body in the layout. */
import type { Cacheme } from '@cacheme/core'
import type { HistoryStore } from './history-store.js'
import type { HtmlValue } from './html.js'
import { layout, type Section } from './layout.js'
import type { PatternJobs } from './pattern-jobs.js'
import type { Reply } from './response.js'

/** One authorized request, as a page sees it. */
export interface PageContext {
  readonly cm: Cacheme
  /** Mount path (`''` or e.g. `/admin`). */
  readonly base: string
  readonly query: URLSearchParams
  /** The POST form (empty for GET). */
  readonly form: URLSearchParams
  /** Who is signed in (what `authorize` returned, or `admin` for `true`). */
  readonly user: string
  /** The CSRF token for this user's forms. */
  readonly csrf: string
  /** True when the authorizer has a login form, so logging out means something. */
  readonly canLogout: boolean
  readonly appTitle: string
  readonly history: HistoryStore
  readonly jobs: PatternJobs
  /** True when this admin collects statistics itself. */
  readonly collecting: boolean
}

/** A page: the body inside the layout. */
export function page(
  ctx: PageContext,
  section: Section | undefined,
  title: string,
  body: HtmlValue,
  options: { status?: number; refreshSeconds?: number } = {},
): Reply {
  return {
    kind: 'html',
    status: options.status,
    body: layout({
      title,
      appTitle: ctx.appTitle,
      base: ctx.base,
      prefix: ctx.cm.inspector.prefix,
      body,
      active: section,
      user: { name: ctx.user, csrf: ctx.csrf, canLogout: ctx.canLogout },
      refreshSeconds: options.refreshSeconds,
    }),
  }
}

/** A redirect inside the admin. */
export function redirect(ctx: PageContext, to: string): Reply {
  return { kind: 'redirect', to: `${ctx.base}${to}` }
}
