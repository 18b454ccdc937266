/** The history page: every mutation (who, when, what, how many removed, outcome, duration), newest first. */
import { formatCount, formatDuration, formatTime } from '../format.js'
import { href, html } from '../html.js'
import { notice } from '../layout.js'
import { type PageContext, page } from '../page-context.js'
import type { Reply } from '../response.js'

const PAGE = 50
const ACTIONS = { pattern: 'pattern', tag: 'tag', 'invalid-key': 'invalid key' } as const

/** GET /history?offset=0&last=<id> (`last` highlights the record a mutation just wrote). */
export async function historyPage(ctx: PageContext): Promise<Reply> {
  const offset = Math.max(0, Math.min(1_000_000, Number.parseInt(ctx.query.get('offset') ?? '0', 10) || 0))
  const last = ctx.query.get('last') ?? ''
  const records = await ctx.history.list(offset, PAGE)
  const rows = records.map(
    (r) => html`<tr${r.id === last ? html` class="highlight"` : ''}>
<td>${formatTime(r.at)}</td><td>${r.user}</td><td>${ACTIONS[r.action]}</td><td class="key">${r.target}</td>
<td class="num">${formatCount(r.removed)}${r.expected === undefined ? '' : html` <span class="muted">of ${formatCount(r.expected)}</span>`}</td>
<td>${r.outcome === 'done' ? html`<span class="pill ok">done</span>` : r.outcome === 'cancelled' ? html`<span class="pill warn">cancelled</span>` : html`<span class="pill bad" title="${r.error ?? ''}">failed</span>`}</td>
<td class="num">${formatDuration(r.durationMs)}</td></tr>`,
  )
  const justNow =
    last && records.some((r) => r.id === last)
      ? notice('success', 'Done: the highlighted row is what just happened.')
      : ''
  const body =
    records.length === 0
      ? notice('info', offset === 0 ? 'Nothing has been invalidated from the admin yet.' : 'No more records.')
      : html`${justNow}<table><thead><tr><th>When</th><th>Who</th><th>What</th><th>Target</th><th class="num">Removed</th><th>Outcome</th><th class="num">Duration</th></tr></thead><tbody>${rows}</tbody></table>
<div class="pager">${offset > 0 ? html`<a href="${href(ctx.base, '/history', { offset: Math.max(0, offset - PAGE) })}">« Newer</a>` : ''}${records.length === PAGE ? html`<a href="${href(ctx.base, '/history', { offset: offset + PAGE })}">Older »</a>` : ''}</div>`
  return page(
    ctx,
    'history',
    'History',
    html`<p class="lead">Kept in Redis (shared by every admin process, survives restarts and pattern invalidations); the newest records are kept.</p>${body}`,
  )
}
