/**
 * Where a TypeORM change waits until its transaction ends.
 *
 * TypeORM broadcasts entity events **before** COMMIT, on the query runner that runs the statement, and
 * then `afterTransactionCommit` / `afterTransactionRollback` on that same runner — for the real COMMIT and
 * ROLLBACK, but also for every `RELEASE SAVEPOINT` / `ROLLBACK TO SAVEPOINT` of a nested transaction. The
 * only public way to tell them apart is `queryRunner.isTransactionActive`, which turns false only when the
 * outermost transaction ended (TypeORM's own depth counter is protected). So:
 *
 * - the root transaction's changes live in core's {@link TransactionBuffer}, keyed by the query runner;
 * - each open savepoint gets its own {@link ChangeSet} on a per-runner stack: a released savepoint merges
 *   into the level around it, a rolled back one is dropped with exactly its own changes;
 * - the root set is handed out for delivery on the real COMMIT and dropped on the real ROLLBACK.
 *
 * Savepoints are recognised by counting `afterTransactionStart` events. Known limit: an adapter attached
 * while a transaction is already open missed its start; a savepoint opened later then counts as the root
 * level, and rolling it back keeps its changes (they are invalidated at COMMIT: more than needed, never
 * less).
 */
import { ChangeSet, TransactionBuffer } from '@cacheme/core/adapter'
import type { QueryRunner } from 'typeorm'

export class TransactionScopes {
  readonly #roots = new TransactionBuffer<QueryRunner>()
  readonly #savepoints = new WeakMap<QueryRunner, ChangeSet[]>()
  readonly #depth = new WeakMap<QueryRunner, number>()

  /** `afterTransactionStart`: a root transaction or, when one is already open, a savepoint. */
  started(runner: QueryRunner): void {
    const depth = this.#depth.get(runner) ?? 0
    this.#depth.set(runner, depth + 1)
    if (depth === 0) return
    let stack = this.#savepoints.get(runner)
    if (!stack) {
      stack = []
      this.#savepoints.set(runner, stack)
    }
    stack.push(new ChangeSet())
  }

  /** The change set collecting what `runner` changes now (innermost open level). */
  changes(runner: QueryRunner): ChangeSet {
    return this.#savepoints.get(runner)?.at(-1) ?? this.#roots.for(runner)
  }

  /**
   * `afterTransactionCommit`. Returns the whole transaction's changes when the outermost transaction
   * committed (deliver them now), `undefined` when only a savepoint was released.
   */
  committed(runner: QueryRunner): ChangeSet | undefined {
    if (!runner.isTransactionActive) {
      const root = this.#roots.take(runner)
      // Savepoints are always released before their parent commits; merge leftovers rather than lose them.
      const leftovers = this.#savepoints.get(runner) ?? []
      this.#forget(runner)
      if (leftovers.length === 0) return root
      const all = root ?? new ChangeSet()
      for (const set of leftovers) all.merge(set)
      return all
    }
    this.#leave(runner)
    const released = this.#savepoints.get(runner)?.pop()
    if (released) this.changes(runner).merge(released)
    return undefined
  }

  /** `afterTransactionRollback`: drops the rolled back level's changes (all of them on a real ROLLBACK). */
  rolledBack(runner: QueryRunner): void {
    if (!runner.isTransactionActive) {
      this.#roots.drop(runner)
      this.#forget(runner)
      return
    }
    this.#leave(runner)
    this.#savepoints.get(runner)?.pop()
  }

  #leave(runner: QueryRunner): void {
    const depth = this.#depth.get(runner) ?? 0
    if (depth > 0) this.#depth.set(runner, depth - 1)
  }

  #forget(runner: QueryRunner): void {
    this.#savepoints.delete(runner)
    this.#depth.delete(runner)
  }
}
