/** The stats page: hits, misses and hit ratio per tag over time, summed over every process, as charts. */
import { formatCount } from '../format.js'
import { href, html } from '../html.js'
import { notice } from '../layout.js'
import { type PageContext, page } from '../page-context.js'
import type { Reply } from '../response.js'
import { statsChart } from '../stats-chart.js'
import { readStats } from '../stats-collector.js'

const WINDOWS = {
  '1h': { minutes: 60, bins: 60, label: 'last hour' },
  '24h': { minutes: 1440, bins: 48, label: 'last 24 hours' },
} as const
/** Tags charted (the busiest ones). */
const MAX_CHARTS = 12

/** GET /stats?window=1h|24h */
export async function statsPage(ctx: PageContext): Promise<Reply> {
  const key = ctx.query.get('window') === '24h' ? '24h' : '1h'
  const window = WINDOWS[key]
  const bins = await readStats(ctx.cm, window.minutes, window.bins)
  const totals = new Map<string, { hits: number; misses: number }>()
  for (const bin of bins) {
    for (const [tag, t] of bin.tags) {
      const sum = totals.get(tag) ?? { hits: 0, misses: 0 }
      sum.hits += t.hits
      sum.misses += t.misses
      totals.set(tag, sum)
    }
  }
  const tags = [...totals].sort((a, b) => b[1].hits + b[1].misses - (a[1].hits + a[1].misses))
  const ratio = (t: { hits: number; misses: number }) =>
    t.hits + t.misses === 0 ? '–' : `${((100 * t.hits) / (t.hits + t.misses)).toFixed(1)} %`
  const switcher = html`<form class="bar" method="get" action="${ctx.base}/stats">${Object.entries(
    WINDOWS,
  ).map(([name, w]) =>
    name === key
      ? html`<strong>${w.label}</strong>`
      : html`<a href="${href(ctx.base, '/stats', { window: name })}">${w.label}</a>`,
  )}</form>`
  const collecting = ctx.collecting
    ? ''
    : notice(
        'info',
        'This admin does not collect statistics itself: it shows what the application processes running a collector (createAdmin, or collectStats) have written.',
      )
  if (tags.length === 0) {
    return page(
      ctx,
      'stats',
      'Stats',
      html`${switcher}${collecting}${notice('info', 'No hits or misses recorded in this window yet. Statistics are written every few seconds by the processes that collect them.')}`,
    )
  }
  const table = html`<table><thead><tr><th>Tag</th><th class="num">Hits</th><th class="num">Misses</th><th class="num">Hit ratio</th></tr></thead><tbody>${tags.map(
    ([tag, t]) =>
      html`<tr><td><a class="key" href="${href(ctx.base, '/keys', { tag })}">${tag}</a></td><td class="num">${formatCount(t.hits)}</td><td class="num">${formatCount(t.misses)}</td><td class="num">${ratio(t)}</td></tr>`,
  )}</tbody></table>`
  const legend = html`<p class="legend"><span><i class="sw hit"></i>hits</span><span><i class="sw miss"></i>misses</span><span><i class="sw ratio"></i>hit ratio</span></p>`
  const charts = tags.slice(0, MAX_CHARTS).map(
    ([tag, t]) =>
      html`<div class="card"><h2>${tag} <span class="muted">${formatCount(t.hits + t.misses)} calls, ${ratio(t)} hits</span></h2>${statsChart(
        bins.map((bin) => ({
          start: bin.start,
          hits: bin.tags.get(tag)?.hits ?? 0,
          misses: bin.tags.get(tag)?.misses ?? 0,
        })),
        `hits and misses of ${tag}`,
      )}</div>`,
  )
  return page(
    ctx,
    'stats',
    'Stats',
    html`${switcher}${collecting}${table}<h2>Over time</h2>${legend}${charts}`,
  )
}
