import type { Events } from './events.js';
import type { InvalidationState } from './invalidation/invalidations.js';
import type { KeySpace } from './key.js';
import type { CachedDefinition, MutableContainer } from './options.js';
import type { ResilientStorage } from './resilience/resilient-storage.js';
/** What the hooks need. */
export interface HookParts {
    readonly storage: ResilientStorage;
    readonly keys: KeySpace;
    readonly events: Events;
    readonly invalidations: InvalidationState;
}
/** True when the cache may be used now: layer usable and no undelivered invalidation. */
export declare function cacheUsable(parts: HookParts): boolean;
/** A hit: the `hit` event (built only when someone listens) and the `hit` callback (when given). */
export declare function reportHit(parts: HookParts, definition: CachedDefinition, key: string, value: unknown, c: MutableContainer): void;
/** Runs a user callback; a throw or a rejected promise is reported, never propagated. */
export declare function runCallback(events: Events, run: () => unknown, name: string, key: string): void;
/** The layer reports an unsupported server once itself; every other storage error is reported here. */
export declare function reportStorageError(events: Events, error: unknown, operation: string, key: string): void;
//# sourceMappingURL=call-hooks.d.ts.map