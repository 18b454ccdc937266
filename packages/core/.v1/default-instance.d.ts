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
import { Cacheme } from './cacheme.js';
import type { CachemeConfig } from './config.js';
import type { CachemeDecorator, FunctionType, ThisOfFunction } from './decorator.js';
import type { InvalidationCause } from './events.js';
import type { CachemeOptions } from './options.js';
import type { Tag } from './tag-registry.js';
/** The default instance used by `cacheme`, `configure`, `invalidate` and `cachemeTags`. */
export declare function defaultCacheme(): Cacheme;
/**
 * Configures the default instance (storage, prefix, enabled, ...), merging over what was configured
 * before. Call it at startup: before or after functions are decorated, but before the first cached call
 * or invalidation.
 * @example configure({ storage: new RedisStorage(new Redis(process.env.REDIS_URL)), prefix: 'MYAPP:' })
 * @throws CachemeError `E_CONFIG_LOCKED` once the default instance used its storage;
 *   `E_INVALID_OPTION` for an invalid option.
 */
export declare function configure(config: CachemeConfig): Cacheme;
/**
 * `cacheme(options)` on the default instance: decorator (legacy or TC39) or wrapper. Types as for
 * `cm.cacheme`: the method's own type (`cacheme<BookSerializer['getOwner']>`) or `<Args, R, This>`.
 */
export declare function cacheme<Args extends readonly unknown[] = unknown[], R = unknown, This = unknown>(options: CachemeOptions<Args, R, This>): CachemeDecorator<Args, R, This>;
/** `cacheme<Method>(options)`: typed from the function type `Method`. */
export declare function cacheme<F extends FunctionType>(options: CachemeOptions<Parameters<F>, Awaited<ReturnType<F>>, ThisOfFunction<F>>): CachemeDecorator<Parameters<F>, Awaited<ReturnType<F>>, ThisOfFunction<F>>;
/** `invalidate(keys)` on the default instance. */
export declare function invalidate(keys: string | readonly string[], cause?: InvalidationCause): Promise<number>;
/** The default instance's tags, seed style: `cachemeTags.get('tag')?.invalidateAll()`. */
export declare const cachemeTags: {
    /** The tag, or `undefined` when no function registered it. */
    get: (name: string) => Tag | undefined;
    /** Names of all registered tags. */
    list: () => string[];
};
//# sourceMappingURL=default-instance.d.ts.map