/**
 * The {@link AdapterContext} an instance hands to each attached ORM adapter: its guarantees are the
 * contract's (`adapter/contract.ts`); this module only maps them onto the invalidation component.
 *
 * Nothing here ever rejects: an adapter runs after COMMIT, where throwing would fail a request whose data
 * is already committed. Malformed keys are reported and skipped; storage trouble is queued by the
 * invalidation component (which then makes cached calls bypass the cache until it is delivered).
 */
import type { AdapterContext } from './adapter/contract.js'
import { CachemeError, quote } from './errors.js'
import type { Events, Logger } from './events.js'
import type { Invalidations } from './invalidation/invalidations.js'
import { assertInvalidKey, normalizeInvalidKeys } from './key.js'

/** What the context needs from its instance. */
export interface AdapterHost {
  /**
   * The instance's invalidation component and logger. Read on every call rather than captured, because
   * the default instance may still be configured (before its first storage I/O) after an adapter was
   * attached; an instance from `createCacheme` always returns the same ones.
   */
  current(): { readonly invalidations: Invalidations; readonly logger: Logger }
  readonly events: Events
  /** Model names declared by decorators (`invalidModels` / `invalidM2mModels`). */
  readonly models: ReadonlySet<string>
  readonly m2mModels: ReadonlySet<string>
}

/** Builds the context of one attached adapter. */
export function adapterContext(host: AdapterHost): AdapterContext {
  return {
    get logger() {
      return host.current().logger
    },
    // Not async: one promise fewer on every flush's path (ORMs run hooks under AsyncLocalStorage, where
    // each promise pays the async hooks). Still never throws nor rejects; `keys()` queues what fails.
    invalidate: (keys, cause) => {
      const valid = new Set<string>()
      for (const key of keys) {
        try {
          // The adapters' keys are strings: only the rest goes through the general normalisation.
          if (typeof key === 'string') {
            assertInvalidKey(key)
            valid.add(key)
          } else for (const inner of normalizeInvalidKeys(key)) valid.add(inner)
        } catch (error) {
          host.events.report(error, 'adapter-invalidate')
        }
      }
      try {
        const { invalidations } = host.current()
        return invalidations.keys([...valid], cause).then(noop)
      } catch (error) {
        host.events.report(error, 'adapter-invalidate')
        return Promise.resolve()
      }
    },
    invalidateModel: async (model, cause) => {
      if (typeof model !== 'string' || model.length === 0) {
        host.events.report(
          new CachemeError('E_INVALID_KEY', `model name ${quote(model)} is empty → pass the entity name.`),
          'adapter-invalidate',
        )
        return
      }
      await host.current().invalidations.model(model, { ...cause, entity: model })
    },
    declaredModels: () => ({ models: host.models, m2mModels: host.m2mModels }),
    background: (delivery) => host.current().invalidations.track(delivery),
  }
}

function noop(): void {}
