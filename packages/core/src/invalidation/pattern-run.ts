/**
 * Pattern invalidation (the seed's admin feature): deletes every key under the prefix that matches a Redis
 * glob, in bounded steps that report progress and can be cancelled.
 *
 * Why it never blocks Redis for long: it only ever sends commands whose server-side cost is bounded by a
 * constant, never by the size of the data —
 * - one SCAN step examines about `scanCount` (default {@link DEFAULT_SCAN_COUNT}) slots of the keyspace
 *   (decision 0022: 1000 slots cost Redis about a millisecond; the next step is read while the current
 *   one's keys are deleted, so a step costs one round trip);
 * - the keys a step matched are UNLINKed in chunks of at most {@link UNLINK_CHUNK} (UNLINK frees large
 *   values in a background thread, so each key costs O(1) on the main thread);
 * - a matched invalidation set is emptied with `drainSet`, at most {@link DRAIN_STEP} members (and their
 *   entries) per call, however large the set is.
 * `benchmarks/profile/pattern-slowlog.ts` measures every one of these commands on a real Redis with the
 * server's own SLOWLOG (execution time inside Redis, excluding network and queueing).
 *
 * Order (race guard): a real run logs the global guard `*` before its first SCAN step, so a miss that
 * computed its value from rows read before the run began and writes while the scan is under way is
 * rejected; one whose write landed before the step that reaches its key is deleted by that step.
 *
 * Why invalidation sets are drained rather than dropped: UNLINKing `P+I+':invalid'` alone would orphan the
 * values registered in it (nothing could invalidate them any more). A set name that holds another Redis
 * type is not cacheme's: it is skipped (left as it is) and reported as `E_STORAGE_DATA`, and the run goes
 * on (decision 0025).
 *
 * Limits: SCAN may return a key twice (counted twice in `matched`); keys created during the scan may or may
 * not be seen. The cost is proportional to the size of the keyspace under every master, not to the number
 * of matches: a narrow pattern over a huge keyspace still walks all of it.
 */
import { CachemeError, quote } from '../errors.js'
import type { Events } from '../events.js'
import { GLOBAL_GUARD } from '../guard-names.js'
import type { KeySpace } from '../key.js'
import type { ResilientStorage } from '../resilience/resilient-storage.js'
import { reportForeignSets } from './foreign-sets.js'
import { assertPattern } from './pattern-rules.js'

/** Options of a pattern invalidation. */
export interface PatternOptions {
  /** Count and sample only; delete nothing. Default `false`. */
  readonly dryRun?: boolean
  /** Stops the run between two steps; the result then says `cancelled: true`. */
  readonly signal?: AbortSignal
  /** Called after every step with the running totals (exceptions are reported, never thrown). */
  readonly onProgress?: (progress: PatternProgress) => void
  /** SCAN COUNT of one step (1–10000, default {@link DEFAULT_SCAN_COUNT}). */
  readonly scanCount?: number
  /** How many matched keys the result lists (0–1000, default 100). */
  readonly sampleSize?: number
}

/** Running totals of a pattern invalidation. */
export interface PatternProgress {
  /**
   * Keys matched so far. Keys containing `#cm:` (cacheme's meta namespace, of this or of any other
   * prefix) never match.
   */
  readonly matched: number
  /**
   * Matched keys deleted so far (0 on a dry run), comparable to `matched`: each drained invalidation set
   * counts once; a set name holding another Redis type is skipped and not counted.
   */
  readonly deleted: number
  /** SCAN steps done so far. */
  readonly steps: number
}

/** Result of a pattern invalidation. */
export interface PatternResult extends PatternProgress {
  /** Up to `sampleSize` of the matched keys (full keys), for a preview. */
  readonly sample: string[]
  /** True when `signal` stopped the run before the scan finished (what was deleted stays deleted). */
  readonly cancelled: boolean
  /**
   * Cached entries (hash fields) removed because a drained invalidation set named them, in hashes the
   * run did not delete itself (0 on a dry run). Not part of `deleted`, which counts matched keys.
   */
  readonly entriesRemoved: number
}

/** A run's result with the sequence its global guard was logged under (`undefined` on a dry run). */
export type PatternRun = PatternResult & { readonly seq: number | undefined }

/** Default SCAN COUNT of one step. */
export const DEFAULT_SCAN_COUNT = 1000
/** Most keys per UNLINK. */
export const UNLINK_CHUNK = 250
/** Most members (and entries) one `drainSet` call removes. */
export const DRAIN_STEP = 250
/** Invalidation sets drained at the same time. */
const DRAIN_CONCURRENCY = 4

/** Runs one pattern invalidation against a storage layer (see the module doc). */
export async function runPattern(
  parts: {
    storage: ResilientStorage
    keys: KeySpace
    events: Events
    /** Awaited once the global guard is logged, before the first step (Delivery announces it). */
    logged?: (seq: number) => Promise<void>
  },
  pattern: string,
  options: PatternOptions,
): Promise<PatternRun> {
  assertPattern(pattern)
  const { storage, keys, events } = parts
  const dryRun = options.dryRun === true
  const scanCount = bounded(options.scanCount, DEFAULT_SCAN_COUNT, 1, 10_000, 'scanCount')
  const sampleSize = bounded(options.sampleSize, 100, 0, 1000, 'sampleSize')
  let matched = 0
  let deleted = 0
  let entriesRemoved = 0
  let steps = 0
  let cancelled = options.signal?.aborted === true
  const sample: string[] = []
  const seq = !dryRun && !cancelled ? await storage.logGuards([GLOBAL_GUARD]) : undefined
  if (seq !== undefined) await parts.logged?.(seq)
  if (!cancelled) {
    const scan = storage.scan({ match: keys.match(pattern), count: scanCount })[Symbol.asyncIterator]()
    let next = scan.next()
    let finished = false
    try {
      for (;;) {
        const step = await next
        if (step.done === true) {
          finished = true
          break
        }
        // The next SCAN step runs while this one's keys are deleted: one round trip per step instead of
        // two; every command stays bounded (see the module doc).
        next = scan.next()
        steps++
        const found = step.value.filter((key) => keys.isUserSpace(key))
        matched += found.length
        for (const key of found) if (sample.length < sampleSize) sample.push(key)
        if (!dryRun && found.length > 0) {
          const removed = await deleteMatched(storage, keys, events, found)
          deleted += removed.keys
          entriesRemoved += removed.entries
        }
        try {
          options.onProgress?.({ matched, deleted, steps })
        } catch (error) {
          events.report(error, 'invalidatePattern:onProgress')
        }
        if (options.signal?.aborted === true) {
          cancelled = true
          break
        }
      }
    } finally {
      // Stopped early (cancelled, or a step failed): the step read ahead is discarded, never left
      // rejecting unobserved, and the scan is closed once it settles.
      if (!finished) {
        void next.then(
          () => scan.return?.(undefined),
          () => undefined,
        )
      }
    }
  }
  if (!dryRun) events.emit('invalidate', { keys: [pattern], removed: deleted, cause: { kind: 'pattern' } })
  return { matched, deleted, steps, sample, cancelled, entriesRemoved, seq }
}

/**
 * Deletes one step's matches: everything but invalidation sets is UNLINKed in chunks, then the sets are
 * drained — in that order, so that the entries a drain removes are only those in hashes this step did
 * not delete itself (an entry is never counted twice). A set name holding another type is skipped,
 * reported and not counted.
 */
async function deleteMatched(
  storage: ResilientStorage,
  keys: KeySpace,
  events: Events,
  found: string[],
): Promise<{ keys: number; entries: number }> {
  let deleted = 0
  let entries = 0
  const plain = found.filter((key) => !keys.isInvalidSet(key))
  // Chunks go out together (pipelined on one connection): each UNLINK stays bounded, the step takes one
  // round trip.
  for (const n of await Promise.all(chunked(plain, UNLINK_CHUNK).map((chunk) => storage.deleteKeys(chunk))))
    deleted += n
  const sets = found.filter((key) => keys.isInvalidSet(key))
  const foreign: string[] = []
  for (const group of chunked(sets, DRAIN_CONCURRENCY)) {
    for (const drained of await Promise.all(group.map((set) => drain(storage, set)))) {
      if (drained.foreign) {
        foreign.push(drained.set)
      } else {
        deleted += 1
        entries += drained.removed
      }
    }
  }
  reportForeignSets(events, foreign, 'invalidatePattern')
  return { keys: deleted, entries }
}

/** Empties one set in bounded steps; `foreign` when the key holds another type (left alone). */
async function drain(
  storage: ResilientStorage,
  set: string,
): Promise<{ set: string; removed: number; foreign: boolean }> {
  let removed = 0
  // A set refilled as fast as it is drained (a hot invalid key under constant writes) is left after many
  // steps: what it still holds was written after the run logged its guard, so it is fresh.
  for (let step = 0; step < 10_000; step++) {
    const result = await storage.drainSet(set, DRAIN_STEP)
    if (result.foreign === true) return { set, removed, foreign: true }
    removed += result.removed
    if (result.remaining === 0) break
  }
  return { set, removed, foreign: false }
}

function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

function bounded(
  value: number | undefined,
  fallback: number,
  min: number,
  max: number,
  name: string,
): number {
  if (value === undefined) return fallback
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new CachemeError(
      'E_INVALID_OPTION',
      `'${name}' is ${quote(value)} → pass an integer from ${min} to ${max}.`,
    )
  }
  return value
}
