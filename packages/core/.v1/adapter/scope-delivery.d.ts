/**
 * How `TransactionScopes` hands change sets to core: awaited or through the background barrier
 * (`delivery`), tracked so that `settled()` can wait for them, and — for shared connections — batched per
 * tick, so that the events of one ORM statement burst (an entity and its junction rows) become one
 * invalidation instead of one each.
 */
import { ChangeSet } from './change-set.js';
import type { AdapterContext } from './contract.js';
export declare class ScopeDelivery {
    #private;
    constructor(context: AdapterContext, adapter: string, background: boolean);
    /** Delivers `set` now. Resolves once delivered, or at once under `'background'`. Never rejects. */
    now(set: ChangeSet): Promise<void>;
    /** Delivers `set` with whatever else is handed over in this tick, as one invalidation. Never rejects. */
    soon(set: ChangeSet): Promise<void>;
    /** Resolves when every delivery started so far (batched ones included) has settled. */
    settled(): Promise<void>;
}
//# sourceMappingURL=scope-delivery.d.ts.map