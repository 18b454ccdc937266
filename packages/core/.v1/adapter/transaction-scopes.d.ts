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
 * **One shared connection** (`sharedConnection`: TypeORM's SQLite drivers run every statement of a
 * DataSource on one query runner; Sequelize shares one connection for an in-memory SQLite). Every reader
 * then sees a transaction's rows the moment they are written, so waiting for COMMIT protects no
 * isolation — and it breaks read-your-writes: a `save()` that ran inside a transaction someone else opened
 * on that connection resolves without any commit of its own. With the option, a change is delivered when
 * it is recorded (`record` returns the promise: the ORM's hook awaits it), again when the outermost
 * transaction commits (for readers on *other* connections to the same database, e.g. another process on
 * the same SQLite file, who saw the old rows until then), and again when its level rolls back (values
 * readers computed from the rolled-back rows went with them). Changes recorded in one tick are delivered
 * together (one invalidation for a statement burst). `sharedConnection: 'private'` is for a database no
 * other connection can open (an in-memory SQLite): no reader elsewhere saw the old rows, so nothing
 * recorded is delivered again at COMMIT — one invalidation per write, as without the option.
 *
 * Known limits: a transaction opened before the adapter was attached has no counted start, so with
 * depth counting its first savepoint becomes the root level; pass `{ outermost }` from the ORM's own
 * state to commit/rollback so that the real COMMIT is still recognised (a savepoint rolled back in that
 * state is then invalidated at COMMIT: more than needed, never less). State is held in `WeakMap`s keyed by
 * the ORM's objects, so a transaction whose end no event reports (a Sequelize rollback) is garbage
 * collected with its transaction object.
 */
import { ChangeSet } from './change-set.js';
import type { AdapterContext, AdapterOptions } from './contract.js';
/** How a transaction or savepoint ended. */
export type TransactionOutcome = 'commit' | 'rollback';
/** Options of {@link TransactionScopes}. */
export interface TransactionScopesOptions<T> {
    /** Short adapter name: invalidation causes read `<adapter>:<cause>` (`typeorm:update+m2m`). */
    readonly adapter: string;
    /** The adapter's `delivery` option: `'await'` (default) or `'background'`. */
    readonly delivery?: AdapterOptions['delivery'];
    /**
     * The transaction `transaction` is nested in (a savepoint's parent), `undefined` for a root. Give it when
     * the ORM links savepoints to their parent; leave it out to count nesting from `begin()` calls.
     */
    readonly parentOf?: (transaction: T) => T | null | undefined;
    /**
     * How a nested transaction that was never passed to `commit`/`rollback` ended, asked when a level
     * around it ends. `'rollback'` drops its changes; anything else merges them.
     */
    readonly outcomeOf?: (transaction: T) => TransactionOutcome | null | undefined;
    /**
     * Every statement of the ORM handle runs on one database connection, readers included, so they see
     * uncommitted rows (TypeORM's SQLite drivers; Sequelize's in-memory SQLite). Changes are then delivered
     * when recorded, again at the outermost COMMIT, and again when their level rolls back (see the module
     * doc). `'private'`: the same, for a database only that connection can open (in-memory), without the
     * delivery at COMMIT. Default `false`: deliver only after COMMIT, drop on ROLLBACK.
     */
    readonly sharedConnection?: boolean | 'private';
}
/** What the ORM knows about an end, when it knows more than the counted depth. */
export interface ScopeEnd {
    /**
     * `true`: the outermost transaction ended (TypeORM: `!queryRunner.isTransactionActive`), whatever the
     * counted depth says. `false`: only a savepoint ended — the root level is never ended by it. Omit to
     * trust the depth (or the parent chain).
     */
    readonly outermost?: boolean;
}
/**
 * The savepoint stack of every open transaction of one adapter, and the delivery of what they changed.
 * `T` is whatever identifies a transaction (or a connection) in the ORM.
 */
export declare class TransactionScopes<T extends object> {
    #private;
    constructor(context: AdapterContext, options: TransactionScopesOptions<T>);
    /**
     * A transaction or savepoint started on `transaction`: opens a level nested in its innermost open level
     * (depth counting), else in its parent's (`parentOf`), else a root.
     */
    begin(transaction: T): void;
    /** The change set collecting what `transaction` changes now: its innermost open level, opened if none. */
    changes(transaction: T): ChangeSet;
    /**
     * The usual hook body. Inside a transaction (`transaction` given) `fill` records into its innermost
     * level and nothing is returned: nothing to wait for before COMMIT — except on a shared connection,
     * where the change is also delivered now and that promise is returned. Outside one
     * (`null`/`undefined`) `fill` records into a fresh change set that is delivered at once; return that
     * promise from the hook.
     */
    record(transaction: T | null | undefined, fill: (set: ChangeSet) => void): Promise<void> | undefined;
    /**
     * `transaction`'s innermost level committed. A savepoint merges into its parent; the outermost
     * transaction delivers everything it collected (nested levels that never reported their end included,
     * except those `outcomeOf` calls rolled back).
     *
     * @returns resolves once delivered (`delivery: 'await'`; return it from the ORM's after-commit hook so
     *   the committing call waits for it), at once under `'background'` and for savepoints. Never rejects.
     */
    commit(transaction: T, end?: ScopeEnd): Promise<void>;
    /**
     * `transaction`'s innermost level rolled back: drops its changes and those of every level inside it.
     *
     * @returns resolves at once — or, on a shared connection, once the dropped changes were delivered again
     *   (return it from the ORM's after-rollback hook). Never rejects.
     */
    rollback(transaction: T, end?: ScopeEnd): Promise<void>;
    /**
     * Delivers `set` now (what happened outside any transaction), with this adapter's name and `delivery`
     * mode. Resolves once delivered, or at once under `'background'`. Never rejects.
     */
    deliver(set: ChangeSet): Promise<void>;
    /**
     * Resolves when every delivery started so far has settled — the awaitable for a committing ORM call that
     * does not wait for its hooks, or for `delivery: 'background'` callers who want to wait after all.
     */
    settled(): Promise<void>;
}
//# sourceMappingURL=transaction-scopes.d.ts.map