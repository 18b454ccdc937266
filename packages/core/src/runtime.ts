/**
 * The parts of an instance that its configuration decides, built together and once: the key space of
 * its prefix, the storage layer over its storage, the invalidation component over that layer, and the
 * cached-call path over those two. Nothing in a runtime ever changes; an instance with another storage or
 * prefix is another runtime, so an invalidation queued by one can never be delivered through another.
 */
import { CachedCalls } from './cached-call.js'
import type { ResolvedConfig } from './config.js'
import type { Events } from './events.js'
import { Inspector } from './inspection/inspector.js'
import { Invalidations } from './invalidation/invalidations.js'
import { KeySpace } from './key.js'
import { L1 } from './l1/l1.js'
import { ResilientStorage } from './resilience/resilient-storage.js'
import { SequenceTracker } from './sequence-tracker.js'

/** Everything of an instance that depends on its configuration. */
export interface Runtime {
  readonly config: ResolvedConfig
  readonly keys: KeySpace
  readonly storage: ResilientStorage
  readonly invalidations: Invalidations
  readonly calls: CachedCalls
  readonly inspector: Inspector
  /** The remembered invalidation sequence, shared by the cached calls and the invalidations. */
  readonly sequence: SequenceTracker
  /** The in-process tier, when configured. */
  readonly l1: L1 | undefined
}

/**
 * Wires a runtime for `config`; `events` is the instance's (it outlives runtimes of the default instance),
 * `registeredTags` lists the instance's tags (for the inspector).
 */
export function buildRuntime(
  config: ResolvedConfig,
  events: Events,
  registeredTags: () => readonly string[],
): Runtime {
  const keys = new KeySpace(config.prefix)
  const storage = new ResilientStorage(config.storage, keys.meta, config, events)
  const sequence = new SequenceTracker()
  const l1 = config.l1 !== undefined && config.enabled ? new L1(storage, events, config.l1) : undefined
  const invalidations = new Invalidations(storage, keys, events, {
    enabled: config.enabled,
    maxPending: config.maxPendingInvalidations,
    logger: config.logger,
    sequence,
    local: l1,
  })
  const calls = new CachedCalls({
    storage,
    invalidations,
    sequence,
    l1,
    keys,
    serializer: config.serializer,
    maxValueBytes: config.maxValueBytes,
    events,
    enabled: config.enabled,
  })
  const inspector = new Inspector({
    storage,
    keys,
    serializer: config.serializer,
    enabled: config.enabled,
    registeredTags,
  })
  return { config, keys, storage, invalidations, calls, inspector, sequence, l1 }
}
