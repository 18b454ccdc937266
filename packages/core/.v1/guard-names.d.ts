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
export declare const GLOBAL_GUARD = "*";
/** The guard name of invalid key `I`. */
export declare function keyGuard(invalidKey: string): string;
/** The guard name of a model-wide invalidation. */
export declare function modelGuard(model: string): string;
/** The guard name of a tag-wide invalidation. */
export declare function tagGuard(tag: string): string;
/**
 * The guard names a value depends on: each invalid key, the model part of each invalid key (the text
 * before its first `:`, invalidated as a whole by `invalidateModel`) and the tag.
 */
export declare function guardNames(invalidKeys: readonly string[], tag: string): string[];
/** Everything a miss's write is checked against: the global guard plus {@link guardNames}. */
export declare function writeGuards(invalidKeys: readonly string[], tag: string): string[];
//# sourceMappingURL=guard-names.d.ts.map