/**
 * The {@link AdapterContext} an instance hands to each attached ORM adapter: its guarantees are the
 * contract's (`adapter/contract.ts`); this module only maps them onto the invalidation component.
 *
 * Nothing here ever rejects: an adapter runs after COMMIT, where throwing would fail a request whose data
 * is already committed. Malformed keys are reported and skipped; storage trouble is queued by the
 * invalidation component (which then makes cached calls bypass the cache until it is delivered).
 */
import type { AdapterContext } from './adapter/contract.js';
import type { Events, Logger } from './events.js';
import type { Invalidations } from './invalidation/invalidations.js';
/** What the context needs from its instance. */
export interface AdapterHost {
    /**
     * The instance's invalidation component and logger. Read on every call rather than captured, because
     * the default instance may still be configured (before its first storage I/O) after an adapter was
     * attached; an instance from `createCacheme` always returns the same ones.
     */
    current(): {
        readonly invalidations: Invalidations;
        readonly logger: Logger;
    };
    readonly events: Events;
    /** Model names declared by decorators (`invalidModels` / `invalidM2mModels`). */
    readonly models: ReadonlySet<string>;
    readonly m2mModels: ReadonlySet<string>;
}
/** Builds the context of one attached adapter. */
export declare function adapterContext(host: AdapterHost): AdapterContext;
//# sourceMappingURL=adapter-context.d.ts.map