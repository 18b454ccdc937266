/**
 * `EntityHierarchy` — which entity classes name the same row, for ORMs with inheritance mapping
 * (TypeORM `@TableInheritance` + `@ChildEntity`, MikroORM `discriminatorColumn`).
 *
 * A row of `Photo extends Content` is a `Photo` **and** a `Content`: an app may cache it under
 * `Photo:<id>` (read through the child class) or `Content:<id>` (through the parent), and lists of either.
 * So a change reported for class `C` concerns every class of `C`'s **lineage**:
 *
 * - `C` itself;
 * - its ancestors — the row is one of theirs too (`Content:<id>`, the `Content` list);
 * - its descendants — an ORM may report a row through a class above its concrete one (a plain object
 *   saved through the parent, a criteria write through the parent reaching every child's rows).
 *
 * Siblings are not part of it: a row reported as a `Photo` is never an `Article`. For an exact row the
 * adapter emits each lineage class's keys (`entityKeys(..., hierarchy.lineage(name))`); for rows it does
 * not know, each lineage class goes model-wide. An entity outside any hierarchy has the lineage `[itself]`,
 * so adapters can apply the rule everywhere without a special case.
 *
 * Known limit: the hierarchy is what the ORM reported at attach; classes registered later are unknown.
 */
import { CachemeError, quote } from '../errors.js';
/** The inheritance links of an ORM's entities, by entity name. */
export class EntityHierarchy {
    #parents = new Map();
    #children = new Map();
    #lineages = new Map();
    /**
     * @param parents `[child, parent]` pairs, one per class that extends another entity class
     *   (`[['Photo', 'Content'], ['Article', 'Content']]`). Classes without a parent need no entry.
     * @throws CachemeError `E_ADAPTER` when a class is given two parents or the links form a cycle — an
     *   adapter bug, reported at attach.
     */
    constructor(parents = []) {
        for (const [child, parent] of parents) {
            const known = this.#parents.get(child);
            if (known !== undefined && known !== parent) {
                throw new CachemeError('E_ADAPTER', `entity ${quote(child)} was reported with two parent classes, ${quote(known)} and ${quote(parent)} → report one [child, parent] pair per class.`);
            }
            if (known !== undefined)
                continue;
            this.#parents.set(child, parent);
            const siblings = this.#children.get(parent);
            if (siblings)
                siblings.push(child);
            else
                this.#children.set(parent, [child]);
        }
        for (const child of this.#parents.keys())
            this.#ancestors(child);
    }
    /** Whether any entity has a parent (an adapter can skip the lineage work when not). */
    get empty() {
        return this.#parents.size === 0;
    }
    /**
     * The classes whose keys name a row reported as `entity`: `entity` first, then its ancestors nearest
     * first, then its descendants. `[entity]` for an entity outside any hierarchy.
     */
    lineage(entity) {
        let lineage = this.#lineages.get(entity);
        if (lineage)
            return lineage;
        lineage = [entity, ...this.#ancestors(entity), ...this.#descendants(entity)];
        this.#lineages.set(entity, lineage);
        return lineage;
    }
    #ancestors(entity) {
        const ancestors = [];
        for (let at = this.#parents.get(entity); at !== undefined; at = this.#parents.get(at)) {
            if (at === entity || ancestors.includes(at)) {
                throw new CachemeError('E_ADAPTER', `the inheritance links of entity ${quote(entity)} form a cycle (${[entity, ...ancestors, at].map((name) => quote(name)).join(' → ')}) → report each class's parent once.`);
            }
            ancestors.push(at);
        }
        return ancestors;
    }
    #descendants(entity) {
        const found = [];
        const pending = [...(this.#children.get(entity) ?? [])];
        for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
            found.push(next);
            pending.push(...(this.#children.get(next) ?? []));
        }
        return found;
    }
}
//# sourceMappingURL=entity-hierarchy.js.map