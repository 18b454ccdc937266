/**
 * Server-side execution time of the commands a piece of work sends, measured by Redis itself: SLOWLOG
 * with `slowlog-log-slower-than 0` records every command (commands run inside a Lua script too), excluding
 * network and queueing. Used by pattern-slowlog.ts and miss-server-cost.ts on the harness's own
 * redis-server (never the shared test services).
 */
import type { Redis } from 'ioredis'

export type Entry = [id: number, at: number, micros: number, args: string[]]

export async function measureSlowlog(
  redis: Redis,
  run: () => Promise<unknown>,
): Promise<{ wallMs: number; entries: Entry[] }> {
  await redis.config('SET', 'slowlog-max-len', '10000000')
  await redis.config('SET', 'slowlog-log-slower-than', '0')
  await redis.slowlog('RESET')
  const started = performance.now()
  await run()
  const wallMs = performance.now() - started
  const entries = (await redis.slowlog('GET', -1)) as Entry[]
  await redis.config('SET', 'slowlog-log-slower-than', '10000')
  return { wallMs, entries }
}

export function reportSlowlog(title: string, entries: Entry[], wallMs: number): void {
  const byCommand = new Map<string, number[]>()
  for (const [, , micros, args] of entries) {
    const name = String(args[0]).toUpperCase()
    if (name === 'SLOWLOG' || name === 'CONFIG') continue
    const list = byCommand.get(name) ?? []
    list.push(micros)
    byCommand.set(name, list)
  }
  console.log(`\n${title} (wall ${wallMs.toFixed(0)} ms)`)
  console.log('| command | calls | median µs | p99 µs | p99.9 µs | max µs |')
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |')
  for (const [name, list] of [...byCommand].sort()) {
    list.sort((a, b) => a - b)
    const at = (q: number) => list[Math.min(list.length - 1, Math.floor(list.length * q))] ?? 0
    console.log(`| ${name} | ${list.length} | ${at(0.5)} | ${at(0.99)} | ${at(0.999)} | ${list.at(-1)} |`)
  }
}
