/** The tags page: every tag with its live entry count, and "invalidate all" per tag. */

import { formatCount } from '../format.js'
import { href, html } from '../html.js'
import { csrfField, notice } from '../layout.js'
import { type PageContext, page, redirect } from '../page-context.js'
import type { Reply } from '../response.js'

/** GET /tags */
export async function tagsPage(ctx: PageContext): Promise<Reply> {
  const tags = await ctx.cm.inspector.tags()
  const rows = tags.map(
    (tag) => html`<tr>
<td><a class="key" href="${href(ctx.base, '/keys', { tag: tag.name })}">${tag.name}</a>${tag.registered ? '' : html` <span class="pill" title="found in the storage; no function of this process registers it">storage only</span>`}</td>
<td class="num">${formatCount(tag.live)}${tag.exact ? '' : '+'}</td>
<td><form class="inline" method="post" action="${ctx.base}/tags/invalidate">${csrfField(ctx.csrf)}<input type="hidden" name="tag" value="${tag.name}"><button class="danger small" type="submit"${tag.live === 0 ? html` disabled` : ''}>Invalidate all</button></form></td>
</tr>`,
  )
  const body =
    tags.length === 0
      ? notice(
          'info',
          'No tags yet: tags appear once a cached function is decorated or wrapped, or has stored entries.',
        )
      : html`<table><thead><tr><th>Tag</th><th class="num">Live entries</th><th></th></tr></thead><tbody>${rows}</tbody></table>
<p class="muted">Counts are the entries currently cached (expired and invalidated ones are not counted).</p>`
  return page(ctx, 'tags', 'Tags', body)
}

/** POST /tags/invalidate — removes every entry of a tag, recorded in the history. */
export async function invalidateTag(ctx: PageContext): Promise<Reply> {
  const tag = ctx.form.get('tag') ?? ''
  const started = Date.now()
  let removed = 0
  let error: string | undefined
  try {
    removed = await ctx.cm.invalidateTag(tag)
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught)
  }
  const { record } = await ctx.history.record({
    at: started,
    user: ctx.user,
    action: 'tag',
    target: tag,
    removed,
    outcome: error === undefined ? 'done' : 'failed',
    durationMs: Date.now() - started,
    error,
  })
  return redirect(ctx, `/history?last=${encodeURIComponent(record.id)}`)
}
