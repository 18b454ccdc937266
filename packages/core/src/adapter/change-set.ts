/**
 * Shared adapter building blocks: what an ORM event means in invalidation keys, and the per-transaction
 * buffer that holds them until COMMIT. They live in core so that all three adapters apply one policy:
 * an adapter only has to say "entity X of model M changed", "junction row (owner, inverse) changed" or
 * "unknown rows of M changed", and "this transaction committed / rolled back".
 */
import { CachemeError, quote } from '../errors.js'
import type { AdapterContext, AdapterOptions } from './contract.js'

/** One side of a junction row. */
export interface JunctionSide {
  /** Entity name, e.g. `Book`. */
  readonly entity: string
  /** Primary key of the row on that side. */
  readonly id: unknown
  /** Relation property on this side pointing to the other side (`users` on Book), when known. */
  readonly property?: string | undefined
}

/** A junction row of a many-to-many relation, owning side first (`Book.users`: owner Book, inverse User). */
export interface JunctionChange {
  /** `'<OwnerEntity>.<ownerProperty>'`, e.g. `'Book.users'` — the key of `options.m2m`. */
  readonly relation: string
  readonly owner: JunctionSide
  readonly inverse: JunctionSide
}

/** The invalidation keys of one changed entity: its cache key(s) plus the model-level key. */
export function entityKeys(
  options: AdapterOptions,
  entityName: string,
  entity: object,
  primaryKey: unknown,
): string[] {
  const keys = new Set<string>([entityName])
  let own: unknown
  if (options.cacheKey) own = options.cacheKey(entityName, entity)
  else if ('cacheKey' in entity) own = (entity as { cacheKey: unknown }).cacheKey
  if (own === undefined || own === null) {
    if (primaryKey === undefined || primaryKey === null) return [...keys]
    own = `${entityName}:${formatId(primaryKey)}`
  }
  for (const key of Array.isArray(own) ? own : [own]) {
    if (typeof key !== 'string' || key.length === 0) {
      throw new CachemeError(
        'E_INVALID_KEY',
        `the cache key of ${entityName} entity is ${quote(key)} → make 'cacheKey' return a non-empty string or a list of them.`,
      )
    }
    keys.add(key)
  }
  return [...keys]
}

/** The invalidation keys of one junction row (the seed's m2m semantics). */
export function junctionKeys(options: AdapterOptions, change: JunctionChange): string[] {
  const { owner, inverse } = change
  const builders = options.m2m?.[change.relation]
  const ownerProp = owner.property ?? change.relation.slice(change.relation.indexOf('.') + 1)
  const inverseProp = inverse.property ?? ownerProp
  // `book.users.add(u)`: the users of book b changed, and the books of user u changed.
  const forOwner = builders?.[owner.entity]
    ? builders[owner.entity]!([inverse.id])
    : [`${owner.entity}:${formatId(owner.id)}:${ownerProp}`]
  const forInverse = builders?.[inverse.entity]
    ? builders[inverse.entity]!([owner.id])
    : [`${inverse.entity}:${formatId(inverse.id)}:${inverseProp}`]
  return [...forOwner, ...forInverse]
}

/** Primary keys as they appear in keys: composite keys joined with `,` in column order. */
export function formatId(id: unknown): string {
  if (id !== null && typeof id === 'object' && !(id instanceof Date)) {
    return Object.values(id as Record<string, unknown>)
      .map(formatId)
      .join(',')
  }
  return String(id)
}

/** Accumulates what one unit of work changed, deduplicated. */
export class ChangeSet {
  readonly keys = new Set<string>()
  readonly models = new Set<string>()
  readonly causes = new Set<string>()

  /** Records exact invalidation keys. */
  addKeys(keys: Iterable<string>, cause: string): void {
    for (const key of keys) this.keys.add(key)
    this.causes.add(cause)
  }

  /** Records that unknown rows of `model` changed. */
  addModel(model: string, cause: string): void {
    this.models.add(model)
    this.causes.add(cause)
  }

  /** Merges another change set into this one (a committed savepoint into its parent). */
  merge(other: ChangeSet): void {
    for (const key of other.keys) this.keys.add(key)
    for (const model of other.models) this.models.add(model)
    for (const cause of other.causes) this.causes.add(cause)
  }

  get empty(): boolean {
    return this.keys.size === 0 && this.models.size === 0
  }

  /**
   * Delivers everything to core. Never rejects (core queues what it cannot deliver). With
   * `delivery: 'background'` it resolves at once and hands the delivery to `context.background`.
   */
  deliver(
    context: AdapterContext,
    adapter: string,
    options: Pick<AdapterOptions, 'delivery'> = {},
  ): Promise<void> {
    if (this.empty) return Promise.resolve()
    const delivery = this.#send(context, adapter)
    if (options.delivery !== 'background') return delivery
    context.background(delivery)
    return Promise.resolve()
  }

  async #send(context: AdapterContext, adapter: string): Promise<void> {
    const kind = `${adapter}:${[...this.causes].join('+')}`
    const work: Promise<void>[] = []
    if (this.keys.size > 0) work.push(context.invalidate([...this.keys], { kind }))
    for (const model of this.models) work.push(context.invalidateModel(model, { kind, entity: model }))
    await Promise.all(work)
  }
}

/**
 * Holds change sets per transaction until it ends. `T` is whatever identifies a transaction in the ORM
 * (a query runner, a Sequelize `Transaction`, a MikroORM transaction context).
 */
export class TransactionBuffer<T extends object> {
  readonly #pending = new WeakMap<T, ChangeSet>()

  /** The change set collecting the changes of `transaction`. */
  for(transaction: T): ChangeSet {
    let set = this.#pending.get(transaction)
    if (!set) {
      set = new ChangeSet()
      this.#pending.set(transaction, set)
    }
    return set
  }

  /** Removes and returns what `transaction` collected (call on commit). */
  take(transaction: T): ChangeSet | undefined {
    const set = this.#pending.get(transaction)
    this.#pending.delete(transaction)
    return set
  }

  /** Forgets what `transaction` collected (call on rollback). */
  drop(transaction: T): void {
    this.#pending.delete(transaction)
  }
}
