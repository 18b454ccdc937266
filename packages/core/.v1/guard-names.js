/**
 * Race-guard names: what an invalidation logs and what a miss's write is checked against (the protocol
 * is described in `storage/storage.ts`). This module is the one place that spells them:
 *
 * | name            | logged by                                   | checked by a write that depends on it  |
 * | --------------- | ------------------------------------------- | -------------------------------------- |
 * | `k:<I>`         | invalidation of invalid key `I`             | every invalid key of the value          |
 * | `m:<Model>`     | `invalidateModel(Model)`                    | the model part of each invalid key      |
 * | `t:<tag>`       | `tag.invalidateAll()`                       | the value's tag                         |
 * | `*`             | pattern invalidation, "invalidate all"      | every write                             |
 *
 * Storages know none of this: they log the names they are given and reject a write when any of its
 * names was logged after its snapshot. Core passes the global guard `*` with every write.
 */
/** Guard name every write is checked against; logged by pattern invalidations. */
export const GLOBAL_GUARD = '*';
/** The guard name of invalid key `I`. */
export function keyGuard(invalidKey) {
    return `k:${invalidKey}`;
}
/** The guard name of a model-wide invalidation. */
export function modelGuard(model) {
    return `m:${model}`;
}
/** The guard name of a tag-wide invalidation. */
export function tagGuard(tag) {
    return `t:${tag}`;
}
/**
 * The guard names a value depends on: each invalid key, the model part of each invalid key (the text
 * before its first `:`, invalidated as a whole by `invalidateModel`) and the tag.
 */
export function guardNames(invalidKeys, tag) {
    const out = new Set([tagGuard(tag)]);
    for (const key of invalidKeys) {
        out.add(keyGuard(key));
        const colon = key.indexOf(':');
        out.add(modelGuard(colon === -1 ? key : key.slice(0, colon)));
    }
    return [...out];
}
/** Everything a miss's write is checked against: the global guard plus {@link guardNames}. */
export function writeGuards(invalidKeys, tag) {
    return [GLOBAL_GUARD, ...guardNames(invalidKeys, tag)];
}
//# sourceMappingURL=guard-names.js.map