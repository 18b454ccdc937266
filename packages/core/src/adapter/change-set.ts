/**
 * A change set: what one unit of work (a statement, a savepoint, a transaction) changed, as invalidation
 * keys plus "unknown rows of model M", deduplicated — and its delivery to core.
 */
import type { AdapterContext, AdapterOptions } from './contract.js'
import { type M2mRelation, relationKeys } from './keys.js'

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

  /**
   * Records that junction rows of `relation` changed without the ORM saying which (a relation cleared
   * without loading it, rows deleted by criteria and their junction rows by cascade): every key of both
   * sides' models, plus the relation's own keys.
   */
  addRelation(relation: M2mRelation, cause: string): void {
    this.addModel(relation.owner.entity, cause)
    this.addModel(relation.inverse.entity, cause)
    this.addKeys(relationKeys(relation), cause)
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

  /**
   * Not an async function, and no `Promise.all` for a single request (the usual flush: exact keys only):
   * ORMs run their hooks inside an `AsyncLocalStorage` (MikroORM), where every promise pays the async
   * hooks — this is on every flush's path.
   */
  #send(context: AdapterContext, adapter: string): Promise<void> {
    const kind = `${adapter}:${[...this.causes].join('+')}`
    const keys = this.keys.size > 0 ? context.invalidate([...this.keys], { kind }) : undefined
    if (this.models.size === 0 && keys) return keys
    const work: Promise<void>[] = keys ? [keys] : []
    for (const model of this.models) work.push(context.invalidateModel(model, { kind, entity: model }))
    return Promise.all(work).then(noop)
  }
}

function noop(): void {}
