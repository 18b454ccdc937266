/**
 * A change set: what one unit of work (a statement, a savepoint, a transaction) changed, as invalidation
 * keys plus "unknown rows of model M", deduplicated — and its delivery to core.
 */
import type { AdapterContext, AdapterOptions } from './contract.js';
import { type M2mRelation } from './keys.js';
/** Accumulates what one unit of work changed, deduplicated. */
export declare class ChangeSet {
    #private;
    readonly keys: Set<string>;
    readonly models: Set<string>;
    readonly causes: Set<string>;
    /** Records exact invalidation keys. */
    addKeys(keys: Iterable<string>, cause: string): void;
    /** Records that unknown rows of `model` changed. */
    addModel(model: string, cause: string): void;
    /**
     * Records that junction rows of `relation` changed without the ORM saying which (a relation cleared
     * without loading it, rows deleted by criteria and their junction rows by cascade): every key of both
     * sides' models, plus the relation's own keys.
     */
    addRelation(relation: M2mRelation, cause: string): void;
    /** Merges another change set into this one (a committed savepoint into its parent). */
    merge(other: ChangeSet): void;
    get empty(): boolean;
    /**
     * Delivers everything to core. Never rejects (core queues what it cannot deliver). With
     * `delivery: 'background'` it resolves at once and hands the delivery to `context.background`.
     */
    deliver(context: AdapterContext, adapter: string, options?: Pick<AdapterOptions, 'delivery'>): Promise<void>;
}
//# sourceMappingURL=change-set.d.ts.map