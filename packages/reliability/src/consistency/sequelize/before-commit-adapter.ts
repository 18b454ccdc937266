/**
 * **Test-only, deliberately broken**: a Sequelize adapter that invalidates in the model hooks — which
 * Sequelize runs *before* COMMIT, inside the statement's transaction — instead of waiting for the
 * transaction to commit. Between that invalidation and the COMMIT, another process can read the old rows
 * and cache a value computed from them, which no later invalidation removes: exactly the bug after-commit
 * delivery exists for (DESIGN.md §3.2). The consistency harness attaches it to prove it catches that bug
 * (non-zero stale reads).
 *
 * It uses only core's public adapter surface (`entityKeys`), like a real adapter.
 */
import type { AdapterContext, CachemeAdapter } from '@cacheme/core/adapter'
import { entityKeys } from '@cacheme/core/adapter'
import type { Model, ModelStatic, Sequelize } from 'sequelize'

const NAME = 'cacheme:before-commit'
const cause = { kind: 'sequelize-before-commit' }

/** The broken adapter; attach with `cm.attach(beforeCommitAdapter(sequelize))`. */
export function beforeCommitAdapter(sequelize: Sequelize): CachemeAdapter {
  return {
    name: 'sequelize-before-commit',
    attach(context: AdapterContext) {
      // Returned promises are awaited by Sequelize: the invalidation completes before the COMMIT.
      const row = (instance: Model) => {
        const name = (instance.constructor as ModelStatic<Model>).name
        const id = instance.get('id')
        return context.invalidate([...entityKeys({}, name, instance, id), name], cause)
      }
      const bulk = (options: object) => {
        const model = (options as { model?: ModelStatic<Model> }).model
        return model ? context.invalidateModel(model.name, cause) : undefined
      }
      sequelize.addHook('afterCreate', NAME, row)
      sequelize.addHook('afterUpdate', NAME, row)
      sequelize.addHook('afterBulkUpdate', NAME, bulk)
      return async () => {
        for (const type of ['afterCreate', 'afterUpdate', 'afterBulkUpdate'] as const) {
          sequelize.removeHook(type, NAME)
        }
      }
    },
  }
}
