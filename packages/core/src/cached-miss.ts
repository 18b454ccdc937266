/**
 * The miss of a cached call: the optional cross-process lock (`stampede-lock.ts`), the computation, and
 * the guarded write of its value (`value-writer.ts`). `cached-call.ts` decides that a call misses and
 * deduplicates concurrent misses in the process; this module runs one.
 *
 * The race-guard snapshot comes from the caller: a sequence observed before the computation starts
 * (see `sequence-tracker.ts`). Without one (the read failed) the value is computed and returned but not
 * written. A write the guard rejects marks the remembered sequence stale, so the next read refreshes it.
 */
import { cacheUsable, type HookParts, reportHit, reportStorageError, runCallback } from './call-hooks.js'
import type { InvalidationState } from './invalidation/invalidations.js'
import type { L1 } from './l1/l1.js'
import type { CachedDefinition, Container, MutableContainer } from './options.js'
import type { SequenceTracker } from './sequence-tracker.js'
import { StampedeLock } from './stampede-lock.js'
import type { EntryRef } from './storage/storage.js'
import { type NotStored, UNDECODABLE, type ValueParts, type ValueWriter } from './value-writer.js'

/** What a miss works with. */
export interface MissParts extends ValueParts, HookParts {
  readonly invalidations: InvalidationState
  /** The remembered invalidation sequence (race-guard snapshots). */
  readonly sequence: SequenceTracker
  /** The in-process tier, when configured. */
  readonly l1: L1 | undefined
}

type Fn = (this: unknown, ...args: readonly unknown[]) => unknown

/** A miss whose value was not written because the cache was not used (no snapshot, or not usable). */
const BYPASSED: NotStored = Object.freeze({ reason: 'cache-bypassed' })

/** Where a computed value may also be kept in process: the tier, and the mark taken before the read. */
export interface Fill {
  readonly l1: L1
  readonly mark: number
  readonly sentAt: number
}

/** Runs misses for one instance. */
export class CachedMiss {
  readonly #parts: MissParts
  readonly #writer: ValueWriter
  readonly #lock: StampedeLock

  constructor(parts: MissParts, writer: ValueWriter) {
    this.#parts = parts
    this.#writer = writer
    this.#lock = new StampedeLock(parts.storage, parts.events)
  }

  /** A miss: optional cross-process lock, compute, guarded write. */
  async compute(
    definition: CachedDefinition,
    entry: EntryRef,
    key: string,
    c: MutableContainer,
    fn: Fn,
    seq: number | undefined,
    fill: Fill | undefined,
  ): Promise<unknown> {
    const { options, tag } = definition
    const lockKey = this.#parts.keys.lock(key)
    let snapshot = seq

    // 3. Optional cross-process stampede lock: compute once across processes, or wait for the value.
    let lockToken: string | undefined
    const lockOptions = options.lock === true ? {} : options.lock || undefined
    if (lockOptions && snapshot !== undefined && cacheUsable(this.#parts)) {
      try {
        const outcome = await this.#lock.lockOrWait(entry, lockKey, lockOptions, snapshot)
        if (outcome.kind === 'value') {
          const value = this.#writer.decode(outcome.payload, entry)
          if (value !== UNDECODABLE) {
            reportHit(this.#parts, definition, key, value, c)
            return value
          }
        } else {
          snapshot = outcome.seq
          if (outcome.kind === 'owner') lockToken = outcome.token
        }
      } catch (error) {
        reportStorageError(this.#parts.events, error, 'lock', entry.fullKey)
      }
    }

    try {
      // 4. Compute. The function's own errors propagate; nothing is cached.
      const miss = options.miss
      if (miss !== undefined) {
        runCallback(
          this.#parts.events,
          () => miss(entry.fullKey, c as Container<readonly unknown[], unknown>),
          'miss',
          entry.fullKey,
        )
      }
      const started = performance.now()
      const result = await Reflect.apply(fn, c.self, c.args)
      c.result = result

      // 5. Write, unless the read failed (no snapshot → the race guard cannot vouch for the value).
      let notStored: NotStored | undefined = BYPASSED
      if (snapshot !== undefined && cacheUsable(this.#parts)) {
        const payload = await this.#writer.write(definition, entry, c, result, snapshot)
        notStored = typeof payload === 'string' ? undefined : payload
        // Rejected (or not written): the remembered sequence may be behind another process's
        // invalidation, so the next read refreshes it and the next miss is not rejected needlessly.
        if (typeof payload !== 'string') this.#parts.sequence.stale()
        // Accepted by the race guard: keep it in process too, unless a notice raced it (l1/l1.ts).
        else if (fill !== undefined) {
          const ttlMs = options.timeout === undefined ? -1 : options.timeout * 1000
          fill.l1.fill(entry.fullKey, payload, ttlMs, fill.sentAt, fill.mark)
        }
      }
      const { events } = this.#parts
      if (events.listens('miss')) {
        const durationMs = performance.now() - started
        const base = { key: entry.fullKey, tag, durationMs }
        events.emit(
          'miss',
          notStored === undefined
            ? { ...base, stored: true }
            : notStored.error === undefined
              ? { ...base, stored: false, reason: notStored.reason }
              : { ...base, stored: false, reason: notStored.reason, error: notStored.error },
        )
      }
      return result
    } finally {
      if (lockToken !== undefined) await this.#lock.release(lockKey, lockToken)
    }
  }
}
