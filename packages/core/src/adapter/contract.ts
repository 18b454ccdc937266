/**
 * The adapter contract: how an ORM package talks to core.
 *
 * An adapter translates its ORM's change events into "these invalidation keys changed" (or "some rows of
 * this model changed, I do not know which") and hands them to core **after the surrounding transaction
 * commits**. Everything else — the Redis layout, retries of undelivered invalidations, the race guard,
 * logging, events — is core's job and happens once, here, for all adapters.
 *
 * Guarantees an adapter must give (and the shared conformance suite checks):
 * - nothing is invalidated for a transaction that rolls back, nor for a savepoint that rolls back —
 *   except where every reader shares the transaction's one connection and so may have cached values
 *   computed from its rows (`TransactionScopes`' `sharedConnection`): then exactly what it changed is
 *   invalidated again;
 * - outside a transaction, invalidation happens at once;
 * - read-your-writes: when the awaited ORM call that commits resolves, its invalidations are delivered
 *   (`await repo.save(user); await getProfile(user)` is fresh);
 * - every junction change of a many-to-many relation also invalidates the relation's own keys
 *   (`'Book.users'`, `'User.books'`, the junction model's name — see `relationKeys`), so that
 *   `invalidM2mModels: ['Book.users']` covers every link change of it.
 *
 * The building blocks that give these guarantees are in this folder, so that an adapter is only its
 * ORM's event mapping: `resolveAdapterOptions` (the factory's option check), `DeclaredModels` (names the
 * app declared vs names the ORM knows), `entityKeys` / `junctionKeys` / `relationKeys` (what a change
 * means in keys), `EntityHierarchy` (the classes an inherited row belongs to), `ChangeSet` and
 * `TransactionScopes` (savepoints, after-commit delivery, shared connections).
 */
import type { InvalidationCause, Logger } from '../events.js'

export type { ModelRef } from '../model-ref.js'

/** Detaches an adapter: after it resolves, the ORM's events no longer cause invalidations. */
export type Detach = () => Promise<void>

/** What core gives an adapter when it is attached. */
export interface AdapterContext {
  /** The cacheme instance's logger. */
  readonly logger: Logger
  /**
   * Removes every entry registered under each invalid key. Resolves once delivered, or once queued for
   * retry when the storage is unreachable (core then bypasses cached reads until the queue is delivered,
   * so read-your-writes still holds). Never rejects.
   */
  invalidate(keys: readonly string[], cause: InvalidationCause): Promise<void>
  /**
   * For writes whose rows are unknown (bulk updates, query-builder deletes): removes every entry
   * registered under any invalid key of the model (`<Model>:*`) and under the model-level key `<Model>`.
   * Never rejects.
   */
  invalidateModel(model: string, cause: InvalidationCause): Promise<void>
  /**
   * Tracks a delivery that the ORM call does not wait for (`delivery: 'background'`). Until it settles,
   * every cached read of this cacheme instance waits for it first, so read-your-writes still holds in
   * this process. Never rejects.
   */
  background(delivery: Promise<void>): void
  /**
   * Model names listed in decorators' `invalidModels` / `invalidM2mModels` so far (live sets: they grow as
   * functions are decorated). `DeclaredModels` reads them to warn about names the ORM does not know.
   */
  declaredModels(): { readonly models: ReadonlySet<string>; readonly m2mModels: ReadonlySet<string> }
}

/** An attached ORM integration. Create one with the adapter package's factory, attach with `cm.attach`. */
export interface CachemeAdapter {
  /** Short name for logs, e.g. `typeorm`. */
  readonly name: string
  /**
   * The ORM object the adapter subscribes to (the `DataSource`, the `Sequelize` instance, the `MikroORM`).
   * `cm.attach()` refuses a second adapter of the same `name` and `source` while the first is attached
   * (`E_ADAPTER`): two subscribers would deliver every invalidation twice. Set it in every adapter.
   */
  readonly source?: object
  /** Subscribes to the ORM. Called once by `cm.attach()`; returns the function that unsubscribes. */
  attach(context: AdapterContext): Detach | Promise<Detach>
}

/**
 * Options every adapter factory accepts, with the same names and meaning everywhere
 * (`typeormAdapter(dataSource, options)`, `sequelizeAdapter(sequelize, options)`, `mikroOrmAdapter(orm, options)`).
 */
export interface AdapterOptions {
  /**
   * The invalidation key(s) of an entity. Default: the entity's own `cacheKey` property/getter when it has
   * one (the seed's model property; may be a list), else `` `${entityName}:${primaryKey}` ``.
   */
  cacheKey?: (entityName: string, entity: object) => string | readonly string[] | null | undefined
  /**
   * Many-to-many key builders — the seed's `m2m_cache_keys` — keyed by the owning side's relation
   * (`'Book.users'`), then by entity name. For a junction row linking book `b` and user `u`:
   * `m2m['Book.users'].Book([u])` and `m2m['Book.users'].User([b])` are invalidated (the `Book` builder
   * receives the ids of the *other* side, as in the seed). Without an entry the defaults are
   * `` `Book:${b}:users` `` and `` `User:${u}:books` `` (the inverse property name when the ORM knows it,
   * else the owning relation name). Either way the relation's own keys (`'Book.users'`, ...) are
   * invalidated too. A key that is not the owning side of a relation, or a builder for an entity that is
   * not one of its sides, fails `cm.attach()` (`E_ADAPTER`, its `cause` the `E_INVALID_OPTION`).
   */
  m2m?: Readonly<Record<string, Readonly<Record<string, (ids: readonly unknown[]) => readonly string[]>>>>
  /**
   * When the committing ORM call resolves relative to the invalidation. `'await'` (default): after it is
   * delivered — no process can be served the old value once `save()` resolved. `'background'`: at once;
   * the invalidation (one Redis round trip) completes shortly after. Cached reads in *this* process wait
   * for it, so `await save(); await cached()` stays fresh here, but another process may be served the old
   * value for that round trip. Choose it only when that window is acceptable and save latency matters.
   */
  delivery?: 'await' | 'background'
}
