/** The inheritance links of an ORM's entities, by entity name. */
export declare class EntityHierarchy {
    #private;
    /**
     * @param parents `[child, parent]` pairs, one per class that extends another entity class
     *   (`[['Photo', 'Content'], ['Article', 'Content']]`). Classes without a parent need no entry.
     * @throws CachemeError `E_ADAPTER` when a class is given two parents or the links form a cycle — an
     *   adapter bug, reported at attach.
     */
    constructor(parents?: Iterable<readonly [child: string, parent: string]>);
    /** Whether any entity has a parent (an adapter can skip the lineage work when not). */
    get empty(): boolean;
    /**
     * The classes whose keys name a row reported as `entity`: `entity` first, then its ancestors nearest
     * first, then its descendants. `[entity]` for an entity outside any hierarchy.
     */
    lineage(entity: string): readonly string[];
}
//# sourceMappingURL=entity-hierarchy.d.ts.map