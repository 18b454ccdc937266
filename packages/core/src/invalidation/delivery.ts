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
import { type PatternOptions, type PatternResult, runPattern } from './pattern-run.js'

/** One invalidation, as delivered now or later from the retry queue (always for this layer's prefix). */
export type Invalidation =
  | { kind: 'sets'; guards: string[]; sets: string[]; keys: readonly string[]; cause: InvalidationCause }
  | { kind: 'model'; model: string; cause: InvalidationCause }
  | { kind: 'everything' }

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

  /** Delivers one invalidation and emits `invalidate`. @returns entries removed. Rejects on storage trouble. */
  async deliver(item: Invalidation): Promise<number> {
    if (item.kind === 'everything') return (await this.pattern('*', {})).deleted
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

  /** Pattern invalidation (`pattern-run.ts`). @throws CachemeError `E_INVALID_PATTERN`, and storage errors */
  pattern(pattern: string, options: PatternOptions): Promise<PatternResult> {
    return runPattern({ storage: this.#storage, keys: this.#keys, events: this.#events }, pattern, options)
  }
}
