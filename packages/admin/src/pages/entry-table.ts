/** The table of entries (key, size, TTL) shared by the keys and invalid-keys pages. */
import type { EntrySummary } from '@cacheme/core'
import { formatBytes, formatTtl } from '../format.js'
import { href, html, type SafeHtml } from '../html.js'

/** Rows of entries, each key linking to its inspector page. */
export function entryTable(base: string, items: readonly EntrySummary[]): SafeHtml {
  if (items.length === 0) return html`<p class="muted">No entries on this page.</p>`
  return html`<table><thead><tr><th>Key</th><th class="num">Size</th><th class="num">TTL</th></tr></thead><tbody>${items.map(
    (item) =>
      html`<tr><td><a class="key" href="${href(base, '/key', { key: item.key })}">${item.key}</a></td><td class="num">${formatBytes(item.bytes)}</td><td class="num">${formatTtl(item.ttlMs)}</td></tr>`,
  )}</tbody></table>`
}

/** "Next page" link when the cursor is not back at 0. */
export function pager(
  base: string,
  path: string,
  query: Record<string, string | undefined>,
  cursor: string,
): SafeHtml {
  return html`<div class="pager">${query.cursor && query.cursor !== '0' ? html`<a href="${href(base, path, { ...query, cursor: undefined })}">« First page</a>` : ''}${
    cursor !== '0'
      ? html`<a href="${href(base, path, { ...query, cursor })}">Next page »</a>`
      : html`<span class="muted">End of list</span>`
  }</div>`
}
