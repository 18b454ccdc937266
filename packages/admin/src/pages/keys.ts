/** The keys page: a tag's entries (SSCAN) or a browse of the keys under the prefix (SCAN), paged. */
import { formatBytes, formatCount, formatTtl } from '../format.js'
import { href, html } from '../html.js'
import { notice } from '../layout.js'
import { type PageContext, page } from '../page-context.js'
import type { Reply } from '../response.js'
import { entryTable, pager } from './entry-table.js'

/** GET /keys?tag=…  or  /keys?pattern=… (default `*`), with `cursor` for the next page. */
export async function keysPage(ctx: PageContext): Promise<Reply> {
  const tag = ctx.query.get('tag') ?? ''
  const pattern = ctx.query.get('pattern') ?? ''
  const cursor = ctx.query.get('cursor') ?? '0'
  const form = html`<form class="bar" method="get" action="${ctx.base}/keys">
<label for="pattern">Pattern under the prefix</label>
<input id="pattern" type="text" name="pattern" value="${pattern || (tag ? '' : '*')}" placeholder="Book:*" maxlength="512">
<button type="submit">Browse</button>
</form>`
  if (tag) {
    const result = await ctx.cm.inspector.tagKeys(tag, { cursor, count: 50 })
    return page(
      ctx,
      'keys',
      `Keys of tag ${tag}`,
      html`${form}
<p class="lead">Live entries indexed under tag <code>${tag}</code>.</p>
${entryTable(ctx.base, result.items)}${pager(ctx.base, '/keys', { tag, cursor }, result.cursor)}`,
    )
  }
  const result = await ctx.cm.inspector.browse({ pattern: pattern || '*', cursor, count: 50 })
  const rows = result.items.map((item) => {
    const link =
      item.kind === 'values'
        ? href(ctx.base, '/key', { key: item.name })
        : item.kind === 'invalidation-set'
          ? href(ctx.base, '/invalid', { key: item.name.slice(0, -':invalid'.length) })
          : undefined
    const size =
      item.type === 'string'
        ? formatBytes(item.size)
        : `${formatCount(item.size)} ${item.type === 'hash' ? 'fields' : 'members'}`
    return html`<tr><td>${link ? html`<a class="key" href="${link}">${item.name}</a>` : html`<span class="key">${item.name}</span>`}</td><td>${kindLabel(item.kind)}</td><td class="num">${size}</td><td class="num">${formatTtl(item.ttlMs)}</td></tr>`
  })
  const table =
    rows.length === 0
      ? notice(
          'info',
          html`No keys on this page${result.cursor === '0' ? '' : ' (the scan goes on: see the next page)'}.`,
        )
      : html`<table><thead><tr><th>Key</th><th>Kind</th><th class="num">Size</th><th class="num">TTL</th></tr></thead><tbody>${rows}</tbody></table>`
  return page(
    ctx,
    'keys',
    'Keys',
    html`${form}
<p class="lead">Redis keys under the prefix matching <code>${pattern || '*'}</code> (SCAN, in pages; cacheme's own meta keys are never listed).</p>
${table}${pager(ctx.base, '/keys', { pattern: pattern || undefined, cursor }, result.cursor)}`,
  )
}

function kindLabel(kind: 'values' | 'invalidation-set' | 'other') {
  return kind === 'values'
    ? html`<span class="pill ok">cached values</span>`
    : kind === 'invalidation-set'
      ? html`<span class="pill warn">invalidation set</span>`
      : html`<span class="pill">other</span>`
}
