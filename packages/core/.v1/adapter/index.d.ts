/**
 * `@cacheme/core/adapter` — the public surface ORM adapters build on. Adapters import only from here and
 * from `@cacheme/core`, never from core's source files. `docs/writing-an-adapter.md` shows how the pieces
 * fit: an adapter is its ORM's event mapping, everything else is here.
 */
export { CachemeError } from '../errors.js';
export type { InvalidationCause, Logger } from '../events.js';
export { ChangeSet } from './change-set.js';
export type { AdapterContext, AdapterOptions, CachemeAdapter, Detach, ModelRef } from './contract.js';
export { DeclaredModels, type KnownModels } from './declared-models.js';
export { EntityHierarchy } from './entity-hierarchy.js';
export { entityKeys, formatId, type JunctionChange, type JunctionSide, junctionKeys, type M2mRelation, type RelationSide, relationKeys, } from './keys.js';
export { type ResolvedAdapterOptions, resolveAdapterOptions } from './resolve-adapter-options.js';
export { type ScopeEnd, type TransactionOutcome, TransactionScopes, type TransactionScopesOptions, } from './transaction-scopes.js';
//# sourceMappingURL=index.d.ts.map