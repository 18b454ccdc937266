/**
 * What a Sequelize instance knows, read once from its models and associations: each model's name and
 * primary key, which models are the through (junction) models of many-to-many associations, and which
 * junction tables hold the links of each model — for the cascade look-ups before a delete.
 *
 * Sequelize has no owning side: `Book.belongsToMany(User)` and `User.belongsToMany(Book)` over one
 * through model are a pair of equals (`association.paired`). cacheme needs one name per relation (the key
 * of the `m2m` option), so the owner is the side the `m2m` option names, else the side whose model was
 * defined first (`sequelize.models` keeps definition order). Either way the default keys are the same
 * (`Book:<b>:users`, `User:<u>:books`), and both names are relation keys.
 *
 * Sequelize 6's type declarations omit the runtime properties of `BelongsToMany` that this module reads
 * (`through.model`, `paired`, `sourceKey` / `targetKey` are typed, `foreignKey` / `otherKey` too); they
 * are part of every v6 release and documented in its association guides, so {@link ManyToMany} names them
 * once, checked at run time where they are read.
 *
 * Known limit: models and associations defined after the adapter was attached are picked up on their
 * first hook (the map is rebuilt when a hook names a model it has not seen), but an association added to
 * a model already in the map is not — define associations before `cm.attach()`. Scoped classes
 * (`Model.scope('x')`, `unscoped()`) are subclasses of their model and resolve to it.
 */
import type { AdapterOptions, KnownModels, M2mRelation } from '@cacheme/core/adapter'
import type { Model, ModelStatic, Sequelize } from 'sequelize'

/** A model class as the map handles it. */
export type AnyModel = ModelStatic<Model>

/** An attribute of a model: its name in JavaScript and its column name (what `where` may hold after mapping). */
export interface Column {
  readonly attribute: string
  readonly field: string
}

/** One many-to-many relation seen from its through model: which column holds which side's key. */
export interface Junction {
  readonly relation: M2mRelation
  readonly model: AnyModel
  readonly ownerColumn: Column
  readonly inverseColumn: Column
}

/** A junction table holding links of a model, seen from that model (for look-ups before its delete). */
export interface Link {
  readonly junction: Junction
  /** Whether the model is the relation's owning side (its key is in `ownerColumn`). */
  readonly owner: boolean
  /** The attribute of the model whose value the junction stores (its primary key, or `sourceKey`). */
  readonly key: string
}

/** What the adapter knows about one model: every regular model, and through models with columns of their own. */
export interface ModelInfo {
  readonly name: string
  readonly model: AnyModel
  /** The single-column primary key, or `undefined` for composite / missing keys. */
  readonly primaryKey: Column | undefined
  readonly primaryKeys: readonly string[]
  /** The `cacheKey` option or a `cacheKey` getter may make keys depend on more than the id. */
  readonly customKey: boolean
  /** A unique constraint besides the primary key: an upsert may hit another row than the given id. */
  readonly otherUniques: boolean
  /** Junction tables holding links of this model. */
  readonly links: readonly Link[]
}

/** The runtime shape of a v6 `BelongsToMany` association that this module reads. */
interface ManyToMany {
  readonly associationType: string
  readonly source: AnyModel
  readonly target: AnyModel
  readonly as: string
  readonly foreignKey: string
  readonly otherKey: string
  readonly sourceKey: string
  readonly targetKey: string
  readonly through: { readonly model: AnyModel }
  readonly paired?: ManyToMany | undefined
}

/** The models and many-to-many relations of one Sequelize instance. */
export class ModelMap {
  readonly #sequelize: Sequelize
  readonly #options: AdapterOptions
  #models = new Map<AnyModel, ModelInfo>()
  #junctions = new Map<AnyModel, Junction>()
  #relations: M2mRelation[] = []
  readonly #aliases = new WeakMap<AnyModel, AnyModel>()
  readonly #unknown = new WeakSet<AnyModel>()

  constructor(sequelize: Sequelize, options: AdapterOptions) {
    this.#sequelize = sequelize
    this.#options = options
    this.#build()
  }

  /** What the ORM knows, for core's declared-models check. */
  known(): KnownModels {
    return { entities: [...this.#models.values()].map((info) => info.name), relations: this.#relations }
  }

  /** The junction a through model belongs to, if it is one. */
  junction(model: AnyModel): Junction | undefined {
    return this.#junctions.get(this.#resolve(model))
  }

  /** A model's info (the map is rebuilt once if the model was defined after attach). */
  model(model: AnyModel): ModelInfo | undefined {
    return this.#models.get(this.#resolve(model))
  }

  /**
   * The defined model behind `model`. `Model.scope()` / `unscoped()` return a subclass of the model (same
   * name, new class), and association helpers write through those: walk the prototype chain to the class
   * the map knows. A class still unknown rebuilds the map once (defined after attach), then is remembered.
   */
  #resolve(model: AnyModel): AnyModel {
    const known = this.#aliases.get(model)
    if (known) return known
    let found = this.#find(model)
    if (!found && !this.#unknown.has(model)) {
      this.#build()
      found = this.#find(model)
    }
    if (!found) {
      this.#unknown.add(model)
      return model
    }
    this.#aliases.set(model, found)
    return found
  }

  #find(model: AnyModel): AnyModel | undefined {
    for (let m: unknown = model; typeof m === 'function'; m = Object.getPrototypeOf(m)) {
      const candidate = m as AnyModel
      if (this.#models.has(candidate) || this.#junctions.has(candidate)) return candidate
    }
    return undefined
  }

  #build(): void {
    const models = Object.values(this.#sequelize.models) as AnyModel[]
    const order = new Map(models.map((model, index) => [model, index]))
    const junctions = new Map<AnyModel, Junction>()
    const relations: M2mRelation[] = []
    const links = new Map<AnyModel, Link[]>()
    const link = (model: AnyModel, entry: Link): void => {
      const list = links.get(model)
      if (list) list.push(entry)
      else links.set(model, [entry])
    }
    for (const model of models) {
      for (const association of Object.values(model.associations) as unknown as ManyToMany[]) {
        if (association.associationType !== 'BelongsToMany') continue
        const through = association.through.model
        if (junctions.has(through)) continue
        const owner = this.#owner(association, order)
        const paired = owner.paired
        const relation: M2mRelation = {
          relation: `${owner.source.name}.${owner.as}`,
          owner: { entity: owner.source.name, property: owner.as },
          inverse: { entity: owner.target.name, property: paired?.as },
          junction: through.name,
        }
        const junction: Junction = {
          relation,
          model: through,
          ownerColumn: column(through, owner.foreignKey),
          inverseColumn: column(through, owner.otherKey),
        }
        relations.push(relation)
        junctions.set(through, junction)
        link(owner.source, { junction, owner: true, key: owner.sourceKey })
        link(owner.target, { junction, owner: false, key: owner.targetKey })
      }
    }
    const infos = new Map<AnyModel, ModelInfo>()
    for (const model of models) {
      const junction = junctions.get(model)
      // A through model with columns of its own is an entity users read too (`Enrollment:<id>`).
      if (junction && !hasOwnColumns(junction)) continue
      infos.set(model, this.#info(model, links.get(model) ?? []))
    }
    this.#models = infos
    this.#junctions = junctions
    this.#relations = relations
  }

  /** The side the `m2m` option names, else the side whose model was defined first. */
  #owner(association: ManyToMany, order: ReadonlyMap<AnyModel, number>): ManyToMany {
    const paired = association.paired
    if (!paired) return association
    const named = (a: ManyToMany) => this.#options.m2m?.[`${a.source.name}.${a.as}`] !== undefined
    if (named(association) !== named(paired)) return named(association) ? association : paired
    const mine = order.get(association.source) ?? 0
    const theirs = order.get(paired.source) ?? 0
    return theirs < mine ? paired : association
  }

  #info(model: AnyModel, links: readonly Link[]): ModelInfo {
    const primaryKeys = [...model.primaryKeyAttributes]
    const attributes = model.getAttributes()
    const indexes = (model.options.indexes ?? []) as readonly { unique?: boolean }[]
    return {
      name: model.name,
      model,
      primaryKey: primaryKeys.length === 1 ? column(model, primaryKeys[0]!) : undefined,
      primaryKeys,
      customKey: this.#options.cacheKey !== undefined || 'cacheKey' in model.prototype,
      otherUniques:
        Object.values(attributes).some((a) => Boolean(a.unique) && !a.primaryKey) ||
        indexes.some((index) => index.unique === true),
      links,
    }
  }
}

/** Whether a through model has attributes besides its two foreign keys and generated ones (id, timestamps). */
function hasOwnColumns(junction: Junction): boolean {
  const keys = new Set([junction.ownerColumn.attribute, junction.inverseColumn.attribute])
  return Object.entries(junction.model.getAttributes()).some(
    ([name, attribute]) => !keys.has(name) && !(attribute as { _autoGenerated?: boolean })._autoGenerated,
  )
}

function column(model: AnyModel, attribute: string): Column {
  const field = model.getAttributes()[attribute]?.field
  return { attribute, field: typeof field === 'string' ? field : attribute }
}
