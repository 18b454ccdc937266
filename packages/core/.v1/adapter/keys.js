/**
 * What an ORM change means in invalidation keys — the one policy every adapter applies:
 *
 * | change                              | invalid keys                                                        |
 * |-------------------------------------|---------------------------------------------------------------------|
 * | a row of model `M` with key `M:pk`  | `M` (the model-level key) + the row's key(s) (`cacheKey` option, else the entity's `cacheKey` getter, else `M:pk`) |
 * | a junction row of `Book.users`      | `m2m` builders or `Book:<b>:users` + `User:<u>:books`, and the relation's own keys (see {@link relationKeys}) |
 *
 * The relation's own keys exist so that `invalidM2mModels: ['Book.users']` means what it says: "any link
 * of this relation changed". Every junction change of a relation yields them, whichever adapter saw it.
 */
import { CachemeError, quote } from '../errors.js';
/**
 * The invalidation keys of one changed entity: its cache key(s) plus the model-level key.
 *
 * With inheritance, pass the row's `lineage` (`EntityHierarchy.lineage(entityName)`): the row is also one
 * of those classes' rows, so each class `C` of it contributes its model-level key `C` and its own row key —
 * the `cacheKey` option asked with `C`, else `C:pk`. An entity's own `cacheKey` getter describes the row
 * itself and is used once, replacing the default row keys of every class.
 */
export function entityKeys(options, entityName, entity, primaryKey, lineage = [entityName]) {
    const names = lineage.includes(entityName) ? lineage : [entityName, ...lineage];
    const keys = new Set(names);
    if (!options.cacheKey && 'cacheKey' in entity) {
        const own = entity.cacheKey;
        if (own !== undefined && own !== null) {
            addKeys(keys, entityName, own);
            return [...keys];
        }
    }
    for (const name of names) {
        let own = options.cacheKey?.(name, entity);
        if (own === undefined || own === null) {
            if (primaryKey === undefined || primaryKey === null)
                continue;
            own = `${name}:${formatId(primaryKey)}`;
        }
        addKeys(keys, name, own);
    }
    return [...keys];
}
function addKeys(keys, entityName, own) {
    for (const key of Array.isArray(own) ? own : [own]) {
        if (typeof key !== 'string' || key.length === 0) {
            throw new CachemeError('E_INVALID_KEY', `the cache key of ${entityName} entity is ${quote(key)} → make 'cacheKey' return a non-empty string or a list of them.`);
        }
        keys.add(key);
    }
}
/**
 * The invalidation keys of one junction row (the seed's m2m semantics), then the relation's own keys.
 * For `book.users.add(u)` (book `b`): the users of book b changed and the books of user u changed —
 * `m2m['Book.users'].Book([u])` and `m2m['Book.users'].User([b])`, or by default `Book:<b>:users` and
 * `User:<u>:books` — followed by {@link relationKeys}.
 */
export function junctionKeys(options, change) {
    const { owner, inverse } = change;
    const builders = options.m2m?.[change.relation];
    const ownerProp = ownerProperty(change);
    const inverseProp = inverse.property ?? ownerProp;
    const forOwner = builders?.[owner.entity]
        ? builders[owner.entity]([inverse.id])
        : [`${owner.entity}:${formatId(owner.id)}:${ownerProp}`];
    const forInverse = builders?.[inverse.entity]
        ? builders[inverse.entity]([owner.id])
        : [`${inverse.entity}:${formatId(inverse.id)}:${inverseProp}`];
    return [...new Set([...forOwner, ...forInverse, ...relationKeys(change)])];
}
/**
 * The keys that stand for a many-to-many relation as a whole, changed by every junction row of it:
 * the relation name from the owning side (`'Book.users'`), from the inverse side when it declares the
 * relation (`'User.books'`), and the junction model's name when the ORM has one. Use them alone (with
 * `addModel` for both sides) when junction rows changed but the event does not say which.
 */
export function relationKeys(relation) {
    const keys = [relation.relation];
    if (relation.inverse.property)
        keys.push(`${relation.inverse.entity}.${relation.inverse.property}`);
    if (relation.junction)
        keys.push(relation.junction);
    return [...new Set(keys)];
}
/** Primary keys as they appear in keys: composite keys joined with `,` in column order. */
export function formatId(id) {
    if (id !== null && typeof id === 'object' && !(id instanceof Date)) {
        return Object.values(id)
            .map(formatId)
            .join(',');
    }
    return String(id);
}
function ownerProperty(relation) {
    return relation.owner.property ?? relation.relation.slice(relation.relation.indexOf('.') + 1);
}
//# sourceMappingURL=keys.js.map