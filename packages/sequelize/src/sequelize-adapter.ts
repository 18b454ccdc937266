/**
 * `sequelizeAdapter(sequelize, options)` — invalidates cacheme entries when Sequelize writes the rows they
 * were computed from, after the transaction commits.
 *
 * Mechanics (Sequelize 6.37, checked against its source and by the test suite on SQLite and PostgreSQL):
 * - **Global hooks** (`sequelize.addHook(type, name, fn)`): they run for every model, including the
 *   through models Sequelize generates for `belongsToMany`, after the model's own hooks. Each is added
 *   under one name per attach, so `detach()` removes exactly these (`sequelize.removeHook(type, name)`).
 * - Hooks fire **before** COMMIT, inside the statement's transaction. Changes wait in core's
 *   `TransactionScopes`, one level per `Transaction` object, nested along `t.parent` (savepoints). The
 *   adapter subscribes to `t.afterCommit` of each level the first time a hook sees it (see
 *   `cacheme-hooks.ts`); Sequelize awaits those callbacks in `commit()`.
 * - **Read-your-writes:** outside a transaction the hook returns the delivery promise (Sequelize awaits
 *   hooks); inside one, `t.commit()` awaits the `afterCommit` callback that delivers. So `await
 *   instance.save()`, `await t.commit()` and `await sequelize.transaction(async (t) => ...)` resolve only
 *   after the invalidation is delivered (or queued by core when Redis is unreachable, in which case core
 *   bypasses the cache until it is delivered).
 * - `afterCommit` also runs when COMMIT itself failed (Sequelize calls it in a `finally`): the outcome is
 *   unknown then, and the adapter delivers — more invalidation than needed, never less.
 * - **An in-memory SQLite is one connection** for every statement (Sequelize's sqlite dialect caches it),
 *   so readers see uncommitted rows: there the scopes run with core's `sharedConnection: 'private'` —
 *   invalidated when made, again on ROLLBACK — and `shared-connection.ts` reports rollbacks and the
 *   transactions a statement without `transaction` ran in. A SQLite file gets a connection per
 *   transaction (isolated, like PostgreSQL) and keeps after-COMMIT delivery.
 *
 * Limits (see the package README's coverage matrix): writes that run no hook are invisible —
 * `increment()` / `decrement()`, `hooks: false`, `sequelize.query()` / raw SQL, `queryInterface.*`,
 * database cascades other than the many-to-many links the adapter looks up, triggers. Use
 * `cm.invalidateModel()` (or `cm.invalidate(keys)`) after those.
 */
import { randomUUID } from 'node:crypto'
import type { AdapterContext, AdapterOptions, CachemeAdapter, Detach } from '@cacheme/core/adapter'
import { CachemeError, DeclaredModels, resolveAdapterOptions, TransactionScopes } from '@cacheme/core/adapter'
import type { Sequelize, Transaction } from 'sequelize'
import { cachemeHooks, type HookTable } from './cacheme-hooks.js'
import { ModelMap } from './model-map.js'
import { RowChanges } from './row-changes.js'
import { connectionSharing, SharedConnection } from './shared-connection.js'

/**
 * Options of {@link sequelizeAdapter}: the options every cacheme adapter shares (`cacheKey`, `m2m`,
 * `delivery`), with the same names and meaning as in the TypeORM and MikroORM adapters.
 */
export type SequelizeAdapterOptions = AdapterOptions

/**
 * Creates the Sequelize adapter. Attach it with `const detach = await cm.attach(sequelizeAdapter(sequelize))`.
 *
 * Guarantees, once attached: every create, update, delete, soft delete, restore, upsert, bulk write and
 * many-to-many link change made through Sequelize's model and association methods invalidates the
 * affected keys (see the README's coverage matrix) — after COMMIT when inside a transaction, at once
 * otherwise, and before the awaited Sequelize call resolves. Nothing is invalidated for a transaction
 * (or savepoint) that rolls back — except on an in-memory SQLite, whose one connection shows every reader
 * uncommitted rows: there a change is invalidated when made and again when its transaction or savepoint
 * rolls back (before `t.rollback()` resolves). A transaction that was open when the adapter was detached
 * still delivers at its COMMIT (more than needed, never less).
 *
 * @param sequelize the Sequelize instance, with its models and associations defined.
 * @throws CachemeError `E_ADAPTER` when `sequelize` is not a Sequelize instance; `E_INVALID_OPTION` for
 *   a malformed option; `E_ADAPTER` (through `cm.attach`) when an `m2m` key names no many-to-many
 *   relation of it (its `cause` is then the `E_INVALID_OPTION`).
 */
export function sequelizeAdapter(sequelize: Sequelize, options?: SequelizeAdapterOptions): CachemeAdapter {
  if (!isSequelize(sequelize)) {
    throw new CachemeError(
      'E_ADAPTER',
      `sequelizeAdapter() needs a Sequelize instance, got ${describe(sequelize)} → pass the instance your models are defined on: sequelizeAdapter(sequelize).`,
    )
  }
  const resolved = resolveAdapterOptions('sequelizeAdapter', options)
  return {
    name: 'sequelize',
    source: sequelize,
    attach(context: AdapterContext): Detach {
      const map = new ModelMap(sequelize, resolved)
      const models = new DeclaredModels(context, 'sequelize', map.known(), resolved)
      const sharing = connectionSharing(sequelize)
      const scopes = new TransactionScopes<Transaction>(context, {
        adapter: 'sequelize',
        delivery: resolved.delivery,
        parentOf: (t) => (t as Transaction & { parent?: Transaction }).parent,
        outcomeOf: (t) => (t as Transaction & { finished?: 'commit' | 'rollback' }).finished,
        sharedConnection: sharing,
      })
      const rows = new RowChanges(resolved, () => context.logger)
      const shared = sharing ? new SharedConnection(scopes) : undefined
      const table = cachemeHooks({ context, map, rows, models, scopes, shared })
      const name = `cacheme:${randomUUID()}`
      const types = (Object.keys(table) as (keyof HookTable)[]).filter((type) => table[type] !== undefined)
      for (const type of types) addHook(sequelize, type, name, table[type])
      let attached = true
      return async () => {
        if (!attached) return
        attached = false
        for (const type of types) sequelize.removeHook(type, name)
      }
    },
  }
}

/**
 * `addHook` is typed per hook name with Sequelize's option types, which are stricter than what the
 * handlers read; the table is keyed by the same names, so one cast at this seam is all it takes.
 */
function addHook(
  sequelize: Sequelize,
  type: keyof HookTable,
  name: string,
  fn: HookTable[keyof HookTable] | undefined,
): void {
  ;(sequelize.addHook as (type: string, name: string, fn: unknown) => unknown).call(sequelize, type, name, fn)
}

function isSequelize(value: unknown): value is Sequelize {
  const candidate = value as Partial<Sequelize> | null | undefined
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.addHook === 'function' &&
    typeof candidate.removeHook === 'function' &&
    typeof candidate.models === 'object'
  )
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value)
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'no constructor'})`
  return `${typeof value} ${JSON.stringify(value)}`
}
