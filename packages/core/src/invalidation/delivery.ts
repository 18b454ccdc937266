/**
 * How each kind of invalidation reaches the storage layer: exact sets (invalid keys, tags), a whole model
 * (rows unknown) and a pattern. Stateless: the queue, the epoch and the barrier live in
 * `invalidations.ts`; this module only knows the order of storage operations that keeps the race guard
 * sound (log the guard names first, delete after).
 *
 * Limits: model and pattern invalidations SCAN the keyspace under the prefix (on Cluster every master),
 * which costs time proportional to the number of keys; they are meant for bulk writes and admin use.
 */
import type { Events, InvalidationCause } from '../events.js'
import { keyGuard, modelGuard } from '../guard-names.js'
import type { KeySpace } from '../key.js'
import type { ResilientStorage } from '../resilience/resilient-storage.js'
import type { InvalidateResult } from '../storage/storage.js'
import { reportForeignSets } from './foreign-sets.js'
import { type PatternOptions, type PatternRun, runPattern } from './pattern-run.js'

/** One invalidation, as delivered now or later from the retry queue (always for this layer's prefix). */
export type Invalidation =
  | { kind: 'sets'; guards: string[]; sets: string[]; keys: readonly string[]; cause: InvalidationCause }
  | { kind: 'model'; model: string; cause: InvalidationCause }
  | { kind: 'everything'; restart?: boolean }

/** What delivering an invalidation did. */
export interface Delivered {
  /** Entries (or, for a pattern, keys) removed. */
  readonly removed: number
  /** The sequence its guards were logged under. */
  readonly seq: number | undefined
}

const SCAN_COUNT = 500

/** Delivers invalidations to one storage layer (one prefix). */
export class Delivery {
  readonly #storage: ResilientStorage
  readonly #keys: KeySpace
  readonly #events: Events

  constructor(storage: ResilientStorage, keys: KeySpace, events: Events) {
    this.#storage = storage
    this.#keys = keys
    this.#events = events
  }

  /**
   * Delivers one invalidation and emits `invalidate`. Rejects on storage trouble.
   * @returns entries removed, and the sequence its guards were logged under.
   */
  async deliver(item: Invalidation): Promise<Delivered> {
    if (item.kind === 'everything') {
      // After a rollback (see invalidations.ts): without its sequence key the log restarts at the server
      // clock, above every sequence issued before, and raises the floor there, so no snapshot taken
      // before the rollback can vouch for a write any more; then everything restored is deleted.
      if (item.restart === true) await this.#storage.deleteKeys([this.#keys.meta.seq])
      const { deleted, seq } = await this.pattern('*', {})
      return { removed: deleted, seq }
    }
    if (item.kind === 'sets') {
      const { removed, seq } = await this.#invalidate(item.guards, item.sets)
      this.#events.emit('invalidate', { keys: item.keys, removed, cause: item.cause })
      return { removed, seq }
    }
    const { model, cause } = item
    // Log first: a miss that registers its membership after our SCAN passed its slot is rejected by the
    // guard; one that registered before is found by the SCAN.
    const seq = await this.#storage.logGuards([modelGuard(model), keyGuard(model)])
    await this.#notify(seq)
    const batches: string[][] = [[this.#keys.invalidSet(model)]]
    for await (const batch of this.#storage.scan({ match: this.#keys.modelSets(model), count: SCAN_COUNT })) {
      batches.push(batch)
    }
    let removed = 0
    for (const sets of batches) {
      if (sets.length > 0) removed += (await this.#invalidate([], sets)).removed
    }
    await this.#notify(undefined)
    this.#events.emit('invalidate', { keys: [model], removed, cause: { ...cause, entity: model } })
    return { removed, seq }
  }

  /**
   * One storage invalidation; set names that held another type (skipped by the storage) are reported
   * as `E_STORAGE_DATA`, once per invalidation: the invalidation itself is delivered.
   */
  async #invalidate(guards: string[], sets: string[]): Promise<InvalidateResult> {
    const result = await this.#storage.invalidate({ guards, sets })
    if (result.foreign !== undefined) reportForeignSets(this.#events, result.foreign, 'invalidate')
    return result
  }

  /**
   * The notice "anything under the prefix" (in-process tiers of every process drop everything), sent
   * by a model or pattern invalidation twice: right after it logged its guards (so that tiers account for
   * the sequence at once instead of seeing it lag through a long SCAN, and stop serving what is about to
   * go), and when it is done (the batches' own notices did not cover keys deleted by UNLINK or drained,
   * nor say that the invalidation is complete). A failure is reported, not thrown: the invalidation
   * itself goes on, and a tier that misses this notice sees its sequence unaccounted for and drops itself.
   */
  async #notify(seq: number | undefined): Promise<void> {
    if (!this.#storage.notices) return
    try {
      await this.#storage.publish({ seq, keys: undefined })
    } catch (error) {
      this.#events.report(error, 'publish')
    }
  }

  /**
   * Pattern invalidation (`pattern-run.ts`), with the sequence its global guard was logged under.
   * @throws CachemeError `E_INVALID_PATTERN`, and storage errors
   */
  async pattern(pattern: string, options: PatternOptions): Promise<PatternRun> {
    const parts = {
      storage: this.#storage,
      keys: this.#keys,
      events: this.#events,
      logged: (seq: number) => this.#notify(seq),
    }
    const run = await runPattern(parts, pattern, options)
    if (options.dryRun !== true) await this.#notify(undefined)
    return run
  }
}
