import type { AdapterContext, AdapterOptions } from './contract.js';
import { type M2mRelation } from './keys.js';
/** What an ORM knows, as the adapter reports it at attach. */
export interface KnownModels {
    /** Entity / model names (`Book`, `User`), junction models excluded. */
    readonly entities: Iterable<string>;
    /** Every many-to-many relation, once, from its owning side (`Book.users`). */
    readonly relations: Iterable<M2mRelation>;
}
/** Warns about declared models the ORM does not know; validates the `m2m` option against its relations. */
export declare class DeclaredModels {
    #private;
    /**
     * @param adapter short adapter name, used in messages (`typeorm`).
     * @param options the adapter's options: their `m2m` keys are checked against `known.relations`.
     * @throws CachemeError `E_INVALID_OPTION` when an `m2m` key is not an owning relation, or one of its
     *   builders is keyed by an entity that is not a side of that relation.
     */
    constructor(context: AdapterContext, adapter: string, known: KnownModels, options?: AdapterOptions);
    /** Warns once per declared name the ORM does not know. Cheap when nothing new was declared. */
    check(): void;
}
//# sourceMappingURL=declared-models.d.ts.map