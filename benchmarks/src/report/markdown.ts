/** Markdown rendering of result tables. */
import type { ResultRow, ResultTable } from './results.js'

const EXTRA_LABELS: Record<string, string> = { 'loads/op': 'fn runs/call' }

function formatRate(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return ''
  if (value >= 100) return Math.round(value).toLocaleString('en-US')
  return value.toPrecision(3)
}

function formatMicros(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return ''
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} ms`
  return value >= 100 ? value.toFixed(0) : value.toFixed(1)
}

function formatExtra(value: string | number | undefined): string {
  if (value === undefined) return ''
  if (typeof value === 'string') return value
  return Number.isInteger(value) ? String(value) : value.toFixed(2)
}

function ratioCell(row: ResultRow, table: ResultTable): string {
  if (row.mode === table.baseline) return '**1.00** (baseline)'
  if (row.ratio === undefined) return ''
  return `**${row.ratio.toFixed(2)}**`
}

function rangeCell(row: ResultRow): string {
  if (row.ratioMin === undefined || row.ratioMax === undefined || row.ratioMin === row.ratioMax) return ''
  return `${row.ratioMin.toFixed(2)}–${row.ratioMax.toFixed(2)}`
}

/** One markdown table: a row per mode; `n/a` and failed modes state their reason instead of numbers. */
export function renderTable(table: ResultTable): string {
  const extras = [...new Set(table.rows.flatMap((row) => Object.keys(row.extra ?? {})))]
  const hasCommands = table.rows.some((row) => row.commandsPerOp !== undefined)
  const hasLatency = table.rows.some((row) => row.p50Us !== undefined)
  const header = [
    'mode',
    table.unit,
    `× ${shortName(table.baseline)}`,
    'ratio range',
    ...(hasLatency ? ['p50 µs', 'p95 µs', 'p99 µs'] : []),
    ...(hasCommands ? ['server cmds/op'] : []),
    ...extras.map((key) => EXTRA_LABELS[key] ?? key),
  ]
  const lines = [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
  ]
  for (const row of table.rows) {
    if (row.status !== 'ok' && row.opsPerSec === undefined) {
      const label = row.status === 'n/a' ? 'n/a' : 'failed'
      const cells = [row.mode, `${label}: ${row.reason ?? ''}`, ...header.slice(2).map(() => '')]
      lines.push(`| ${cells.join(' | ')} |`)
      continue
    }
    const cells = [
      row.status === 'failed' ? `${row.mode} (${row.reason})` : row.mode,
      formatRate(row.opsPerSec),
      ratioCell(row, table),
      rangeCell(row),
      ...(hasLatency ? [formatMicros(row.p50Us), formatMicros(row.p95Us), formatMicros(row.p99Us)] : []),
      ...(hasCommands ? [formatExtra(row.commandsPerOp)] : []),
      ...extras.map((key) => formatExtra(row.extra?.[key])),
    ]
    lines.push(`| ${cells.join(' | ')} |`)
  }
  const method = [
    `${table.rounds} interleaved round${table.rounds === 1 ? '' : 's'}`,
    table.opsPerRound === undefined ? undefined : `${table.opsPerRound} ops per round and mode`,
    table.concurrency === undefined ? undefined : `concurrency ${table.concurrency}`,
    table.load === undefined ? undefined : `load average ${table.load.start} → ${table.load.end}`,
  ].filter(Boolean)
  const notes = table.notes.map((note) => `- ${note}`)
  return [
    `### ${table.title}`,
    '',
    `_${method.join(', ')}._`,
    '',
    ...lines,
    ...(notes.length ? ['', ...notes] : []),
  ].join('\n')
}

/** `raw ioredis GET (decodes nothing)` → `raw ioredis GET` (header cells stay short). */
export function shortName(mode: string): string {
  return mode.replace(/\s*\(.*\)$/, '')
}
