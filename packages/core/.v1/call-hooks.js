/**
 * What every path of a cached call reports the same way: a hit (event + `hit` callback), a user
 * callback that throws, a storage error; and whether the cache may be used at all right now.
 *
 * Hot-path rule: nothing is built for an event nobody listens to, and no closure is made for a callback
 * that was not given (benchmarks/PROFILE.md).
 */
import { CachemeError } from './errors.js';
import { wrapCallbackError } from './value-writer.js';
/** True when the cache may be used now: layer usable and no undelivered invalidation. */
export function cacheUsable(parts) {
    return parts.storage.usable && parts.invalidations.pending === 0;
}
/** A hit: the `hit` event (built only when someone listens) and the `hit` callback (when given). */
export function reportHit(parts, definition, key, value, c) {
    const { events, keys } = parts;
    if (events.listens('hit'))
        events.emit('hit', { key: keys.full(key), tag: definition.tag });
    const hit = definition.options.hit;
    if (hit !== undefined) {
        runCallback(events, () => hit(key, value, c), 'hit', key);
    }
}
/** Runs a user callback; a throw or a rejected promise is reported, never propagated. */
export function runCallback(events, run, name, key) {
    try {
        const returned = run();
        if (returned instanceof Promise) {
            returned.catch((error) => events.report(wrapCallbackError(error, name, key), name, key));
        }
    }
    catch (error) {
        events.report(wrapCallbackError(error, name, key), name, key);
    }
}
/** The layer reports an unsupported server once itself; every other storage error is reported here. */
export function reportStorageError(events, error, operation, key) {
    if (!CachemeError.is(error, 'E_STORAGE_UNSUPPORTED'))
        events.report(error, operation, key);
}
//# sourceMappingURL=call-hooks.js.map