/**
 * The key inspector: one entry's value (decoded safely, size-capped), payload, TTL, the other fields of
 * its hash, and the invalid keys and tags it is registered under (found by a bounded scan).
 */
import { formatBytes, formatTtl } from '../format.js'
import { href, html } from '../html.js'
import { notice } from '../layout.js'
import { type PageContext, page } from '../page-context.js'
import type { Reply } from '../response.js'
import { valueText } from '../value-view.js'

/** Payload bytes read for display (larger payloads are shown truncated and not decoded). */
const MAX_BYTES = 64 * 1024

/** GET /key?key=Book:100>owner */
export async function entryPage(ctx: PageContext): Promise<Reply> {
  const key = ctx.query.get('key') ?? ''
  const form = html`<form class="bar" method="get" action="${ctx.base}/key"><label for="key">Key</label><input id="key" type="text" name="key" value="${key}" placeholder="Book:100>owner"><button type="submit">Inspect</button></form>`
  if (!key)
    return page(
      ctx,
      'keys',
      'Key inspector',
      html`${form}<p class="muted">Enter a cache key as the <code>key</code> callback returns it (without the prefix).</p>`,
    )
  const [details, registrations] = await Promise.all([
    ctx.cm.inspector.entry(key, { maxBytes: MAX_BYTES }),
    ctx.cm.inspector.registrations(key, { maxSteps: 200 }),
  ])
  const main = details.hash.slice(ctx.cm.inspector.prefix.length)
  const value = details.value
  const valueBlock =
    value.status === 'decoded'
      ? html`<pre>${valueText(value.value)}</pre>`
      : value.status === 'too-large'
        ? notice(
            'warning',
            html`The payload is ${formatBytes(details.bytes)}, over the ${formatBytes(MAX_BYTES)} shown here: it is not decoded. Its beginning:<pre>${details.payload}</pre>`,
          )
        : value.status === 'undecodable'
          ? notice(
              'warning',
              html`The configured serializer cannot decode this payload (${value.error}). Raw:<pre>${details.payload}</pre>`,
            )
          : notice('info', html`No value is cached under <code>${key}</code> right now.`)
  const fields = details.fields.map((field) => {
    const sibling = field.field === 'base' ? main : `${main}>${field.field}`
    return html`<tr${sibling === key ? html` class="highlight"` : ''}><td><a class="key" href="${href(ctx.base, '/key', { key: sibling })}">${field.field}</a></td><td class="num">${formatBytes(field.bytes)}</td></tr>`
  })
  const links = (items: readonly string[], path: string, param: string) =>
    items.length === 0
      ? html`<span class="muted">none</span>`
      : items.map(
          (item) => html`<a class="key" href="${href(ctx.base, path, { [param]: item })}">${item}</a> `,
        )
  const body = html`${form}
<dl class="grid">
<dt>Full key</dt><dd class="key">${details.fullKey}</dd>
<dt>Stored in</dt><dd>hash <code>${details.hash}</code>, field <code>${details.field}</code></dd>
<dt>Status</dt><dd>${details.exists ? html`<span class="pill ok">cached</span>` : html`<span class="pill bad">not cached</span>`}</dd>
<dt>Payload size</dt><dd>${formatBytes(details.bytes)}</dd>
<dt>TTL</dt><dd>${details.exists ? formatTtl(details.ttlMs) : '–'} <span class="muted">(shared by every field of the hash)</span></dd>
<dt>Invalid keys</dt><dd>${links(registrations.invalidKeys, '/invalid', 'key')}${registrations.complete ? '' : html` <span class="pill warn">search stopped early: the list may be incomplete</span>`}</dd>
<dt>Tags</dt><dd>${links(registrations.tags, '/keys', 'tag')}</dd>
</dl>
<h2>Value</h2>
${valueBlock}
<h2>Fields of <code>${main}</code></h2>
${fields.length === 0 ? html`<p class="muted">The hash does not exist.</p>` : html`<table><thead><tr><th>Field</th><th class="num">Size</th></tr></thead><tbody>${fields}</tbody></table>${details.moreFields ? html`<p class="muted">Only the first fields are listed.</p>` : ''}`}`
  return page(ctx, 'keys', `Key ${key}`, body)
}
