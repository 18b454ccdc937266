/**
 * `DeclaredModels` — checks what the application declared against the names its ORM knows.
 *
 * Decorators list models in `invalidModels` / `invalidM2mModels`; the `m2m` option keys key builders by
 * relation. A name the ORM does not know can never be produced by a change, so it is almost always a
 * typo — and a silent one: the entry is simply never invalidated by it. The adapter supplies what its ORM
 * knows (entities, many-to-many relations, junction models); this module does the rest, the same way for
 * every adapter:
 *
 * - an unknown `m2m` relation key or builder entity is an `E_INVALID_OPTION` at attach (its builders would
 *   silently never run, so their keys would never be invalidated); `cm.attach()` rejects with an
 *   `E_ADAPTER` whose `cause` it is;
 * - an unknown `invalidModels` / `invalidM2mModels` name is logged once (`logger.warn`) with the app's real
 *   names, closest match first. Functions are often decorated after the adapter was attached, so
 *   {@link DeclaredModels.check} is meant to be called on every ORM event: it costs two `Set.size` reads
 *   when nothing new was declared.
 *
 * Known limit: a name is reported at attach or at the first ORM event after its function was decorated,
 * not at decoration time.
 */
import { CachemeError, quote } from '../errors.js'
import { closestNames, isLikelyTypo, listNames } from './closest-names.js'
import type { AdapterContext, AdapterOptions } from './contract.js'
import { type M2mRelation, relationKeys } from './keys.js'

/** What an ORM knows, as the adapter reports it at attach. */
export interface KnownModels {
  /** Entity / model names (`Book`, `User`), junction models excluded. */
  readonly entities: Iterable<string>
  /** Every many-to-many relation, once, from its owning side (`Book.users`). */
  readonly relations: Iterable<M2mRelation>
}

/** Warns about declared models the ORM does not know; validates the `m2m` option against its relations. */
export class DeclaredModels {
  readonly #context: AdapterContext
  readonly #adapter: string
  readonly #entities: readonly string[]
  /** Every name a junction change can yield as a relation key, then the entities. */
  readonly #m2mNames: readonly string[]
  readonly #known: ReadonlySet<string>
  readonly #knownM2m: ReadonlySet<string>
  readonly #reported = new Set<string>()
  #checkedSize = -1

  /**
   * @param adapter short adapter name, used in messages (`typeorm`).
   * @param options the adapter's options: their `m2m` keys are checked against `known.relations`.
   * @throws CachemeError `E_INVALID_OPTION` when an `m2m` key is not an owning relation, or one of its
   *   builders is keyed by an entity that is not a side of that relation.
   */
  constructor(context: AdapterContext, adapter: string, known: KnownModels, options: AdapterOptions = {}) {
    this.#context = context
    this.#adapter = adapter
    const relations = [...known.relations]
    this.#entities = [...new Set(known.entities)]
    this.#m2mNames = [...new Set(relations.flatMap(relationKeys))]
    this.#known = new Set(this.#entities)
    this.#knownM2m = new Set([...this.#m2mNames, ...this.#entities])
    checkM2mOption(adapter, options, relations)
    this.check()
  }

  /** Warns once per declared name the ORM does not know. Cheap when nothing new was declared. */
  check(): void {
    const { models, m2mModels } = this.#context.declaredModels()
    const size = models.size + m2mModels.size
    if (size === this.#checkedSize) return
    this.#checkedSize = size
    for (const name of models) {
      if (this.#known.has(name)) continue
      // A relation listed as a model (a common slip): the fix is the other option, not a closer name.
      const relation = this.#m2mNames.includes(name)
      const none = relation
        ? `it names a many-to-many relation: list it in 'invalidM2mModels' instead`
        : 'the adapter knows no model yet'
      this.#warn(name, 'invalidModels', relation ? [] : this.#entities, 'models', none)
    }
    for (const name of m2mModels) {
      if (this.#knownM2m.has(name)) continue
      const what = 'many-to-many relations and junction models'
      this.#warn(name, 'invalidM2mModels', this.#m2mNames, what, 'the app declares no many-to-many relation')
    }
  }

  #warn(name: string, option: string, candidates: readonly string[], what: string, none: string): void {
    const id = `${option}\u0000${name}`
    if (this.#reported.has(id)) return
    this.#reported.add(id)
    const suggestions = closestNames(name, candidates)
    this.#context.logger.warn(
      { model: name, option, suggestions },
      `cacheme/${this.#adapter}: '${option}' lists ${quote(name)}, which the ${this.#adapter} adapter does not know, so no change can invalidate it → ${suggestions.length === 0 ? `${none}${none.startsWith('it names') ? '.' : '; remove it.'}` : fix(name, suggestions, what)}`,
    )
  }
}

function fix(name: string, suggestions: readonly string[], what: string): string {
  const guess = isLikelyTypo(name, suggestions[0]!) ? `did you mean '${suggestions[0]}'? ` : ''
  return `${guess}Known ${what}, closest first: ${listNames(suggestions)}.`
}

function checkM2mOption(adapter: string, options: AdapterOptions, relations: readonly M2mRelation[]): void {
  if (!options.m2m) return
  const byName = new Map(relations.map((relation) => [relation.relation, relation]))
  for (const [name, builders] of Object.entries(options.m2m)) {
    const relation = byName.get(name)
    if (!relation) {
      const inverse = relations.find((r) => relationKeys(r).includes(name))
      const hint = inverse
        ? `key its builders by the owning side, '${inverse.relation}'.`
        : relations.length === 0
          ? 'the app declares no many-to-many relation; remove the option.'
          : fix(name, closestNames(name, byName.keys()), 'relations (owning side)')
      throw new CachemeError(
        'E_INVALID_OPTION',
        `${adapter} adapter option 'm2m' has the key ${quote(name)}, which is not the owning side of a many-to-many relation, so its builders would never run → ${hint}`,
        { details: { option: 'm2m', relation: name } },
      )
    }
    const sides = [relation.owner.entity, relation.inverse.entity]
    for (const entity of Object.keys(builders)) {
      if (sides.includes(entity)) continue
      throw new CachemeError(
        'E_INVALID_OPTION',
        `${adapter} adapter option m2m[${quote(name)}] has a builder for ${quote(entity)}, which is not a side of that relation → key its builders by ${listNames(sides)}.`,
        { details: { option: 'm2m', relation: name, entity } },
      )
    }
  }
}
