/**
 * Sequelize on an in-memory SQLite: **one connection for every statement**, readers included.
 *
 * How Sequelize 6's sqlite dialect opens connections (`lib/dialects/sqlite/connection-manager.js`,
 * checked on 6.37.8 — it has no pool): the database is `options.storage`, else `options.host`, else
 * `':memory:'`. For `':memory:'` every caller gets the same connection (it is cached under one key), so a
 * transaction's uncommitted rows are visible to every read, and a statement sent **without**
 * `transaction` while a transaction is open runs inside it — and is rolled back with it. For a database
 * file each transaction opens a connection of its own (keyed by the transaction id) and statements without
 * a transaction share a `'default'` one: SQLite's own isolation holds there, as on PostgreSQL, so a file
 * is **not** a shared connection. (`storage: ''` gives each connection an anonymous temporary database of
 * its own: not shared either.)
 *
 * On the in-memory database the adapter runs core's `TransactionScopes` with `sharedConnection:
 * 'private'` — a change is invalidated when it is made, and again when its transaction or savepoint
 * rolls back; nobody else can open the database, so nothing again at COMMIT — and this module supplies
 * what Sequelize's model hooks do not tell:
 *
 * - **Rollbacks.** Sequelize runs no callback on rollback. Its `afterQuery` hook does run (awaited, after
 *   the statement) for `ROLLBACK` and `ROLLBACK TO SAVEPOINT`, with `options.completesTransaction` set and
 *   `options.transaction` the transaction (for a savepoint: its parent), the rolled-back level marked
 *   `finished === 'rollback'`. So `await t.rollback()` resolves after the second invalidation.
 * - **Statements without a transaction** that run inside an open one: `beforeQuery` sees every statement
 *   of a transaction, its `BEGIN` first, so the open transactions are known; a change recorded without
 *   `transaction` is also recorded into the innermost open level of each (delivered now as well).
 * - A root `ROLLBACK` ends the connection's one SQL transaction, whichever transaction object sent it
 *   (a second `sequelize.transaction()` whose `BEGIN` failed rolls back the first one's work): every open
 *   transaction's changes are invalidated again.
 *
 * Known limits: a `COMMIT` commits the connection's transaction for every transaction object using it;
 * one that "rolls back" afterwards is invalidated again — more than needed, never less. Only the
 * in-memory database is recognised from the options; an `OPEN_URI` shared-cache memory database
 * (`file::memory:?cache=shared`) has real connections of its own and is treated like a file.
 */
import type { TransactionScopes } from '@cacheme/core/adapter'
import type { Sequelize, Transaction } from 'sequelize'

/** The runtime members of a v6 `Transaction` this module reads (`parent`, `savepoints`, `finished`). */
interface Level {
  readonly parent?: Transaction | undefined
  readonly savepoints?: readonly Transaction[] | undefined
  readonly finished?: 'commit' | 'rollback' | undefined
}

const level = (transaction: Transaction): Level => transaction as unknown as Level

/** Core's `sharedConnection` for this Sequelize instance: `'private'` for an in-memory SQLite, else `false`. */
export function connectionSharing(sequelize: Sequelize): 'private' | false {
  if (sequelize.getDialect() !== 'sqlite') return false
  // The connection manager's own choice of database, in its order. `options` is a runtime property of
  // every v6 instance that its type declarations omit.
  const { storage, host } = (sequelize as unknown as { options: { storage?: unknown; host?: unknown } })
    .options
  const database = storage !== undefined ? storage : host || ':memory:'
  return database === ':memory:' ? 'private' : false
}

/** The transactions open on the one shared connection, and what ending them means for the scopes. */
export class SharedConnection {
  readonly #scopes: TransactionScopes<Transaction>
  /** Root transactions that ran a statement (their `BEGIN` first) and have not ended. */
  readonly #open = new Set<Transaction>()

  constructor(scopes: TransactionScopes<Transaction>) {
    this.#scopes = scopes
  }

  /** `beforeQuery`: a statement of `transaction` is about to run. */
  statement(transaction: Transaction | null | undefined): void {
    if (transaction) this.#open.add(rootOf(transaction))
  }

  /**
   * `afterQuery` of a statement that ends a transaction or savepoint (`options.completesTransaction`).
   * Resolves when what a rollback undid has been invalidated again. Never rejects.
   */
  ended(transaction: Transaction): Promise<void> | undefined {
    const { finished, savepoints = [] } = level(transaction)
    if (finished === 'commit') {
      this.#open.delete(rootOf(transaction))
      return undefined
    }
    if (finished === 'rollback') {
      const roots = new Set([...this.#open, rootOf(transaction)])
      this.#open.clear()
      return settle([...roots].map((root) => this.#scopes.rollback(root, { outermost: true })))
    }
    // ROLLBACK TO SAVEPOINT: Sequelize sends it with the savepoint's parent. Levels rolled back earlier
    // are closed already, and rolling them back again is a no-op.
    const rolledBack = savepoints.filter((savepoint) => level(savepoint).finished === 'rollback')
    return rolledBack.length === 0 ? undefined : settle(rolledBack.map((sp) => this.#scopes.rollback(sp)))
  }

  /**
   * Where a statement sent without `transaction` ran: the innermost open level (savepoint) of each open
   * transaction — usually none or one.
   */
  hosts(): Transaction[] {
    const hosts: Transaction[] = []
    for (const root of this.#open) {
      if (level(root).finished) {
        this.#open.delete(root)
        continue
      }
      let innermost = root
      for (let next = openChild(innermost); next; next = openChild(innermost)) innermost = next
      hosts.push(innermost)
    }
    return hosts
  }
}

function rootOf(transaction: Transaction): Transaction {
  let root = transaction
  for (let parent = level(root).parent; parent; parent = level(root).parent) root = parent
  return root
}

/** The last savepoint opened in `transaction` that has not ended. */
function openChild(transaction: Transaction): Transaction | undefined {
  const { savepoints = [] } = level(transaction)
  for (let i = savepoints.length - 1; i >= 0; i -= 1) {
    if (!level(savepoints[i]!).finished) return savepoints[i]
  }
  return undefined
}

async function settle(deliveries: readonly Promise<void>[]): Promise<void> {
  await Promise.all(deliveries)
}
