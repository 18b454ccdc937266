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
import { ScopeDelivery } from './scope-delivery.js';
/**
 * The savepoint stack of every open transaction of one adapter, and the delivery of what they changed.
 * `T` is whatever identifies a transaction (or a connection) in the ORM.
 */
export class TransactionScopes {
    #delivery;
    #parentOf;
    #outcomeOf;
    /** Open levels per key, innermost last. */
    #stacks = new WeakMap();
    #shared;
    #private;
    constructor(context, options) {
        this.#delivery = new ScopeDelivery(context, options.adapter, options.delivery === 'background');
        this.#parentOf = options.parentOf;
        this.#outcomeOf = options.outcomeOf;
        this.#shared = options.sharedConnection === true || options.sharedConnection === 'private';
        this.#private = options.sharedConnection === 'private';
    }
    /**
     * A transaction or savepoint started on `transaction`: opens a level nested in its innermost open level
     * (depth counting), else in its parent's (`parentOf`), else a root.
     */
    begin(transaction) {
        this.#open(transaction);
    }
    /** The change set collecting what `transaction` changes now: its innermost open level, opened if none. */
    changes(transaction) {
        return this.#top(transaction)?.set ?? this.#open(transaction).set;
    }
    /**
     * The usual hook body. Inside a transaction (`transaction` given) `fill` records into its innermost
     * level and nothing is returned: nothing to wait for before COMMIT — except on a shared connection,
     * where the change is also delivered now and that promise is returned. Outside one
     * (`null`/`undefined`) `fill` records into a fresh change set that is delivered at once; return that
     * promise from the hook.
     */
    record(transaction, fill) {
        if (transaction !== null && transaction !== undefined) {
            if (!this.#shared) {
                fill(this.changes(transaction));
                return undefined;
            }
            const now = new ChangeSet();
            fill(now);
            const level = this.#top(transaction) ?? this.#open(transaction);
            (this.#private ? level.delivered : level.set).merge(now);
            return this.#delivery.soon(now);
        }
        const set = new ChangeSet();
        fill(set);
        return this.deliver(set);
    }
    /**
     * `transaction`'s innermost level committed. A savepoint merges into its parent; the outermost
     * transaction delivers everything it collected (nested levels that never reported their end included,
     * except those `outcomeOf` calls rolled back).
     *
     * @returns resolves once delivered (`delivery: 'await'`; return it from the ORM's after-commit hook so
     *   the committing call waits for it), at once under `'background'` and for savepoints. Never rejects.
     */
    commit(transaction, end = {}) {
        const level = this.#top(transaction);
        if (!level)
            return Promise.resolve();
        if (end.outermost === true)
            return this.#flush(rootOf(level));
        if (!level.parent)
            return end.outermost === false ? Promise.resolve() : this.#flush(level);
        const dropped = new ChangeSet();
        this.#fold(level, dropped);
        this.#close(level);
        if (this.#shared)
            level.set.merge(dropped);
        level.parent.set.merge(level.set);
        level.parent.delivered.merge(level.delivered);
        return Promise.resolve();
    }
    /**
     * `transaction`'s innermost level rolled back: drops its changes and those of every level inside it.
     *
     * @returns resolves at once — or, on a shared connection, once the dropped changes were delivered again
     *   (return it from the ORM's after-rollback hook). Never rejects.
     */
    rollback(transaction, end = {}) {
        const level = this.#top(transaction);
        if (!level)
            return Promise.resolve();
        const dropped = new ChangeSet();
        if (end.outermost === true)
            this.#discard(rootOf(level), dropped);
        else if (level.parent || end.outermost !== false)
            this.#discard(level, dropped);
        return this.#shared ? this.#delivery.now(dropped) : Promise.resolve();
    }
    /**
     * Delivers `set` now (what happened outside any transaction), with this adapter's name and `delivery`
     * mode. Resolves once delivered, or at once under `'background'`. Never rejects.
     */
    deliver(set) {
        return this.#delivery.now(set);
    }
    /**
     * Resolves when every delivery started so far has settled — the awaitable for a committing ORM call that
     * does not wait for its hooks, or for `delivery: 'background'` callers who want to wait after all.
     */
    settled() {
        return this.#delivery.settled();
    }
    #top(transaction) {
        return this.#stacks.get(transaction)?.at(-1);
    }
    #open(transaction) {
        let parent = this.#top(transaction);
        if (!parent && this.#parentOf) {
            const outer = this.#parentOf(transaction);
            if (outer !== null && outer !== undefined && outer !== transaction) {
                parent = this.#top(outer) ?? this.#open(outer);
            }
        }
        const level = {
            key: transaction,
            set: new ChangeSet(),
            delivered: new ChangeSet(),
            parent,
            children: new Set(),
        };
        parent?.children.add(level);
        let stack = this.#stacks.get(transaction);
        if (!stack) {
            stack = [];
            this.#stacks.set(transaction, stack);
        }
        stack.push(level);
        return level;
    }
    /**
     * Merges into `level` every level still open inside it, except those `outcomeOf` says rolled back —
     * whose changes go into `dropped` instead.
     */
    #fold(level, dropped) {
        for (const child of [...level.children]) {
            if (this.#outcomeOf?.(child.key) === 'rollback') {
                this.#discard(child, dropped);
                continue;
            }
            this.#fold(child, dropped);
            this.#close(child);
            level.set.merge(child.set);
            level.delivered.merge(child.delivered);
        }
    }
    #flush(root) {
        const dropped = new ChangeSet();
        this.#fold(root, dropped);
        this.#close(root);
        // On a shared connection a rolled-back savepoint's rows were visible too: its keys go as well.
        if (this.#shared)
            root.set.merge(dropped);
        return this.#delivery.now(root.set);
    }
    /** Closes `level` and every level inside it; their changes are collected into `dropped`. */
    #discard(level, dropped) {
        for (const child of [...level.children])
            this.#discard(child, dropped);
        dropped.merge(level.set);
        dropped.merge(level.delivered);
        this.#close(level);
    }
    /** Takes `level` (and anything above it on its key's stack) out of the open levels. */
    #close(level) {
        level.parent?.children.delete(level);
        const stack = this.#stacks.get(level.key);
        if (!stack)
            return;
        const at = stack.indexOf(level);
        if (at !== -1)
            stack.splice(at);
        if (stack.length === 0)
            this.#stacks.delete(level.key);
    }
}
function rootOf(level) {
    let root = level;
    while (root.parent)
        root = root.parent;
    return root;
}
//# sourceMappingURL=transaction-scopes.js.map