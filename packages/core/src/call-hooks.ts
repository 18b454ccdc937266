/**
 * What every path of a cached call reports the same way: a hit (event + `hit` callback), a user
 * callback that throws, a storage error; and whether the cache may be used at all right now.
 *
 * Hot-path rule: nothing is built for an event nobody listens to, and no closure is made for a callback
 * that was not given (benchmarks/PROFILE.md).
 */
import { CachemeError } from './errors.js'
import type { Events } from './events.js'
import type { InvalidationState } from './invalidation/invalidations.js'
import type { KeySpace } from './key.js'
import type { CachedDefinition, Container, MutableContainer } from './options.js'
import type { ResilientStorage } from './resilience/resilient-storage.js'
import { wrapCallbackError } from './value-writer.js'

/** What the hooks need. */
export interface HookParts {
  readonly storage: ResilientStorage
  readonly keys: KeySpace
  readonly events: Events
  readonly invalidations: InvalidationState
}

/** True when the cache may be used now: layer usable and no undelivered invalidation. */
export function cacheUsable(parts: HookParts): boolean {
  return parts.storage.usable && parts.invalidations.pending === 0
}

/** A hit: the `hit` event (built only when someone listens) and the `hit` callback (when given). */
export function reportHit(
  parts: HookParts,
  definition: CachedDefinition,
  key: string,
  value: unknown,
  c: MutableContainer,
): void {
  const { events, keys } = parts
  if (events.listens('hit')) events.emit('hit', { key: keys.full(key), tag: definition.tag })
  const hit = definition.options.hit
  if (hit !== undefined) {
    // The full key (prefix included), as the seed passes it and as the `hit` event carries it.
    const full = keys.full(key)
    runCallback(events, () => hit(full, value, c as Container<readonly unknown[], unknown>), 'hit', full)
  }
}

/** Runs a user callback; a throw or a rejected promise is reported, never propagated. */
export function runCallback(events: Events, run: () => unknown, name: string, key: string): void {
  try {
    const returned = run()
    if (returned instanceof Promise) {
      returned.catch((error: unknown) => events.report(wrapCallbackError(error, name, key), name, key))
    }
  } catch (error) {
    events.report(wrapCallbackError(error, name, key), name, key)
  }
}

/** The layer reports an unsupported server once itself; every other storage error is reported here. */
export function reportStorageError(events: Events, error: unknown, operation: string, key: string): void {
  if (!CachemeError.is(error, 'E_STORAGE_UNSUPPORTED')) events.report(error, operation, key)
}
