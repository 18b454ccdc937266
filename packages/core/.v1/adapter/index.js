/**
 * `@cacheme/core/adapter` — the public surface ORM adapters build on. Adapters import only from here and
 * from `@cacheme/core`, never from core's source files. `docs/writing-an-adapter.md` shows how the pieces
 * fit: an adapter is its ORM's event mapping, everything else is here.
 */
export { CachemeError } from '../errors.js';
export { ChangeSet } from './change-set.js';
export { DeclaredModels } from './declared-models.js';
export { EntityHierarchy } from './entity-hierarchy.js';
export { entityKeys, formatId, junctionKeys, relationKeys, } from './keys.js';
export { resolveAdapterOptions } from './resolve-adapter-options.js';
export { TransactionScopes, } from './transaction-scopes.js';
//# sourceMappingURL=index.js.map