/** Human-readable numbers for the pages: byte sizes, durations and TTLs, counts. */

/** `1536` → `1.5 KiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KiB', 'MiB', 'GiB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`
}

/** A TTL in ms → `persistent`, `850 ms`, `42 s`, `3 min 5 s`, `2 h 10 min`, `3 d 4 h`. */
export function formatTtl(ttlMs: number | undefined): string {
  if (ttlMs === undefined) return 'persistent'
  return formatDuration(ttlMs)
}

/** A duration in ms, two units at most. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  const s = Math.floor(ms / 1000)
  if (s < 60) return `${s} s`
  const min = Math.floor(s / 60)
  if (min < 60) return `${min} min${s % 60 ? ` ${s % 60} s` : ''}`
  const h = Math.floor(min / 60)
  if (h < 24) return `${h} h${min % 60 ? ` ${min % 60} min` : ''}`
  const d = Math.floor(h / 24)
  return `${d} d${h % 24 ? ` ${h % 24} h` : ''}`
}

/** `12345` → `12,345`. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US')
}

/** A timestamp as `2026-12-03 11:05:42 UTC` (the server's clock; no client-side JavaScript to localise it). */
export function formatTime(at: number | string): string {
  const date = new Date(at)
  if (Number.isNaN(date.getTime())) return String(at)
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`
}
