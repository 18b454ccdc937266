/**
 * The chart in RESULTS.md: every ratio of the call workloads (hit, miss, through the proxy) as horizontal
 * bars, one panel per table, a rule at 1.0 (the raw baseline), the axis cut at 2 (labels keep the value). Drawn with Vega-Lite → Vega (SVG, pure
 * JavaScript) and rasterized to PNG with resvg (its binary ships inside its npm package), so a fresh
 * `pnpm install` is all it needs — no browser, no system library, nothing downloaded at install time.
 *
 *   pnpm --filter @cacheme/benchmarks chart      # re-draws from results/latest.json
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Resvg } from '@resvg/resvg-js'
import * as vega from 'vega'
import * as vegaLite from 'vega-lite'
import type { Results } from '../report/results.js'

/** Ratios above this are drawn at the edge (an in-process tier is 5–50× and would squash the rest). */
const X_MAX = 2
const CHARTED = new Set(['hit', 'miss', 'round-trips'])
const ROLE_COLORS = { baseline: '#9e9e9e', reference: '#bdbdbd', cacheme: '#d62728', peer: '#1f77b4' }

/** Renders `ratios.svg` and `ratios.png` into `dir`; returns the PNG's path relative to RESULTS.md. */
export async function renderChart(results: Results, dir: string): Promise<string> {
  const values = results.tables
    .filter((table) => CHARTED.has(table.workload))
    .flatMap((table, tableIndex) =>
      table.rows
        .filter((row) => row.status === 'ok' && row.ratio !== undefined)
        .map((row) => ({
          table: `${String(tableIndex + 1).padStart(2, '0')}. ${table.title}`,
          mode: row.mode,
          role: row.role,
          ratio: Math.round(row.ratio! * 100) / 100,
        })),
    )
  const spec: vegaLite.TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    data: { values },
    facet: {
      row: {
        field: 'table',
        type: 'nominal',
        header: {
          labelAngle: 0,
          labelOrient: 'top',
          labelAnchor: 'start',
          labelFontSize: 13,
          labelFontWeight: 'bold',
          title: null,
        },
      },
    },
    spec: {
      width: 420,
      layer: [
        {
          mark: { type: 'bar', height: 12 },
          encoding: {
            y: { field: 'mode', type: 'nominal', sort: null, title: null, axis: { labelLimit: 420 } },
            x: {
              field: 'ratio',
              type: 'quantitative',
              title: `× the raw ioredis baseline of the same run (bars stop at ${X_MAX}; the label is the value)`,
              scale: { domain: [0, X_MAX], clamp: true },
            },
            color: {
              field: 'role',
              type: 'nominal',
              scale: { domain: Object.keys(ROLE_COLORS), range: Object.values(ROLE_COLORS) },
              legend: { title: null, orient: 'top' },
            },
          },
        },
        {
          mark: { type: 'text', align: 'left', dx: 3, fontSize: 10 },
          encoding: {
            y: { field: 'mode', type: 'nominal', sort: null },
            x: { field: 'ratio', type: 'quantitative', scale: { domain: [0, X_MAX], clamp: true } },
            text: { field: 'ratio', type: 'quantitative', format: '.2f' },
          },
        },
        { mark: { type: 'rule', strokeDash: [4, 3], color: '#444' }, encoding: { x: { datum: 1 } } },
      ],
    },
    resolve: { scale: { y: 'independent' } },
    config: { font: 'DejaVu Sans', view: { stroke: '#ddd' } },
  }
  const view = new vega.View(vega.parse(vegaLite.compile(spec, { logger: vega.logger(vega.Error) }).spec), {
    renderer: 'none',
  })
  const svg = await view.toSVG()
  writeFileSync(join(dir, 'ratios.svg'), svg)
  const png = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: 1.5 },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  })
    .render()
    .asPng()
  writeFileSync(join(dir, 'ratios.png'), png)
  return 'results/ratios.png'
}

// `pnpm chart`: re-draw from the last run's JSON.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = fileURLToPath(new URL('../../results/', import.meta.url))
  const results = JSON.parse(readFileSync(join(dir, 'latest.json'), 'utf8')) as Results
  process.stdout.write(`${await renderChart(results, dir)}\n`)
}
