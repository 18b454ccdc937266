/** The invalid-key lookup: `User:200` → the entries that depend on it → invalidate them. */

import { html } from '../html.js'
import { csrfField } from '../layout.js'
import { type PageContext, page, redirect } from '../page-context.js'
import type { Reply } from '../response.js'
import { entryTable, pager } from './entry-table.js'

/** GET /invalid?key=User:200 */
export async function invalidKeyPage(ctx: PageContext): Promise<Reply> {
  const key = ctx.query.get('key') ?? ''
  const cursor = ctx.query.get('cursor') ?? '0'
  const form = html`<form class="bar" method="get" action="${ctx.base}/invalid"><label for="key">Invalid key</label><input id="key" type="text" name="key" value="${key}" placeholder="User:200"><button type="submit">Look up</button></form>`
  if (!key) {
    return page(
      ctx,
      'invalid',
      'Invalid keys',
      html`${form}<p class="muted">An invalid key names something that can change (a row: <code>User:200</code>, a model: <code>Book</code>). Entries registered under it are removed when it is invalidated.</p>`,
    )
  }
  const result = await ctx.cm.inspector.dependents(key, { cursor, count: 50 })
  const body = html`${form}
<p class="lead">Entries in <code>${ctx.cm.inspector.prefix}${key}:invalid</code>: what invalidating <code>${key}</code> removes.</p>
${entryTable(ctx.base, result.items)}${pager(ctx.base, '/invalid', { key, cursor }, result.cursor)}
<form class="bar" method="post" action="${ctx.base}/invalid/invalidate">${csrfField(ctx.csrf)}<input type="hidden" name="key" value="${key}"><button class="danger" type="submit">Invalidate ${key}</button></form>`
  return page(ctx, 'invalid', `Invalid key ${key}`, body)
}

/** POST /invalid/invalidate — `cm.invalidate(key)`, recorded in the history. */
export async function invalidateKey(ctx: PageContext): Promise<Reply> {
  const key = ctx.form.get('key') ?? ''
  const started = Date.now()
  let removed = 0
  let error: string | undefined
  try {
    removed = await ctx.cm.invalidate(key, { kind: 'admin' })
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught)
  }
  const { record } = await ctx.history.record({
    at: started,
    user: ctx.user,
    action: 'invalid-key',
    target: key,
    removed,
    outcome: error === undefined ? 'done' : 'failed',
    durationMs: Date.now() - started,
    error,
  })
  return redirect(ctx, `/history?last=${encodeURIComponent(record.id)}`)
}
