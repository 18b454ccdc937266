/**
 * A server-rendered SVG chart of one tag's traffic: stacked bars of hits and misses per time bin and a
 * line of the hit ratio (right axis, 0–100 %). Only numbers computed here go into the markup; labels go
 * through the escaping template. No script, no inline style (colours come from the stylesheet classes).
 */
import { html, raw, type SafeHtml } from './html.js'

/** One bin of one tag. */
export interface ChartPoint {
  readonly start: number
  readonly hits: number
  readonly misses: number
}

const W = 720
const H = 160
const PAD = { left: 44, right: 44, top: 10, bottom: 22 }

/** The chart of one series of bins (oldest first). */
export function statsChart(points: readonly ChartPoint[], label: string): SafeHtml {
  const plotW = W - PAD.left - PAD.right
  const plotH = H - PAD.top - PAD.bottom
  const max = Math.max(1, ...points.map((p) => p.hits + p.misses))
  const step = plotW / Math.max(1, points.length)
  const barW = Math.max(1, step * 0.8)
  const y = (n: number) => PAD.top + plotH - (n / max) * plotH
  let bars = ''
  let line = ''
  points.forEach((p, i) => {
    const x = PAD.left + i * step + (step - barW) / 2
    const hitTop = y(p.hits)
    const missTop = y(p.hits + p.misses)
    if (p.hits > 0)
      bars += `<rect class="hit" x="${x.toFixed(1)}" y="${hitTop.toFixed(1)}" width="${barW.toFixed(1)}" height="${(PAD.top + plotH - hitTop).toFixed(1)}"/>`
    if (p.misses > 0)
      bars += `<rect class="miss" x="${x.toFixed(1)}" y="${missTop.toFixed(1)}" width="${barW.toFixed(1)}" height="${(hitTop - missTop).toFixed(1)}"/>`
    const total = p.hits + p.misses
    if (total > 0) {
      const ry = PAD.top + plotH - (p.hits / total) * plotH
      line += `${line ? ' ' : ''}${(PAD.left + i * step + step / 2).toFixed(1)},${ry.toFixed(1)}`
    }
  })
  const first = points[0]
  const last = points[points.length - 1]
  const time = (t: number) => new Date(t).toISOString().slice(11, 16)
  return html`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${label}">
<line class="axis" x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${W - PAD.right}" y2="${PAD.top + plotH}"/>
<line class="axis" x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${PAD.top + plotH}"/>
<text x="${PAD.left - 6}" y="${PAD.top + 8}" text-anchor="end">${max}</text>
<text x="${PAD.left - 6}" y="${PAD.top + plotH}" text-anchor="end">0</text>
<text x="${W - PAD.right + 6}" y="${PAD.top + 8}">100%</text>
<text x="${W - PAD.right + 6}" y="${PAD.top + plotH}">0%</text>
${first ? html`<text x="${PAD.left}" y="${H - 6}">${time(first.start)} UTC</text>` : ''}
${last ? html`<text x="${W - PAD.right}" y="${H - 6}" text-anchor="end">${time(last.start)} UTC</text>` : ''}
${raw(bars)}
${line ? raw(`<polyline class="ratio" points="${line}"/>`) : ''}
</svg>`
}
