/**
 * The shared validation of {@link AdapterOptions}, called by every adapter factory so that a wrong option
 * fails the same way everywhere — at the factory call, before anything is attached — with an
 * `E_INVALID_OPTION` naming the option, quoting the value and saying what to pass instead.
 *
 * Unknown option names are errors too: a misspelt `m2m` would silently leave the custom builders unused
 * (their keys never invalidated), and a misspelt `delivery` would silently keep the default.
 */
import { CachemeError, quote } from '../errors.js'
import { closestNames, isLikelyTypo, listNames } from './closest-names.js'
import type { AdapterOptions } from './contract.js'

/** Adapter options after validation: a frozen copy with `delivery` defaulted. */
export type ResolvedAdapterOptions<O extends AdapterOptions = AdapterOptions> = Readonly<
  O & { readonly delivery: 'await' | 'background' }
>

const SHARED = ['cacheKey', 'm2m', 'delivery'] as const

/**
 * Validates an adapter factory's options.
 *
 * @param factory the factory's name, as the user calls it (`typeormAdapter`), for messages.
 * @param options what the user passed (`undefined` means none).
 * @param own names of options this adapter adds to the shared ones; the adapter validates their values.
 * @throws CachemeError `E_INVALID_OPTION` for an unknown option name, a `delivery` other than `'await'` /
 *   `'background'`, a `cacheKey` that is not a function, or an `m2m` that is not
 *   `{ 'Owner.relation': { Entity: (ids) => keys } }`.
 */
export function resolveAdapterOptions<O extends AdapterOptions = AdapterOptions>(
  factory: string,
  options: O | undefined,
  own: readonly string[] = [],
): ResolvedAdapterOptions<O> {
  if (options === undefined || options === null) {
    return Object.freeze({ delivery: 'await' }) as ResolvedAdapterOptions<O>
  }
  if (typeof options !== 'object' || Array.isArray(options)) {
    invalid(factory, `options are ${quote(options)}`, 'pass an options object, or nothing.')
  }
  const names = [...SHARED, ...own]
  for (const name of Object.keys(options)) {
    if (names.includes(name)) continue
    const [closest] = closestNames(name, names)
    const guess = closest && isLikelyTypo(name, closest) ? `did you mean '${closest}'? ` : ''
    invalid(factory, `has no option ${quote(name)}`, `${guess}Its options: ${listNames(names)}.`)
  }
  const { delivery, cacheKey, m2m } = options
  if (delivery !== undefined && delivery !== 'await' && delivery !== 'background') {
    invalid(factory, `option 'delivery' is ${quote(delivery)}`, "use 'await' (default) or 'background'.")
  }
  if (cacheKey !== undefined && typeof cacheKey !== 'function') {
    invalid(
      factory,
      `option 'cacheKey' is ${quote(cacheKey)}`,
      'pass a function (entityName, entity) => key | keys | undefined.',
    )
  }
  if (m2m !== undefined) checkM2m(factory, m2m)
  return Object.freeze({ ...options, delivery: delivery ?? 'await' })
}

function checkM2m(factory: string, m2m: unknown): void {
  // Generic on purpose: the ORM's relations are not known yet here (cm.attach checks the real names).
  const shape = "{ '<Owner>.<relation>': { <Owner>: (otherIds) => keys, <Other>: (ownerIds) => keys } }"
  if (typeof m2m !== 'object' || m2m === null || Array.isArray(m2m)) {
    invalid(factory, `option 'm2m' is ${quote(m2m)}`, `pass builders keyed by relation: ${shape}.`)
  }
  for (const [relation, builders] of Object.entries(m2m as Record<string, unknown>)) {
    const dot = relation.indexOf('.')
    if (dot <= 0 || dot === relation.length - 1) {
      invalid(
        factory,
        `option 'm2m' has the key ${quote(relation)}`,
        `key builders by the owning relation as '<Entity>.<property>', e.g. ${shape}.`,
      )
    }
    if (typeof builders !== 'object' || builders === null || Array.isArray(builders)) {
      invalid(
        factory,
        `option m2m[${quote(relation)}] is ${quote(builders)}`,
        `pass one builder per entity: ${shape}.`,
      )
    }
    for (const [entity, build] of Object.entries(builders as Record<string, unknown>)) {
      if (typeof build === 'function') continue
      invalid(
        factory,
        `option m2m[${quote(relation)}].${entity} is ${quote(build)}`,
        'pass a function (ids) => keys, which receives the ids of the other side.',
      )
    }
  }
}

function invalid(factory: string, what: string, fix: string): never {
  throw new CachemeError('E_INVALID_OPTION', `${factory} ${what} → ${fix}`, { details: { factory } })
}
