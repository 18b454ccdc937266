/**
 * Seed-style module-level helpers bound to a default instance.
 *
 * The default instance is created on first use and never replaced. Unlike instances from
 * `createCacheme`, it may be configured after creation — until its first storage I/O (a cached call, an
 * invalidation, `ready()`), so that functions decorated at import time, before the application
 * configured cacheme, keep working and keep their tags (the seed fails there). Once the storage was
 * used, `configure()` throws `E_CONFIG_LOCKED`: storage, prefix and serializer never change under
 * running calls, and nothing queued for one storage can be delivered to another.
 */
import { Cacheme, configureUnused } from './cacheme.js';
let instance;
/** The default instance used by `cacheme`, `configure`, `invalidate` and `cachemeTags`. */
export function defaultCacheme() {
    instance ??= new Cacheme();
    return instance;
}
/**
 * Configures the default instance (storage, prefix, enabled, ...), merging over what was configured
 * before. Call it at startup: before or after functions are decorated, but before the first cached call
 * or invalidation.
 * @example configure({ storage: new RedisStorage(new Redis(process.env.REDIS_URL)), prefix: 'MYAPP:' })
 * @throws CachemeError `E_CONFIG_LOCKED` once the default instance used its storage;
 *   `E_INVALID_OPTION` for an invalid option.
 */
export function configure(config) {
    const cm = defaultCacheme();
    configureUnused(cm, config);
    return cm;
}
export function cacheme(options) {
    return defaultCacheme().cacheme(options);
}
/** `invalidate(keys)` on the default instance. */
export function invalidate(keys, cause) {
    return defaultCacheme().invalidate(keys, cause);
}
/** The default instance's tags, seed style: `cachemeTags.get('tag')?.invalidateAll()`. */
export const cachemeTags = {
    /** The tag, or `undefined` when no function registered it. */
    get: (name) => defaultCacheme().tags.get(name),
    /** Names of all registered tags. */
    list: () => defaultCacheme().tags.list(),
};
//# sourceMappingURL=default-instance.js.map