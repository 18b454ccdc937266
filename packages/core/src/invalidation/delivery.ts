/**
 * How each kind of invalidation reaches the storage layer: exact sets (invalid keys, tags), a whole model
 * (rows unknown) and a pattern. Stateless: the queue, the epoch and the barrier live in
 * `invalidations.ts`; this module only knows the order of storage operations that keeps the race guard
 * sound (log the guard names first, delete after).
 *
 * Limits: model and pattern invalidations SCAN the keyspace under the prefix (on Cluster every master),
 * which costs time proportional to the number of keys; they are meant for bulk writes and admin use.
 */
import { CachemeError, quote } from '../errors.js'
import type { Events, InvalidationCause } from '../events.js'
import { GLOBAL_GUARD, keyGuard, modelGuard } from '../guard-names.js'
import type { KeySpace } from '../key.js'
import type { ResilientStorage } from '../resilience/resilient-storage.js'

/** One invalidation, as delivered now or later from the retry queue (always for this layer's prefix). */
export type Invalidation =
  | { kind: 'sets'; guards: string[]; sets: string[]; keys: readonly string[]; cause: InvalidationCause }
  | { kind: 'model'; model: string; cause: InvalidationCause }
  | { kind: 'everything' }

/** Result of a pattern invalidation. */
export interface PatternResult {
  /** Keys under the prefix that matched (cacheme's own meta keys never match). */
  matched: number
  /** Keys deleted (0 on a dry run). Invalidation sets that matched are invalidated, not just dropped. */
  deleted: number
  /** Up to 100 of the matched keys, for a preview. */
  sample: string[]
}

const SCAN_COUNT = 500
const SAMPLE_SIZE = 100

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

  /** Delivers one invalidation and emits `invalidate`. @returns entries removed. Rejects on storage trouble. */
  async deliver(item: Invalidation): Promise<number> {
    if (item.kind === 'everything') return (await this.pattern('*', false)).deleted
    if (item.kind === 'sets') {
      const removed = await this.#storage.invalidate({ guards: item.guards, sets: item.sets })
      this.#events.emit('invalidate', { keys: item.keys, removed, cause: item.cause })
      return removed
    }
    const { model, cause } = item
    // Log first: a miss that registers its membership after our SCAN passed its slot is rejected by the
    // guard; one that registered before is found by the SCAN.
    await this.#storage.logGuards([modelGuard(model), keyGuard(model)])
    const batches: string[][] = [[this.#keys.invalidSet(model)]]
    for await (const batch of this.#storage.scan({ match: this.#keys.modelSets(model), count: SCAN_COUNT })) {
      batches.push(batch)
    }
    let removed = 0
    for (const sets of batches) {
      if (sets.length > 0) removed += await this.#storage.invalidate({ guards: [], sets })
    }
    this.#events.emit('invalidate', { keys: [model], removed, cause: { ...cause, entity: model } })
    return removed
  }

  /**
   * SCAN + delete of keys matching `pattern` under the prefix (meta keys excluded). Not a dry run: the
   * global guard is logged first, so misses running during the scan are rejected.
   * @throws CachemeError `E_INVALID_PATTERN`, and storage errors (never queued: an explicit admin call)
   */
  async pattern(pattern: string, dryRun: boolean): Promise<PatternResult> {
    if (typeof pattern !== 'string' || pattern.length === 0) {
      throw new CachemeError(
        'E_INVALID_PATTERN',
        `pattern ${quote(pattern)} is empty → pass a Redis glob such as 'Book:*' (it is applied under the prefix).`,
      )
    }
    if (!dryRun) await this.#storage.logGuards([GLOBAL_GUARD])
    const result: PatternResult = { matched: 0, deleted: 0, sample: [] }
    for await (const batch of this.#storage.scan({ match: this.#keys.match(pattern), count: SCAN_COUNT })) {
      const keys = batch.filter((key) => this.#keys.isUserSpace(key))
      result.matched += keys.length
      for (const key of keys) if (result.sample.length < SAMPLE_SIZE) result.sample.push(key)
      if (dryRun || keys.length === 0) continue
      // Dropping an invalidation set alone would orphan the values registered in it (they could then
      // never be invalidated): invalidate those sets, delete everything else.
      const sets = keys.filter((key) => this.#keys.isInvalidSet(key))
      const plain = keys.filter((key) => !this.#keys.isInvalidSet(key))
      if (sets.length > 0) {
        await this.#storage.invalidate({ guards: [], sets })
        result.deleted += sets.length
      }
      if (plain.length > 0) result.deleted += await this.#storage.deleteKeys(plain)
    }
    if (!dryRun) {
      this.#events.emit('invalidate', {
        keys: [pattern],
        removed: result.deleted,
        cause: { kind: 'pattern' },
      })
    }
    return result
  }
}
