/**
 * `createCacheme(config)` — one cacheme instance: decorator factory, tags, invalidation, events and
 * adapters, over one storage and prefix.
 *
 * An instance is immutable: its storage, prefix, serializer and every other setting are fixed when it is
 * created (they live in its runtime, `runtime.ts`). Several instances can coexist (different prefixes or
 * storages). The module-level helpers (`cacheme`, `configure`, `invalidate`, `cachemeTags`) use a default
 * instance, the one exception: its `configure()` may replace the runtime until the first storage I/O (see
 * `default-instance.ts`), which is why the methods below read `#runtime` at call time.
 */
import type { CachemeAdapter, Detach } from './adapter/contract.js';
import { type CachemeConfig, type ResolvedConfig } from './config.js';
import { type Cached, type CachemeDecorator, type FunctionType, type ThisOfFunction } from './decorator.js';
import { type CachemeEventName, type CachemeListener, type InvalidationCause } from './events.js';
import type { Inspector } from './inspection/inspector.js';
import type { PatternOptions, PatternResult } from './invalidation/pattern-run.js';
import type { L1Status } from './l1/l1.js';
import { type ModelRef } from './model-ref.js';
import type { CachemeOptions } from './options.js';
import { Counters } from './records/counters.js';
import { Journal, type JournalOptions } from './records/journal.js';
import { TagRegistry } from './tag-registry.js';
/** A cacheme instance. Create with {@link createCacheme}. */
export declare class Cacheme {
    #private;
    /** The tags of this instance. */
    readonly tags: TagRegistry;
    /** @throws CachemeError `E_INVALID_OPTION` naming the offending option. */
    constructor(config?: CachemeConfig);
    /** The effective configuration (every default applied). Fixed for the life of the instance. */
    get config(): Readonly<ResolvedConfig>;
    /**
     * Caches a function or method. Use as a decorator (legacy or TC39) or as a wrapper.
     *
     * A decorator cannot infer types from the method it decorates, so spell them out — either the method's
     * own type as the one type argument (`c.args`, `c.result` and, when the type declares `this`, `c.self`
     * follow from it), or `<Args, R, This>`. In both forms the decorated method is checked against them.
     * `cm.wrap(fn, options)` infers everything from `fn` instead.
     * @example
     * class BookSerializer {
     *   @cm.cacheme<BookSerializer['getOwner']>({ key: (c) => `Book:${c.args[0].id}>owner` })
     *   async getOwner(book: Book): Promise<Owner> { ... }
     * }
     * const getUser = cm.cacheme<[id: number], User>({ key: (c) => `User:${c.args[0]}` })(loadUser)
     */
    cacheme<Args extends readonly unknown[] = unknown[], R = unknown, This = unknown>(options: CachemeOptions<Args, R, This>): CachemeDecorator<Args, R, This>;
    /** `cm.cacheme<Method>(options)`: typed from the function type `Method` (see the first form). */
    cacheme<F extends FunctionType>(options: CachemeOptions<Parameters<F>, Awaited<ReturnType<F>>, ThisOfFunction<F>>): CachemeDecorator<Parameters<F>, Awaited<ReturnType<F>>, ThisOfFunction<F>>;
    /**
     * Wraps `fn`, inferring the container's types from it (the friendliest form in TypeScript).
     * @example
     * const getBook = cm.wrap(async (id: number) => db.book(id), { key: (c) => `Book:${c.args[0]}` })
     */
    wrap<F extends (this: never, ...args: never[]) => unknown>(fn: F, options: CachemeOptions<Parameters<F>, Awaited<ReturnType<F>>, ThisParameterType<F>>): Cached<F>;
    /**
     * Removes every entry registered under each invalid key (the set `P+I+':invalid'`), then the sets.
     * Storage trouble never throws: the invalidation is queued and retried, and the cache is bypassed until
     * it is delivered.
     * @returns the number of entries removed.
     * @throws CachemeError `E_INVALID_KEY` for malformed keys.
     */
    invalidate(keys: string | readonly string[], cause?: InvalidationCause): Promise<number>;
    /**
     * For changes no hook can see (raw SQL, another service): removes every entry registered under any
     * invalid key of `model` (`<model>:*`) and under the model-level key `<model>`.
     */
    invalidateModel(model: ModelRef, cause?: InvalidationCause): Promise<number>;
    /**
     * Deletes keys matching a Redis glob pattern **under the prefix** (cacheme's meta keys are never
     * touched), in bounded SCAN / UNLINK / drain steps that never block Redis for long (`pattern-run.ts`),
     * reporting progress (`onProgress`) and stopping between steps when `signal` aborts. Use `{ dryRun:
     * true }` first to count and sample what would go.
     * @throws CachemeError `E_INVALID_PATTERN` (empty, over-long, unclosed `[`, ...), `E_INVALID_OPTION`,
     *   `E_STORAGE_UNAVAILABLE` / `E_STORAGE_TIMEOUT` (never queued: an explicit admin call)
     */
    invalidatePattern(pattern: string, options?: PatternOptions): Promise<PatternResult>;
    /**
     * Removes every entry indexed under tag `name`, registered in this process or not (an admin process
     * may serve tags only other processes register). A no-op for a tag with no entries.
     * @returns entries removed (0 when the storage was unreachable: the invalidation is then queued).
     * @throws CachemeError `E_UNKNOWN_TAG` for a name that is not a non-empty string.
     */
    invalidateTag(name: string): Promise<number>;
    /** Read-only introspection of what this instance cached (tags, entries, keys, dependents). */
    get inspector(): Inspector;
    /**
     * A bounded list of records (strings) kept under the prefix's meta namespace, e.g. an audit history.
     * @throws CachemeError `E_INVALID_OPTION` for a bad name or `maxEntries`.
     */
    journal(name: string, options?: JournalOptions): Journal;
    /**
     * A series of integer counters per bucket, kept under the prefix's meta namespace (e.g. statistics).
     * @throws CachemeError `E_INVALID_OPTION` for a bad name.
     */
    counters(name: string): Counters;
    /**
     * Checks the storage: resolves once it answered and supports cacheme (RedisStorage: Redis ≥ 7.0 on
     * every master). The check runs once per instance, before its first storage operation, whether or not
     * you call this; `ready()` lets you await it at startup or in a health check. Resolves at once when the
     * instance is disabled.
     * @throws CachemeError `E_STORAGE_UNSUPPORTED` (server too old; cached calls then bypass the cache),
     *   `E_STORAGE_UNAVAILABLE` / `E_STORAGE_TIMEOUT` (not reachable now; checked again next time).
     */
    ready(): Promise<void>;
    /**
     * The in-process tier's state (`l1` option), or `undefined` when it is off. It subscribes to the
     * storage's invalidation notices on the first cached call (or `ready()`) and serves once that
     * subscription is confirmed (`state: 'ready'`; the `l1` event tells each change).
     */
    get l1(): L1Status | undefined;
    /** Subscribes to `hit`, `miss`, `invalidate`, `error` or `l1`. Returns an unsubscribe function. */
    on<E extends CachemeEventName>(event: E, listener: CachemeListener<E>): () => void;
    /** Removes a listener. */
    off<E extends CachemeEventName>(event: E, listener: CachemeListener<E>): void;
    /**
     * Attaches an ORM adapter: from now on its change events invalidate (after commit).
     * @returns a function that detaches it.
     */
    attach(adapter: CachemeAdapter): Promise<Detach>;
    /** Number of invalidations waiting for the storage to come back. */
    get pendingInvalidations(): number;
    /** Tries to deliver pending invalidations now. @returns `true` when nothing is pending any more. */
    flushPendingInvalidations(): Promise<boolean>;
    /**
     * Detaches every adapter, stops retry timers and closes the in-process tier's subscription. Does not
     * close the Redis client (you own it).
     */
    close(): Promise<void>;
}
/** Creates a cacheme instance. @example const cm = createCacheme({ storage: new RedisStorage(new Redis()) }) */
export declare function createCacheme(config?: CachemeConfig): Cacheme;
/**
 * The default instance's `configure()` (internal: not exported from the package).
 * @throws CachemeError `E_CONFIG_LOCKED` after the instance's first storage I/O.
 */
export declare function configureUnused(cm: Cacheme, config: CachemeConfig): void;
//# sourceMappingURL=cacheme.d.ts.map