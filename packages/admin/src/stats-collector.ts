/**
 * Hit/miss statistics per tag, shared across processes through the storage.
 *
 * Collecting adds nothing to a hit's round trip: the collector listens to core's `hit` and `miss` events
 * and increments two integers in a Map (synchronously, no I/O); every `flushIntervalMs` (default 10 s) it
 * adds the totals of each minute to core's counter series `admin-stats` — one bucket per minute
 * (`P#cm:counters:admin-stats:<minute since epoch>`, fields `h:<tag>` and `m:<tag>`, kept 25 hours) — in one
 * atomic step per minute, so any number of processes add up correctly. {@link readStats} sums them.
 *
 * Opt-in: nothing is collected unless a collector runs — `createAdmin` starts one for its instance
 * (`stats: false` turns it off), and {@link collectStats} starts one in processes that do not serve the
 * admin. The timer is `unref()`ed, so it never keeps a process alive; `stop()` flushes what is left.
 *
 * Bounded: one counter pair per tag (tags are registered by decorated functions, a fixed set) per minute
 * not yet flushed; if the storage is unreachable, at most `maxPendingMinutes` (60) minutes are kept for the
 * next flush and older ones are dropped (statistics are allowed to lose data; the cache is not).
 */
import type { Cacheme, Logger } from '@cacheme/core'
import { checkInteger } from './option-error.js'

/** The counter series of the statistics (documented in core's key layout). */
export const STATS_SERIES = 'admin-stats'
/** How long a minute bucket is kept in the storage. */
export const STATS_RETENTION_MS = 25 * 3600 * 1000

/** Options of {@link collectStats}. */
export interface StatsOptions {
  /** How often totals are written to the storage. Default 10000 ms. */
  readonly flushIntervalMs?: number
  /** Minutes kept in memory while the storage is unreachable. Default 60. */
  readonly maxPendingMinutes?: number
  /** Told when a flush fails. Default: silent. */
  readonly logger?: Logger
}

/** A running collector. */
export interface StatsCollector {
  /** Writes what was counted so far. Never rejects (a failure is logged and kept for the next flush). */
  flush(): Promise<void>
  /** Stops listening, flushes, and stops the timer. */
  stop(): Promise<void>
}

type Minute = Map<string, { hits: number; misses: number }>

/**
 * Starts collecting hit/miss statistics of `cm` (see the module doc).
 * @throws CachemeError `E_INVALID_OPTION` for a `flushIntervalMs` outside 100–3600000 or a
 * `maxPendingMinutes` outside 1–1440.
 */
export function collectStats(cm: Cacheme, options: StatsOptions = {}): StatsCollector {
  const interval = options.flushIntervalMs ?? 10_000
  const maxPending = options.maxPendingMinutes ?? 60
  checkInteger('collectStats({ flushIntervalMs })', interval, 100, 3_600_000)
  checkInteger('collectStats({ maxPendingMinutes })', maxPending, 1, 24 * 60)
  const counters = cm.counters(STATS_SERIES)
  const pending = new Map<number, Minute>()
  const count = (tag: string, field: 'hits' | 'misses'): void => {
    const minute = Math.floor(Date.now() / 60_000)
    let bucket = pending.get(minute)
    if (bucket === undefined) {
      bucket = new Map()
      pending.set(minute, bucket)
      for (const old of pending.keys()) if (pending.size > maxPending) pending.delete(old)
    }
    const totals = bucket.get(tag) ?? { hits: 0, misses: 0 }
    totals[field]++
    bucket.set(tag, totals)
  }
  const offHit = cm.on('hit', ({ tag }) => count(tag, 'hits'))
  const offMiss = cm.on('miss', ({ tag }) => count(tag, 'misses'))
  let flushing: Promise<void> = Promise.resolve()
  const flushOnce = async (): Promise<void> => {
    for (const [minute, bucket] of [...pending]) {
      pending.delete(minute)
      const increments: Record<string, number> = {}
      for (const [tag, totals] of bucket) {
        if (totals.hits > 0) increments[`h:${tag}`] = totals.hits
        if (totals.misses > 0) increments[`m:${tag}`] = totals.misses
      }
      try {
        await counters.add(minute, increments, STATS_RETENTION_MS)
      } catch (error) {
        options.logger?.warn({ err: error }, 'cacheme-admin: statistics flush failed; kept for the next one')
        merge(pending, minute, bucket)
        return
      }
    }
  }
  const flush = (): Promise<void> => {
    flushing = flushing.then(flushOnce)
    return flushing
  }
  const timer = setInterval(() => void flush(), interval)
  timer.unref()
  return {
    flush,
    stop: async () => {
      clearInterval(timer)
      offHit()
      offMiss()
      await flush()
    },
  }
}

function merge(pending: Map<number, Minute>, minute: number, bucket: Minute): void {
  const current = pending.get(minute)
  if (current === undefined) {
    pending.set(minute, bucket)
    return
  }
  for (const [tag, totals] of bucket) {
    const into = current.get(tag) ?? { hits: 0, misses: 0 }
    into.hits += totals.hits
    into.misses += totals.misses
    current.set(tag, into)
  }
}

/** Totals of one time bin. */
export interface StatsBin {
  /** Start of the bin (ms since the epoch). */
  readonly start: number
  /** Per tag. */
  readonly tags: ReadonlyMap<string, { readonly hits: number; readonly misses: number }>
}

/**
 * The statistics of the last `minutes` minutes (up to now), summed over all processes, in `bins` bins of
 * equal width (oldest first).
 */
export async function readStats(cm: Cacheme, minutes: number, bins: number): Promise<StatsBin[]> {
  const now = Math.floor(Date.now() / 60_000)
  const first = now - minutes + 1
  const width = Math.max(1, Math.ceil(minutes / bins))
  const buckets = Array.from({ length: minutes }, (_, i) => first + i)
  const counters = cm.counters(STATS_SERIES)
  const values: Record<string, number>[] = []
  for (let i = 0; i < buckets.length; i += 240)
    values.push(...(await counters.read(buckets.slice(i, i + 240))))
  const out: StatsBin[] = []
  for (let start = 0; start < minutes; start += width) {
    const tags = new Map<string, { hits: number; misses: number }>()
    for (let i = start; i < Math.min(start + width, minutes); i++) {
      for (const [field, n] of Object.entries(values[i] ?? {})) {
        const tag = field.slice(2)
        const totals = tags.get(tag) ?? { hits: 0, misses: 0 }
        if (field.startsWith('h:')) totals.hits += n
        else if (field.startsWith('m:')) totals.misses += n
        tags.set(tag, totals)
      }
    }
    out.push({ start: (first + start) * 60_000, tags })
  }
  return out
}
