/**
 * `@cacheme/core/adapter` — the public surface ORM adapters build on. Adapters import only from here and
 * from `@cacheme/core`, never from core's source files.
 */

export { CachemeError } from '../errors.js'
export type { InvalidationCause, Logger } from '../events.js'
export {
  ChangeSet,
  entityKeys,
  formatId,
  type JunctionChange,
  type JunctionSide,
  junctionKeys,
  TransactionBuffer,
} from './change-set.js'
export type { AdapterContext, AdapterOptions, CachemeAdapter, Detach, ModelRef } from './contract.js'
