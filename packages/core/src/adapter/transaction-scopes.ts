/**
 * `TransactionScopes` — where an adapter's changes wait until their transaction ends.
 *
 * ORM hooks fire **before** COMMIT. Each open transaction gets a root change set; each savepoint nested
 * in it gets its own change set, a child of the level it was opened in:
 *
 * - a released savepoint (`commit()` of a nested level) merges into its parent;
 * - a rolled-back savepoint drops exactly its own changes (and those of levels nested in it);
 * - the outermost COMMIT delivers the root's changes — awaited, or handed to core's background barrier
 *   under `delivery: 'background'` — and a ROLLBACK drops everything.
 *
 * ORMs describe nesting in two ways, and both map onto the same tree without an ORM special case:
 *
 * - **Depth counted from events** on one key (TypeORM: one query runner, `afterTransactionStart` for the
 *   transaction and for every savepoint): each {@link TransactionScopes.begin} on a key that already has an
 *   open level opens a savepoint on it; `commit`/`rollback` end the innermost one.
 * - **Explicit parent chain** (Sequelize `Transaction#parent`, knex's `trx.parentTransaction` under
 *   MikroORM): each transaction object is its own key, and `parentOf` names the level it is nested in.
 *   Levels are opened lazily by {@link TransactionScopes.changes}, so an ORM without start events needs
 *   no `begin()` call.
 *
 * Why a level that never reports its end is merged at the outermost COMMIT: in SQL a savepoint that was
 * not rolled back commits with its transaction. ORMs that do not report every savepoint's end can name
 * rolled-back ones through `outcomeOf`; without it they are invalidated too — more than needed, never
 * less.
 *
 * Known limits: a transaction opened before the adapter was attached has no counted start, so with
 * depth counting its first savepoint becomes the root level; pass `{ outermost }` from the ORM's own
 * state to commit/rollback so that the real COMMIT is still recognised (a savepoint rolled back in that
 * state is then invalidated at COMMIT: more than needed, never less). State is held in `WeakMap`s keyed by
 * the ORM's objects, so a transaction whose end no event reports (a Sequelize rollback) is garbage
 * collected with its transaction object.
 */
import { ChangeSet } from './change-set.js'
import type { AdapterContext, AdapterOptions } from './contract.js'

/** How a transaction or savepoint ended. */
export type TransactionOutcome = 'commit' | 'rollback'

/** Options of {@link TransactionScopes}. */
export interface TransactionScopesOptions<T> {
  /** Short adapter name: invalidation causes read `<adapter>:<cause>` (`typeorm:update+m2m`). */
  readonly adapter: string
  /** The adapter's `delivery` option: `'await'` (default) or `'background'`. */
  readonly delivery?: AdapterOptions['delivery']
  /**
   * The transaction `transaction` is nested in (a savepoint's parent), `undefined` for a root. Give it when
   * the ORM links savepoints to their parent; leave it out to count nesting from `begin()` calls.
   */
  readonly parentOf?: (transaction: T) => T | null | undefined
  /**
   * How a nested transaction that was never passed to `commit`/`rollback` ended, asked when a level
   * around it ends. `'rollback'` drops its changes; anything else merges them.
   */
  readonly outcomeOf?: (transaction: T) => TransactionOutcome | null | undefined
}

/** What the ORM knows about an end, when it knows more than the counted depth. */
export interface ScopeEnd {
  /**
   * `true`: the outermost transaction ended (TypeORM: `!queryRunner.isTransactionActive`), whatever the
   * counted depth says. `false`: only a savepoint ended — the root level is never ended by it. Omit to
   * trust the depth (or the parent chain).
   */
  readonly outermost?: boolean
}

interface Level<T> {
  readonly key: T
  readonly set: ChangeSet
  readonly parent: Level<T> | undefined
  readonly children: Set<Level<T>>
}

/**
 * The savepoint stack of every open transaction of one adapter, and the delivery of what they changed.
 * `T` is whatever identifies a transaction (or a connection) in the ORM.
 */
export class TransactionScopes<T extends object> {
  readonly #context: AdapterContext
  readonly #adapter: string
  readonly #background: boolean
  readonly #parentOf: ((transaction: T) => T | null | undefined) | undefined
  readonly #outcomeOf: ((transaction: T) => TransactionOutcome | null | undefined) | undefined
  /** Open levels per key, innermost last. */
  readonly #stacks = new WeakMap<T, Level<T>[]>()
  readonly #inFlight = new Set<Promise<void>>()

  constructor(context: AdapterContext, options: TransactionScopesOptions<T>) {
    this.#context = context
    this.#adapter = options.adapter
    this.#background = options.delivery === 'background'
    this.#parentOf = options.parentOf
    this.#outcomeOf = options.outcomeOf
  }

  /**
   * A transaction or savepoint started on `transaction`: opens a level nested in its innermost open level
   * (depth counting), else in its parent's (`parentOf`), else a root.
   */
  begin(transaction: T): void {
    this.#open(transaction)
  }

  /** The change set collecting what `transaction` changes now: its innermost open level, opened if none. */
  changes(transaction: T): ChangeSet {
    return this.#top(transaction)?.set ?? this.#open(transaction).set
  }

  /**
   * The usual hook body. Inside a transaction (`transaction` given) `fill` records into its innermost
   * level and nothing is returned: nothing to wait for before COMMIT. Outside one (`null`/`undefined`)
   * `fill` records into a fresh change set that is delivered at once; return that promise from the hook.
   */
  record(transaction: T | null | undefined, fill: (set: ChangeSet) => void): Promise<void> | undefined {
    if (transaction !== null && transaction !== undefined) {
      fill(this.changes(transaction))
      return undefined
    }
    const set = new ChangeSet()
    fill(set)
    return this.deliver(set)
  }

  /**
   * `transaction`'s innermost level committed. A savepoint merges into its parent; the outermost
   * transaction delivers everything it collected (nested levels that never reported their end included,
   * except those `outcomeOf` calls rolled back).
   *
   * @returns resolves once delivered (`delivery: 'await'`; return it from the ORM's after-commit hook so
   *   the committing call waits for it), at once under `'background'` and for savepoints. Never rejects.
   */
  commit(transaction: T, end: ScopeEnd = {}): Promise<void> {
    const level = this.#top(transaction)
    if (!level) return Promise.resolve()
    if (end.outermost === true) return this.#flush(rootOf(level))
    if (!level.parent) return end.outermost === false ? Promise.resolve() : this.#flush(level)
    this.#fold(level)
    this.#close(level)
    level.parent.set.merge(level.set)
    return Promise.resolve()
  }

  /** `transaction`'s innermost level rolled back: drops its changes and those of every level inside it. */
  rollback(transaction: T, end: ScopeEnd = {}): void {
    const level = this.#top(transaction)
    if (!level) return
    if (end.outermost === true) this.#discard(rootOf(level))
    else if (level.parent || end.outermost !== false) this.#discard(level)
  }

  /**
   * Delivers `set` now (what happened outside any transaction), with this adapter's name and `delivery`
   * mode. Resolves once delivered, or at once under `'background'`. Never rejects.
   */
  deliver(set: ChangeSet): Promise<void> {
    if (set.empty) return Promise.resolve()
    const sending = set.deliver(this.#context, this.#adapter)
    this.#inFlight.add(sending)
    const settle = (): void => {
      this.#inFlight.delete(sending)
    }
    sending.then(settle, settle)
    if (!this.#background) return sending
    this.#context.background(sending)
    return Promise.resolve()
  }

  /**
   * Resolves when every delivery started so far has settled — the awaitable for a committing ORM call that
   * does not wait for its hooks, or for `delivery: 'background'` callers who want to wait after all.
   */
  settled(): Promise<void> {
    return Promise.all(this.#inFlight).then(() => undefined)
  }

  #top(transaction: T): Level<T> | undefined {
    return this.#stacks.get(transaction)?.at(-1)
  }

  #open(transaction: T): Level<T> {
    let parent = this.#top(transaction)
    if (!parent && this.#parentOf) {
      const outer = this.#parentOf(transaction)
      if (outer !== null && outer !== undefined && outer !== transaction) {
        parent = this.#top(outer) ?? this.#open(outer)
      }
    }
    const level: Level<T> = { key: transaction, set: new ChangeSet(), parent, children: new Set() }
    parent?.children.add(level)
    let stack = this.#stacks.get(transaction)
    if (!stack) {
      stack = []
      this.#stacks.set(transaction, stack)
    }
    stack.push(level)
    return level
  }

  /** Merges into `level` every level still open inside it, except those `outcomeOf` says rolled back. */
  #fold(level: Level<T>): void {
    for (const child of [...level.children]) {
      if (this.#outcomeOf?.(child.key) === 'rollback') {
        this.#discard(child)
        continue
      }
      this.#fold(child)
      this.#close(child)
      level.set.merge(child.set)
    }
  }

  #flush(root: Level<T>): Promise<void> {
    this.#fold(root)
    this.#close(root)
    return this.deliver(root.set)
  }

  #discard(level: Level<T>): void {
    for (const child of [...level.children]) this.#discard(child)
    this.#close(level)
  }

  /** Takes `level` (and anything above it on its key's stack) out of the open levels. */
  #close(level: Level<T>): void {
    level.parent?.children.delete(level)
    const stack = this.#stacks.get(level.key)
    if (!stack) return
    const at = stack.indexOf(level)
    if (at !== -1) stack.splice(at)
    if (stack.length === 0) this.#stacks.delete(level.key)
  }
}

function rootOf<T>(level: Level<T>): Level<T> {
  let root = level
  while (root.parent) root = root.parent
  return root
}
